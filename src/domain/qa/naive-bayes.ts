/**
 * Multinomial naive Bayes over the features present in a text (each counted once), with additive
 * smoothing. Hand-written: the npm classifiers either bring an English language model along
 * (wink-naive-bayes-text-classifier: 5 MB) or take dense numeric matrices (ml-naivebayes).
 */
export interface Ranked {
  label: string;
  probability: number;
}

export interface NaiveBayes {
  /** Every label, most probable first; probabilities sum to 1. */
  rank(features: readonly string[]): Ranked[];
}

export interface TrainingText {
  label: string;
  features: readonly string[];
}

interface LabelModel {
  label: string;
  logPrior: number;
  /** log(count + smoothing) of each feature seen with the label. */
  logCounts: Map<string, number>;
  /** log(features seen with the label + smoothing × vocabulary). */
  logDenominator: number;
}

export function trainNaiveBayes(texts: readonly TrainingText[], smoothing = 0.5): NaiveBayes {
  const byLabel = new Map<
    string,
    { texts: number; features: number; counts: Map<string, number> }
  >();
  const vocabulary = new Set<string>();
  for (const text of texts) {
    const entry = byLabel.get(text.label) ?? { texts: 0, features: 0, counts: new Map() };
    byLabel.set(text.label, entry);
    entry.texts++;
    for (const feature of new Set(text.features)) {
      entry.counts.set(feature, (entry.counts.get(feature) ?? 0) + 1);
      entry.features++;
      vocabulary.add(feature);
    }
  }
  const logSmoothing = Math.log(smoothing);
  const models: LabelModel[] = [...byLabel].map(([label, entry]) => ({
    label,
    logPrior: Math.log(entry.texts / texts.length),
    logCounts: new Map([...entry.counts].map(([f, n]) => [f, Math.log(n + smoothing)])),
    logDenominator: Math.log(entry.features + smoothing * vocabulary.size),
  }));

  return {
    rank(features) {
      const known = [...new Set(features)].filter((feature) => vocabulary.has(feature));
      const scores = models.map((model) => {
        let score = model.logPrior;
        for (const feature of known) {
          score += (model.logCounts.get(feature) ?? logSmoothing) - model.logDenominator;
        }
        return { label: model.label, score };
      });
      const top = Math.max(...scores.map((s) => s.score));
      const weights = scores.map((s) => ({ label: s.label, weight: Math.exp(s.score - top) }));
      const sum = weights.reduce((total, w) => total + w.weight, 0);
      return weights
        .map((w) => ({ label: w.label, probability: w.weight / sum }))
        .sort((a, b) => b.probability - a.probability);
    },
  };
}
