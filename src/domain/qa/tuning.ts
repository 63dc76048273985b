/** Thresholds and weights of the engine; DEFAULT_TUNING was set on data/rules/examples/qa-eval.jsonl. */
export interface QaTuning {
  /** Below this confidence the question is declined. */
  minConfidence: number;
  /** Below this share of the question explained by the rule, the question is declined. */
  minCoverage: number;
  /**
   * What a syllable counts for when the rule has it only inside a longer word and the question
   * not next to the rest of that word ("vàng" of "giá vàng" against "vàng mã").
   */
  unpairedShare: number;
  /** What a syllable counts for when the rule has it only in its quoted text (not a keyword). */
  textOnlyShare: number;
  /** Rank = BM25 score × coverage^coveragePower: how much the share of the question explained counts. */
  coveragePower: number;
  /** Least evidence (sum of idf of matched syllables, plus pairs) to answer at all. */
  minEvidence: number;
  /** Least evidence when the question also names an out-of-scope subject (salary, leave…). */
  minEvidenceOutOfScope: number;
  /** Least coverage when the question names an out-of-scope subject. */
  minCoverageOutOfScope: number;
  /** Weight of each syllable of an out-of-scope phrase in the coverage (never matched). */
  outOfScopeWeight: number;
  /** Weight of each syllable of a context word (hồ sơ, mùa hè) in the coverage (never matched). */
  contextWeight: number;
  /** Evidence at which a full match counts as certain. */
  fullEvidence: number;
  /** Weight of a syllable no rule contains: it lowers coverage as much as a rare rule word. */
  unknownWeight: number;
  /** Weight of a number ("15 phút", "2024"). */
  numberWeight: number;
  /** What a look-alike match (same letters, other diacritics) counts for. */
  lookAlikeShare: number;
  /** Share of a matched pair's idf added to the evidence. */
  pairBonus: number;
  /** Second rule within this share of the best score → ask which one was meant. */
  ambiguityMargin: number;
  /** The same for a runner-up of another topic. */
  crossTopicMargin: number;
  /** Below this coverage the best rule is offered ("did you mean…?") instead of quoted. */
  offerBelowCoverage: number;
  /**
   * A best rule below the answer thresholds but at least this confident (with the least evidence
   * and no out-of-scope subject) is offered ("did you mean…?"), never quoted; below it, declined.
   */
  offerMinConfidence: number;
  /** Least evidence for such an offer. */
  offerMinEvidence: number;
  /** Most related rules offered after an answer, and most runners-up weighed for ambiguity. */
  maxRelated: number;
  /** MiniSearch results re-ranked by coverage. */
  candidates: number;
  /**
   * A question no rule's words explain is offered the rules of the topic the labelled examples
   * see, when they also see it as a rules question with at least this probability.
   */
  learnedInScope: number;
  /** The same for a question that also names a subject outside the rules (salary, leave…). */
  learnedInScopeOutOfScope: number;
  /**
   * Such a question must have a word the examples mostly use with one topic, or at least this
   * many content words: "cán bộ có được không" names no matter.
   */
  learnedMinWords: number;
  /** Least probability of the examples' best rule to turn a "did you mean" on it into an answer. */
  learnedAgreement: number;
  /** Rules offered from the examples: those at least this share of the best one's probability. */
  learnedOfferShare: number;
  /** Most rules offered from the examples. */
  maxOffered: number;
  /**
   * The examples see no rules question at all, with "about the rules" below this probability:
   * declined even when some rule's words match ("thắp hương ở chùa", "giá bia hôm nay").
   */
  learnedOutOfScope: number;
}

export const DEFAULT_TUNING: QaTuning = {
  minConfidence: 0.35,
  minCoverage: 0,
  unpairedShare: 0.5,
  textOnlyShare: 0.5,
  coveragePower: 1.5,
  minEvidence: 2,
  minEvidenceOutOfScope: 4,
  minCoverageOutOfScope: 0.5,
  outOfScopeWeight: 3.5,
  contextWeight: 1,
  fullEvidence: 5,
  unknownWeight: 2,
  numberWeight: 0.5,
  lookAlikeShare: 0.25,
  pairBonus: 0.5,
  ambiguityMargin: 0.1,
  crossTopicMargin: 0.3,
  offerBelowCoverage: 0.45,
  offerMinConfidence: 0.25,
  offerMinEvidence: 8,
  maxRelated: 2,
  candidates: 8,
  learnedInScope: 0.999,
  learnedInScopeOutOfScope: 0.9999,
  learnedMinWords: 3,
  learnedAgreement: 0.9,
  learnedOfferShare: 0.1,
  learnedOutOfScope: 0.01,
  maxOffered: 3,
};
