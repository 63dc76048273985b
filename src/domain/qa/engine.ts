import type { SearchResult } from "minisearch";
import type { Locale } from "../../core/message-key.js";
import { analyse, terms } from "./analyse.js";
import { assess, type Assessment } from "./confidence.js";
import { createGate, type MessageKind } from "./gate.js";
import type { DocumentMeta, KnowledgeBase, Overview, Rule, Topic } from "./knowledge-base.js";
import { compileLexicon } from "./lexicon.js";
import { capQuestion } from "./normalise.js";
import { learnModel } from "./learned-model.js";
import { createOverviewFinder } from "./overview.js";
import {
  renderAmbiguous,
  renderDeclined,
  renderNotAQuestion,
  renderOverview,
  renderRuleAnswer,
  ruleTitle,
  topicSummaries,
  type OverviewGroup,
} from "./render.js";
import { buildRuleIndex } from "./search-index.js";
import { DEFAULT_TUNING, type QaTuning } from "./tuning.js";
import type { QaAlternative, QaResult, TopicSummary } from "./types.js";

interface Candidate {
  rule: Rule;
  assessment: Assessment;
  rank: number;
}

export interface QaEngine {
  ask(question: string, locale?: Locale): QaResult;
  /** The answer for one rule, e.g. after the user picked a choice of an ambiguous answer. */
  answerRule(ruleId: string, locale?: Locale, question?: string): QaResult | null;
  topics(): TopicSummary[];
  /** The documents the answers are quoted from. */
  documents(): DocumentMeta[];
  /** What a message is before the rules: the chat sends report-like text to the report flow. */
  classify(text: string): MessageKind;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

export function createQaEngine(kb: KnowledgeBase, tuning: QaTuning = DEFAULT_TUNING): QaEngine {
  const gate = createGate(kb.gate);
  // Colloquial words are same-meaning variants of a rule concept, kept apart for their sources.
  const lexicon = compileLexicon({
    ...kb.lexicon,
    synonyms: [
      ...kb.lexicon.synonyms,
      ...kb.colloquial.map((mapping) => ({
        canonical: mapping.concept,
        variants: mapping.words,
        notIn: [],
      })),
    ],
  });
  const index = buildRuleIndex(kb, lexicon);
  const learned = learnModel(kb, lexicon);
  const overviews = createOverviewFinder(kb.overviews, lexicon);
  const documents = new Map(kb.documents.map((document) => [document.id, document]));
  const topicsInUse = new Set<Topic>(kb.rules.map((rule) => rule.topic));
  const ruleOf = (id: string): Rule => {
    const rule = index.rules.get(id);
    if (!rule) throw new Error(`unknown rule ${id}`);
    return rule;
  };
  const alternative = (rule: Rule, locale?: Locale): QaAlternative => ({
    ruleId: rule.id,
    title: ruleTitle(rule, locale),
    topic: rule.topic,
  });
  const summaries = (): TopicSummary[] =>
    topicSummaries().filter((summary) => topicsInUse.has(summary.topic));

  // Related rules are the curated ones: runners-up of the search are often look-alikes
  // ("dép lê" / "lễ hội") and, when really close, are offered as choices instead.
  function answered(q: string, rule: Rule, score: number, locale?: Locale): QaResult {
    const alternatives = rule.related
      .slice(0, tuning.maxRelated)
      .map((id) => alternative(ruleOf(id), locale));
    const pointer = rule.pointer === undefined ? undefined : kb.pointers[rule.pointer];
    const samePoint = rule.samePoint.map((id) => {
      const other = ruleOf(id);
      return { rule: other, document: documents.get(other.document) };
    });
    return {
      q,
      kind: "answer",
      topic: rule.topic,
      score,
      ruleId: rule.id,
      reply: renderRuleAnswer(rule, pointer, alternatives, samePoint, locale),
      citation: rule.citation,
      alternatives,
      ambiguous: false,
    };
  }

  function notAnswered(
    q: string,
    kind: "declined" | "empty" | "report" | "date" | "command" | "greeting" | "thanks",
    score: number,
  ): QaResult {
    const reply =
      kind === "declined" || kind === "empty"
        ? renderDeclined(kind === "empty", summaries())
        : renderNotAQuestion(kind);
    return {
      q,
      kind,
      topic: null,
      score,
      ruleId: null,
      reply,
      citation: null,
      alternatives: [],
      ambiguous: false,
    };
  }

  function overviewAnswer(q: string, overview: Overview, locale?: Locale): QaResult {
    const groups: OverviewGroup[] = [];
    if (overview.topic !== null) {
      for (const document of kb.documents) {
        const rules = kb.rules.filter(
          (rule) => rule.topic === overview.topic && rule.document === document.id,
        );
        if (rules.length > 0) groups.push({ document, rules });
      }
    }
    const citations =
      overview.topic === null
        ? [overview.citation ?? ""]
        : [...new Set(groups.flatMap((group) => group.rules.map((rule) => rule.citation)))];
    return {
      q,
      kind: "overview",
      topic: overview.topic,
      score: 1,
      ruleId: null,
      reply: renderOverview(overview, groups, locale),
      citation: citations.join("; "),
      alternatives: [],
      ambiguous: false,
    };
  }

  function ask(question: string, locale?: Locale): QaResult {
    const q = capQuestion(question).trim();
    // A report, a date, a command word, a greeting or thanks is never a rules question.
    const kind = gate.classify(q);
    if (kind !== "question") return notAnswered(q, kind, 0);

    const overview = overviews.find(q);
    if (overview !== undefined && (overview.topic === null || topicsInUse.has(overview.topic))) {
      return overviewAnswer(q, overview, locale);
    }

    const analysed = analyse(q, lexicon, index.knownPairs, { question: true });
    const namesOutOfScope = analysed.outOfScope.includes(true);
    const passes = ({ assessment }: Candidate): boolean =>
      assessment.confidence >= tuning.minConfidence &&
      assessment.evidence >= tuning.minEvidence &&
      assessment.coverage >= tuning.minCoverage &&
      (!namesOutOfScope ||
        (assessment.evidence >= tuning.minEvidenceOutOfScope &&
          assessment.coverage >= tuning.minCoverageOutOfScope));

    // BM25 from MiniSearch, re-weighted by how much of the question each rule explains: a rule
    // matching the one rare word ("chào") beats rules matching only the common ones ("người dân").
    const candidates: Candidate[] = index
      .search(terms(analysed))
      .slice(0, tuning.candidates)
      .map((result: SearchResult) => {
        const assessment = assess(analysed, index, result.id as string, tuning);
        return {
          rule: ruleOf(result.id as string),
          assessment,
          rank: result.score * assessment.coverage ** tuning.coveragePower,
        };
      })
      .sort((a, b) => b.rank - a.rank);

    const best = candidates[0];
    const score = round(best?.assessment.confidence ?? 0);
    const judgement = learned?.judge(analysed.folded);
    // The examples see no rules question: a rule's words in a message about something else
    // ("thắp hương ở chùa") are never quoted, and a clear "no" is declined outright.
    const seenAsNone = judgement !== undefined && judgement.topic === null;
    if (seenAsNone && judgement.inScope < tuning.learnedOutOfScope) {
      return notAnswered(q, "declined", score);
    }
    const lexical = decideByWords(best, candidates, passes, namesOutOfScope);
    if (lexical.kind === "answer") {
      // The examples see another topic, or most likely no rules question: quoting would risk the
      // wrong rule, so the bot asks.
      const seen = judgement?.topic;
      if (
        judgement === undefined ||
        (judgement.inScope >= 0.5 && (seen === lexical.rule.topic || seen === null))
      ) {
        return answered(q, lexical.rule, score, locale);
      }
      const other = seen ? judgement.rulesOf(seen)[0] : undefined;
      const choices = other === undefined ? [lexical.rule] : [lexical.rule, ruleOf(other.ruleId)];
      return offered(q, choices, score, locale);
    }
    if (lexical.kind === "offer") {
      // Words and examples point at the same one rule with confidence: that is an answer. Two
      // close rules stay a question: both fit.
      const [first] = lexical.rules;
      const learnedFirst = first && judgement?.rulesOf(first.topic)[0];
      if (
        lexical.rules.length === 1 &&
        first !== undefined &&
        judgement?.topic === first.topic &&
        learnedFirst?.ruleId === first.id &&
        learnedFirst.probability >= tuning.learnedAgreement
      ) {
        return answered(q, first, score, locale);
      }
      return offered(q, lexical.rules, score, locale);
    }
    // No rule's words: the examples may still recognise a rules question of one topic, which
    // is offered ("did you mean…?"), never quoted. A message naming a subject outside the rules
    // (pay, leave, procedures) needs more; one naming no matter ("cán bộ có được không") nothing.
    const contentWords = analysed.folded.filter((_, i) => analysed.content[i]);
    const namesMatter =
      (learned?.topical(contentWords) ?? 0) > 0 || contentWords.length >= tuning.learnedMinWords;
    const inScopeNeeded = namesOutOfScope ? tuning.learnedInScopeOutOfScope : tuning.learnedInScope;
    if (judgement?.topic && judgement.inScope >= inScopeNeeded && namesMatter) {
      const ranked = judgement.rulesOf(judgement.topic);
      const floor = (ranked[0]?.probability ?? 0) * tuning.learnedOfferShare;
      const choices = ranked
        .filter((r) => r.probability >= floor)
        .slice(0, tuning.maxOffered)
        .map((r) => ruleOf(r.ruleId));
      if (choices.length > 0) return offered(q, choices, score, locale);
    }
    return notAnswered(q, analysed.tokens.length === 0 ? "empty" : "declined", score);
  }

  /**
   * What the rules' own words (keywords, colloquial words, text) say: quote the best rule, offer
   * it with close runners-up, or nothing.
   */
  function decideByWords(
    best: Candidate | undefined,
    candidates: readonly Candidate[],
    passes: (candidate: Candidate) => boolean,
    namesOutOfScope: boolean,
  ): { kind: "answer"; rule: Rule } | { kind: "offer"; rules: Rule[] } | { kind: "none" } {
    if (best === undefined) return { kind: "none" };
    if (!passes(best)) {
      // Close to the thresholds: the best rule is worth offering, never worth quoting.
      const offer =
        !namesOutOfScope &&
        best.assessment.evidence >= tuning.offerMinEvidence &&
        best.assessment.confidence >= tuning.offerMinConfidence;
      return offer ? { kind: "offer", rules: [best.rule] } : { kind: "none" };
    }
    // Runners-up that would be answered on their own: close ones make the question ambiguous,
    // unless they are the same point in another document (the answer quotes those anyway).
    const contenders = candidates
      .slice(1, 1 + tuning.maxRelated)
      .filter(passes)
      .filter((other) => !best.rule.samePoint.includes(other.rule.id));
    // A runner-up of another topic needs to be less close to make the bot ask: quoting a rule
    // of the wrong topic is worse than asking.
    const close = contenders.filter(
      (other) =>
        other.rank >=
        best.rank *
          (1 -
            (other.rule.topic === best.rule.topic
              ? tuning.ambiguityMargin
              : tuning.crossTopicMargin)),
    );
    // Most of the question unexplained: quoting the rule would be a guess, offering it is not.
    const unsure = best.assessment.coverage < tuning.offerBelowCoverage;
    if (close.length === 0 && !unsure) return { kind: "answer", rule: best.rule };
    return { kind: "offer", rules: [best.rule, ...close.map((other) => other.rule)] };
  }

  /** "Which one did you mean?" with the rules as choices; the first is the best. */
  function offered(q: string, choices: Rule[], score: number, locale?: Locale): QaResult {
    return {
      q,
      kind: "ambiguous",
      topic: choices[0]?.topic ?? null,
      score,
      ruleId: null,
      reply: renderAmbiguous(choices, locale),
      citation: null,
      alternatives: choices.map((rule) => alternative(rule, locale)),
      ambiguous: true,
    };
  }

  return {
    ask,
    answerRule(ruleId, locale, question = "") {
      const rule = index.rules.get(ruleId);
      return rule ? answered(capQuestion(question).trim(), rule, 1, locale) : null;
    },
    topics: summaries,
    documents: () => [...kb.documents],
    classify: (text) => gate.classify(text),
  };
}
