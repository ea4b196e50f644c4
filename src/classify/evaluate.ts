/** Precision, recall and F1 of one label. */
export interface LabelMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** How many gold rows carry the label. */
  support: number;
  /** How many rows were predicted as the label. */
  predicted: number;
}

export interface Evaluation {
  n: number;
  accuracy: number;
  /** Mean F1 over the labels that occur in the gold column. */
  macroF1: number;
  /** The labels of the report and of the confusion matrix, in the order given to {@link evaluate}. */
  labels: string[];
  perLabel: LabelMetrics[];
  /** `confusion[g][p]`: rows whose gold label is `labels[g]` and prediction `labels[p]`. */
  confusion: number[][];
}

/**
 * Scores predictions against gold labels. Only labels that occur in the gold or the predictions are
 * reported; macro-F1 averages over the gold labels, so a file that holds no `not_complaint` rows is
 * not scored on a class it does not test (a wrong prediction still costs its row's class recall).
 */
export function evaluate(gold: readonly string[], predicted: readonly string[], order: readonly string[]): Evaluation {
  if (gold.length !== predicted.length) {
    throw new Error(`evaluate: ${gold.length} gold labels but ${predicted.length} predictions`);
  }
  const seen = new Set([...gold, ...predicted]);
  const labels = [...order.filter((l) => seen.has(l)), ...[...seen].filter((l) => !order.includes(l)).sort()];
  const at = new Map(labels.map((label, i) => [label, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = at.get(gold[i] as string) as number;
    const p = at.get(predicted[i] as string) as number;
    (confusion[g] as number[])[p] = ((confusion[g] as number[])[p] as number) + 1;
    if (g === p) correct++;
  }
  const perLabel = labels.map((label, i): LabelMetrics => {
    const truePositives = (confusion[i] as number[])[i] as number;
    const support = (confusion[i] as number[]).reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((sum, row) => sum + (row[i] as number), 0);
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support, predicted: predictedCount };
  });
  const scored = perLabel.filter((m) => m.support > 0);
  return {
    n: gold.length,
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    macroF1: scored.length === 0 ? 0 : scored.reduce((sum, m) => sum + m.f1, 0) / scored.length,
    labels,
    perLabel,
    confusion,
  };
}
