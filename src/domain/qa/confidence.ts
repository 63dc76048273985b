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
    matched += weight * share(tokens[i] ?? "", term, syllable === tokens[i]);
    if (content[i + 1]) {
      const pair = foldedPair(syllable, folded[i + 1] ?? "");
      const bare = syllable === tokens[i] && folded[i + 1] === tokens[i + 1];
      const pairShare = share(`${tokens[i]}_${tokens[i + 1]}`, pair, bare);
      pairs += pairShare * tuning.pairBonus * (index.idf(pair) ?? 0);
    }
  }
  const evidence = matched + pairs;
  const coverage = total === 0 ? 0 : matched / total;
  return { evidence, coverage, confidence: coverage * Math.min(1, evidence / tuning.fullEvidence) };
}
