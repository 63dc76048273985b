import { foldedPair, foldedTerm, type AnalysedText } from "./analyse.js";
import type { RuleIndex } from "./search-index.js";
import type { QaTuning } from "./tuning.js";

export interface Assessment {
  evidence: number;
  coverage: number;
  confidence: number;
}

/**
 * How much of the question the rule explains. A syllable typed with diacritics that the rule has
 * only in another spelling ("giấy" for "giày", "đẹp" for "dép") is a look-alike and counts little.
 */
export function assess(
  analysed: AnalysedText,
  index: RuleIndex,
  ruleId: string,
  tuning: QaTuning,
): Assessment {
  const ruleTerms = index.ruleTerms.get(ruleId) ?? new Set<string>();
  const standalone = index.standalone.get(ruleId) ?? new Set<string>();
  const fragments = index.fragmentPairs.get(ruleId) ?? new Set<string>();
  const textOnly = index.textOnly.get(ruleId) ?? new Set<string>();
  const wholePair = (pair: string | undefined): boolean =>
    pair !== undefined && ruleTerms.has(pair) && !fragments.has(pair);
  const { tokens, folded, content, outOfScope, context } = analysed;
  const share = (exact: string, foldedForm: string, typedBare: boolean): number =>
    !ruleTerms.has(foldedForm) ? 0 : typedBare || ruleTerms.has(exact) ? 1 : tuning.lookAlikeShare;
  let total = 0;
  let matched = 0;
  let pairs = 0;
  for (let i = 0; i < folded.length; i++) {
    if (outOfScope[i]) total += tuning.outOfScopeWeight;
    else if (context[i]) total += tuning.contextWeight;
    if (!content[i]) continue;
    const syllable = folded[i] ?? "";
    const term = foldedTerm(syllable);
    const weight = /^\d+$/.test(syllable)
      ? tuning.numberWeight
      : (index.idf(term) ?? tuning.unknownWeight);
    total += weight;
    // A syllable is evidence on its own when the rule has it as a word of its own, or when the
    // question has it next to the rest of the rule's word; else it is a fragment ("vàng" of
    // "vàng mã" in "giá vàng") and counts less.
    const before = content[i - 1] ? foldedPair(folded[i - 1] ?? "", syllable) : undefined;
    const after = content[i + 1] ? foldedPair(syllable, folded[i + 1] ?? "") : undefined;
    const whole = standalone.has(term) || wholePair(before) || wholePair(after);
    const found =
      weight *
      share(tokens[i] ?? "", term, syllable === tokens[i]) *
      (textOnly.has(term) ? tuning.textOnlyShare : 1);
    matched += found * (whole ? 1 : tuning.unpairedShare);
    if (content[i + 1]) {
      const pair = foldedPair(syllable, folded[i + 1] ?? "");
      const bare = syllable === tokens[i] && folded[i + 1] === tokens[i + 1];
      const pairShare = share(`${tokens[i]}_${tokens[i + 1]}`, pair, bare);
      pairs +=
        pairShare *
        tuning.pairBonus *
        (index.idf(pair) ?? 0) *
        (fragments.has(pair) ? tuning.unpairedShare : 1);
    }
  }
  const evidence = matched + pairs;
  const coverage = total === 0 ? 0 : matched / total;
  return {
    evidence,
    coverage,
    confidence: coverage * Math.min(1, evidence / tuning.fullEvidence),
  };
}
