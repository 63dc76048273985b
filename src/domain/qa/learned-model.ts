import { fold } from "../text/fold.js";
import type { Example, KnowledgeBase } from "./knowledge-base.js";
import type { CompiledLexicon } from "./lexicon.js";
import { trainNaiveBayes, type NaiveBayes } from "./naive-bayes.js";
import { expandedSyllables } from "./analyse.js";
import { normaliseText } from "./normalise.js";
import { TOPICS, type Topic } from "./topics.js";

/** The label of a message about none of the rules. */
const OUTSIDE = "none";
const INSIDE = "in";

/** What the labelled examples say of a question, next to what the rules' own words say. */
export interface LearnedJudgement {
  /** The most probable topic, or null when the message is most probably about none of them. */
  topic: Topic | null;
  /** Probability of that topic (or of none). */
  topicProbability: number;
  /** Probability that the message asks about the rules at all. */
  inScope: number;
  /** Rules of a topic, most probable first. */
  rulesOf(topic: Topic): { ruleId: string; probability: number }[];
}

export interface LearnedModel {
  /** What the examples say of a question, given as its folded syllables (`analyse`'s `folded`). */
  judge(words: readonly string[]): LearnedJudgement;
  /**
   * How many of these folded words (and pairs of them) the examples mostly use with one topic
   * ("dép", "nhậu"); the words of "cán bộ có được không" name no matter at all.
   */
  topical(words: readonly string[]): number;
}

/**
 * Folded syllables and pairs of adjacent ones: "khong", "duoc", …, "quan_dui". Pairs carry most of
 * the meaning in Vietnamese.
 */
function featuresOf(words: readonly string[]): string[] {
  return [...words, ...words.slice(1).map((word, i) => `${words[i]}_${word}`)];
}

/**
 * The rule an example is about: named, or the one rule of its topic holding all its key phrases.
 * `rules` carry their text normalised once.
 */
function ruleOfExample(
  example: Example,
  rules: readonly { id: string; topic: Topic; normalisedText: string }[],
): string | undefined {
  if (example.rule !== undefined) return example.rule;
  const phrases = example.phrases?.map(normaliseText);
  if (example.topic === null || phrases === undefined || phrases.length === 0) return undefined;
  const holding = rules.filter(
    (rule) =>
      rule.topic === example.topic &&
      phrases.every((phrase) => rule.normalisedText.includes(phrase)),
  );
  return holding.length === 1 ? holding[0]?.id : undefined;
}

/** A feature seen in at least this many in-scope examples, this share of them of one topic. */
const TOPICAL_MIN_EXAMPLES = 3;
const TOPICAL_MIN_SHARE = 0.75;

function topicalFeatures(
  texts: readonly { label: string; features: readonly string[] }[],
): Set<string> {
  const perTopic = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const feature of new Set(text.features)) {
      const counts = perTopic.get(feature) ?? new Map<string, number>();
      perTopic.set(feature, counts);
      counts.set(text.label, (counts.get(text.label) ?? 0) + 1);
    }
  }
  const out = new Set<string>();
  for (const [feature, counts] of perTopic) {
    const values = [...counts.values()];
    const total = values.reduce((sum, n) => sum + n, 0);
    if (total >= TOPICAL_MIN_EXAMPLES && Math.max(...values) / total >= TOPICAL_MIN_SHARE) {
      out.add(feature);
    }
  }
  return out;
}

const isOffTopic = (example: Example): boolean =>
  example.topic === null && (example.kind === undefined || example.kind === "offtopic");

/**
 * Naive Bayes models learned from the examples and the rules' own words: the topic of a question
 * (or none), whether it is about the rules at all (also taught by the lexicon's out-of-scope
 * subjects and everyday requests), and its rule. Undefined without examples of both kinds, since
 * a model that never saw an off-topic message cannot tell one.
 */
export function learnModel(kb: KnowledgeBase, lexicon: CompiledLexicon): LearnedModel | undefined {
  // Teencode expanded as for a question: "ko dc mac quan dui" is "không được mặc quần đùi".
  const features = (text: string) => featuresOf(expandedSyllables(text, lexicon).map(fold));
  const examples = kb.examples.filter((example) => example.topic !== null || isOffTopic(example));
  if (!examples.some((example) => example.topic === null) || !examples.some((e) => e.topic)) {
    return undefined;
  }
  const labelled = examples.map((example) => ({
    label: example.topic ?? OUTSIDE,
    features: features(example.q),
  }));
  const topics = trainNaiveBayes(labelled);
  const scope = trainNaiveBayes([
    ...labelled.map(({ label, features: f }) => ({
      label: label === OUTSIDE ? OUTSIDE : INSIDE,
      features: f,
    })),
    ...[...kb.lexicon.outOfScope, ...kb.lexicon.requests].map((phrase) => ({
      label: OUTSIDE,
      features: features(phrase),
    })),
  ]);
  const ruleTexts = kb.rules.flatMap((rule) =>
    [rule.title, rule.text, ...rule.keywords, ...rule.questions].map((text) => ({
      label: rule.id,
      features: features(text),
    })),
  );
  const normalisedRules = kb.rules.map((rule) => ({
    id: rule.id,
    topic: rule.topic,
    normalisedText: normaliseText(rule.text),
  }));
  const ruleExamples = examples.flatMap((example) => {
    const ruleId = ruleOfExample(example, normalisedRules);
    return ruleId === undefined ? [] : [{ label: ruleId, features: features(example.q) }];
  });
  const rules: NaiveBayes = trainNaiveBayes([...ruleTexts, ...ruleExamples]);
  const topicOf = new Map(kb.rules.map((rule) => [rule.id, rule.topic]));
  const topical = topicalFeatures(labelled.filter((text) => text.label !== OUTSIDE));
  const topicLabels = new Map<string, Topic>(TOPICS.map((topic) => [topic, topic]));

  return {
    topical(words) {
      return new Set(featuresOf(words).filter((feature) => topical.has(feature))).size;
    },
    judge(words) {
      const f = featuresOf(words);
      const first = topics.rank(f)[0];
      const best = first?.label ?? OUTSIDE;
      const inScope = scope.rank(f).find((r) => r.label === INSIDE)?.probability ?? 0;
      let ranked: { label: string; probability: number }[] | undefined;
      return {
        topic: topicLabels.get(best) ?? null,
        topicProbability: first?.probability ?? 1,
        inScope,
        rulesOf(topic) {
          ranked ??= rules.rank(f);
          return ranked
            .filter((r) => topicOf.get(r.label) === topic)
            .map((r) => ({ ruleId: r.label, probability: r.probability }));
        },
      };
    },
  };
}
