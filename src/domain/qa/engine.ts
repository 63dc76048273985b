import type { SearchResult } from "minisearch";
import type { Locale } from "../../i18n.js";
import { analyse, terms } from "./analyse.js";
import { assess, type Assessment } from "./confidence.js";
import type { KnowledgeBase, Rule } from "./knowledge-base.js";
import { compileLexicon } from "./lexicon.js";
import { capQuestion } from "./normalise.js";
import {
  renderAmbiguous,
  renderDeclined,
  renderRuleAnswer,
  ruleTitle,
  topicSummaries,
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
  topics(locale?: Locale): TopicSummary[];
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

export function createQaEngine(kb: KnowledgeBase, tuning: QaTuning = DEFAULT_TUNING): QaEngine {
  const lexicon = compileLexicon(kb.lexicon);
  const index = buildRuleIndex(kb, lexicon);
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

  // Related rules are the curated ones: runners-up of the search are often look-alikes
  // ("dép lê" / "lễ hội") and, when really close, are offered as choices instead.
  function answered(q: string, rule: Rule, score: number, locale?: Locale): QaResult {
    const alternatives = rule.related
      .slice(0, tuning.maxRelated)
      .map((id) => alternative(ruleOf(id), locale));
    const pointer = rule.pointer === undefined ? undefined : kb.pointers[rule.pointer];
    return {
      q,
      topic: rule.topic,
      score,
      ruleId: rule.id,
      answer: renderRuleAnswer(rule, pointer, alternatives, locale),
      citation: rule.citation,
      alternatives,
      ambiguous: false,
    };
  }

  function declined(q: string, score: number, empty: boolean, locale?: Locale): QaResult {
    const answer = renderDeclined(empty, locale);
    return {
      q,
      topic: null,
      score,
      ruleId: null,
      answer,
      citation: null,
      alternatives: [],
      ambiguous: false,
    };
  }

  function ask(question: string, locale?: Locale): QaResult {
    const q = capQuestion(question).trim();
    const analysed = analyse(q, lexicon, index.knownPairs);
    const namesOutOfScope = analysed.outOfScope.includes(true);
    const passes = ({ assessment }: Candidate): boolean =>
      assessment.confidence >= tuning.minConfidence &&
      assessment.evidence >= tuning.minEvidence &&
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
          rank: result.score * assessment.coverage,
        };
      })
      .sort((a, b) => b.rank - a.rank);

    const best = candidates[0];
    if (best === undefined) return declined(q, 0, analysed.tokens.length === 0, locale);
    const score = round(best.assessment.confidence);
    if (!passes(best)) return declined(q, score, false, locale);

    // Runners-up that would be answered on their own: close ones make the question ambiguous.
    const contenders = candidates.slice(1, 1 + tuning.maxRelated).filter(passes);
    const close = contenders.filter(
      (other) => other.rank >= best.rank * (1 - tuning.ambiguityMargin),
    );
    if (close.length === 0) return answered(q, best.rule, score, locale);
    const choices = [best.rule, ...close.map((other) => other.rule)];
    return {
      q,
      topic: best.rule.topic,
      score,
      ruleId: null,
      answer: renderAmbiguous(choices, locale),
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
    topics: (locale) => topicSummaries(locale),
  };
}
