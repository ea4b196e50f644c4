import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateUrgency } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../../src/classify/offline-classifier.ts';

const HELDOUT = fileURLToPath(new URL('../../corpus/urgency/heldout.tsv', import.meta.url));

// A regression guard on urgent reports and look-alikes written by someone who never saw the rules
// (corpus/urgency/heldout.tsv). The floors are the figures measured when the set was first read,
// with the rules frozen: recall 0.7286 (51 of 70), precision 0.9273 (51 of 55). The targets
// are recall ≥ 0.95 and precision ≥ 0.85; recall is short of it, and raising a floor here must come
// from rules written against other data, never from reading this file's misses.
describe('urgency on corpus/urgency/heldout.tsv', () => {
  it('keeps urgent recall ≥ 0.72 and precision ≥ 0.92', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(HELDOUT, LABELS);
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.every((row) => row.urgency !== undefined)).toBe(true);
    const result = evaluateUrgency(
      rows.map((row) => row.urgency!),
      rows.map((row) => classifier.classifySync(row.text).urgency),
    );
    expect(result.nUrgent).toBe(70);
    expect(result.recall).toBeGreaterThanOrEqual(0.72);
    expect(result.precision).toBeGreaterThanOrEqual(0.92);
  });
});
