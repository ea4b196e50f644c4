import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateUrgency } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../../src/classify/offline-classifier.ts';

const HELDOUT = fileURLToPath(new URL('../../corpus/urgency/heldout3.tsv', import.meta.url));

// corpus/urgency/heldout3.tsv was written by a third person who saw neither the rules nor their
// revisions. Its one reading, with the rules of commit cdce052 frozen: recall 0.7835 (76 of 97),
// precision 0.9268 (76 of 82). Since then the learnt urgency scorer learns from it (see
// corpus/urgency/README.md: the scorer, trained without it, reaches recall 0.9691 and precision
// 0.9307 on it with the rules), so the figures here are of a file the classifier has read and the
// floors only guard against a regression.
describe('urgency on corpus/urgency/heldout3.tsv', () => {
  it('keeps urgent recall >= 0.99 and precision >= 0.94', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(HELDOUT, LABELS);
    expect(rows.length).toBe(196);
    expect(rows.every((row) => row.urgency !== undefined)).toBe(true);
    const result = evaluateUrgency(
      rows.map((row) => row.urgency!),
      rows.map((row) => classifier.classifySync(row.text).urgency),
    );
    expect(result.nUrgent).toBe(97);
    expect(result.recall).toBeGreaterThanOrEqual(0.99);
    expect(result.precision).toBeGreaterThanOrEqual(0.94);
  });
});
