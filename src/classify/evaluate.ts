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

/** How well urgent messages are caught: urgent is the positive class. */
export interface UrgencyEvaluation {
  /** Rows scored (those with a gold urgency). */
  n: number;
  /** Rows whose gold urgency is `urgent`. */
  nUrgent: number;
  /** Rows predicted `urgent`. */
  predictedUrgent: number;
  /** Urgent rows predicted urgent. */
  truePositives: number;
  /** Of the urgent rows, the share predicted urgent (0 when there are none). */
  recall: number;
  /** Of the rows predicted urgent, the share that are urgent (0 when none was predicted). */
  precision: number;
  /** Indices of urgent rows predicted normal. */
  missed: number[];
  /** Indices of normal rows predicted urgent. */
  falseAlarms: number[];
}

/** Scores predicted urgencies against gold ones, urgent being the class that must not be missed. */
export function evaluateUrgency(gold: readonly string[], predicted: readonly string[]): UrgencyEvaluation {
  if (gold.length !== predicted.length) {
    throw new Error(`evaluateUrgency: ${gold.length} gold urgencies but ${predicted.length} predictions`);
  }
  const missed: number[] = [];
  const falseAlarms: number[] = [];
  let nUrgent = 0;
  let predictedUrgent = 0;
  let truePositives = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (g === 'urgent') nUrgent++;
    if (p === 'urgent') predictedUrgent++;
    if (g === 'urgent' && p === 'urgent') truePositives++;
    else if (g === 'urgent') missed.push(i);
    else if (p === 'urgent') falseAlarms.push(i);
  });
  return {
    n: gold.length,
    nUrgent,
    predictedUrgent,
    truePositives,
    recall: nUrgent === 0 ? 0 : truePositives / nUrgent,
    precision: predictedUrgent === 0 ? 0 : truePositives / predictedUrgent,
    missed,
    falseAlarms,
  };
}
