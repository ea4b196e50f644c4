import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateUrgency } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../../src/classify/offline-classifier.ts';

const HELDOUT = fileURLToPath(new URL('../../corpus/urgency/heldout2.tsv', import.meta.url));

// A regression guard on urgent reports and look-alikes written by someone who never saw the rules,
// after their revision on corpus/urgency/heldout.tsv (corpus/urgency/heldout2.tsv). The floors are the
// figures measured when the set was first read, with the rules committed and frozen: recall 0.8254
// (52 of 63), precision 0.9455 (52 of 55); the rules before that revision reached 0.7302 and 0.9200.
// The target is recall ≥ 0.95: it is not met here. Raising a floor must come from rules
// written against other data, never from reading this file's misses.
describe('urgency on corpus/urgency/heldout2.tsv', () => {
  it('keeps urgent recall ≥ 0.82 and precision ≥ 0.94', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(HELDOUT, LABELS);
    expect(rows.length).toBe(138);
    expect(rows.every((row) => row.urgency !== undefined)).toBe(true);
    const result = evaluateUrgency(
      rows.map((row) => row.urgency!),
      rows.map((row) => classifier.classifySync(row.text).urgency),
    );
    expect(result.nUrgent).toBe(63);
    expect(result.recall).toBeGreaterThanOrEqual(0.82);
    expect(result.precision).toBeGreaterThanOrEqual(0.94);
  });
});
