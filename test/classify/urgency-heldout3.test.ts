import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateUrgency } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../../src/classify/offline-classifier.ts';

const HELDOUT = fileURLToPath(new URL('../../corpus/urgency/heldout3.tsv', import.meta.url));

// corpus/urgency/heldout3.tsv was written by a third person who saw neither the rules nor their
// revisions. The floors are the figures of its one reading, with the rules of commit cdce052 frozen:
// recall 0.7835 (76 of 97), precision 0.9268 (76 of 82); the rules before that revision reached
// 0.6907 and 0.8816. The target is recall >= 0.95: it is not met here. Raising a floor must
// come from rules written against other data, never from reading this file's misses.
describe('urgency on corpus/urgency/heldout3.tsv', () => {
  it('keeps urgent recall >= 0.78 and precision >= 0.92', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(HELDOUT, LABELS);
    expect(rows.length).toBe(196);
    expect(rows.every((row) => row.urgency !== undefined)).toBe(true);
    const result = evaluateUrgency(
      rows.map((row) => row.urgency!),
      rows.map((row) => classifier.classifySync(row.text).urgency),
    );
    expect(result.nUrgent).toBe(97);
    expect(result.recall).toBeGreaterThanOrEqual(0.78);
    expect(result.precision).toBeGreaterThanOrEqual(0.92);
  });
});
