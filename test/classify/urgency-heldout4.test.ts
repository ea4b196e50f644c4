import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateUrgency } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../../src/classify/offline-classifier.ts';

const HELDOUT = fileURLToPath(new URL('../../corpus/urgency/heldout4.tsv', import.meta.url));

// corpus/urgency/heldout4.tsv was written by a fourth person who saw neither the rules, the scorer
// nor any corpus file, and kept sealed until the rules and the learnt scorer were frozen (commit
// 395b396). Its one reading: recall 0.9489 (130 of 137), precision 0.9848 (130 of 132). Its misses
// have since been read and answered by families (corpus/urgency/written-*2.tsv) and it is in
// URGENCY_TRAINING_FILES: a development set now, so these floors are a regression guard.
describe('urgency on corpus/urgency/heldout4.tsv', () => {
  it('keeps urgent recall >= 0.99 and precision >= 0.98', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(HELDOUT, LABELS);
    expect(rows.length).toBe(274);
    expect(rows.every((row) => row.urgency !== undefined)).toBe(true);
    const result = evaluateUrgency(
      rows.map((row) => row.urgency!),
      rows.map((row) => classifier.classifySync(row.text).urgency),
    );
    expect(result.nUrgent).toBe(137);
    expect(result.recall).toBeGreaterThanOrEqual(0.99);
    expect(result.precision).toBeGreaterThanOrEqual(0.98);
  });
});
