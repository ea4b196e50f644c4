import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateUrgency } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../../src/classify/offline-classifier.ts';

const HELDOUT = fileURLToPath(new URL('../../corpus/urgency/heldout2.tsv', import.meta.url));

// corpus/urgency/heldout2.tsv was written by someone who never saw the rules. When it was first read,
// with the rules committed and frozen, they reached recall 0.8254 (52 of 63) and precision 0.9455 (52
// of 55); the rules before that reached 0.7302 and 0.9200. Its misses and false alarms were then read
// and the rules revised by families of phrasing (with new examples in corpus/urgency/dev2.tsv), so it
// is now a development set: the floors below — recall 1.0 (63 of 63), precision 1.0 (63 of 63) — guard
// against regressions and say nothing about unseen reports (corpus/urgency/README.md).
describe('urgency on corpus/urgency/heldout2.tsv (now a development set)', () => {
  it('keeps urgent recall and precision at 1.0', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(HELDOUT, LABELS);
    expect(rows.length).toBe(138);
    expect(rows.every((row) => row.urgency !== undefined)).toBe(true);
    const result = evaluateUrgency(
      rows.map((row) => row.urgency!),
      rows.map((row) => classifier.classifySync(row.text).urgency),
    );
    expect(result.nUrgent).toBe(63);
    expect(result.recall).toBeGreaterThanOrEqual(1);
    expect(result.precision).toBeGreaterThanOrEqual(1);
  });
});
