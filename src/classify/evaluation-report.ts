import type { Evaluation, UrgencyEvaluation } from './evaluate.ts';

const fixed = (x: number): string => x.toFixed(4);

/**
 * Renders an evaluation as plain text: accuracy and macro-F1, a per-label table, the confusion matrix
 * (rows = gold, columns = predicted), and as the very last line, for scripts,
 * `accuracy=<0..1> macro_f1=<0..1> n=<count>`. With `urgency` (the file had an `urgency` column), an
 * urgency section follows the matrix and the line before the last reads
 * `urgent_recall=<0..1> urgent_precision=<0..1> n_urgent=<count>`.
 */
export function formatEvaluation(evaluation: Evaluation, urgency?: UrgencyEvaluation): string {
  const { labels, perLabel, confusion } = evaluation;
  const width = Math.max(13, ...labels.map((l) => l.length)) + 2;
  const lines = [
    `accuracy  ${fixed(evaluation.accuracy)}`,
    `macro-F1  ${fixed(evaluation.macroF1)}  (mean over the ${perLabel.filter((m) => m.support > 0).length} labels present in the file)`,
    '',
    `${'label'.padEnd(width)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'f1'.padStart(10)}${'support'.padStart(10)}`,
    ...perLabel.map(
      (m) =>
        `${m.label.padEnd(width)}${fixed(m.precision).padStart(10)}${fixed(m.recall).padStart(10)}${fixed(m.f1).padStart(10)}${String(m.support).padStart(10)}`,
    ),
    '',
    'confusion matrix (rows = gold, columns = predicted)',
    `${''.padEnd(width)}${labels.map((l) => abbreviate(l).padStart(8)).join('')}`,
    ...labels.map((l, g) => `${l.padEnd(width)}${(confusion[g] ?? []).map((c) => String(c).padStart(8)).join('')}`),
    '',
    ...(urgency === undefined
      ? []
      : [
          `urgency (${urgency.n} rows, ${urgency.nUrgent} urgent)`,
          `urgent recall     ${fixed(urgency.recall)}  (${urgency.truePositives} of the ${urgency.nUrgent} urgent rows flagged urgent)`,
          `urgent precision  ${fixed(urgency.precision)}  (${urgency.truePositives} of the ${urgency.predictedUrgent} rows flagged urgent are urgent)`,
          '',
          `urgent_recall=${fixed(urgency.recall)} urgent_precision=${fixed(urgency.precision)} n_urgent=${urgency.nUrgent}`,
        ]),
    `accuracy=${fixed(evaluation.accuracy)} macro_f1=${fixed(evaluation.macroF1)} n=${evaluation.n}`,
  ];
  return lines.join('\n');
}

function abbreviate(label: string): string {
  return label.length <= 7 ? label : label.slice(0, 7);
}
