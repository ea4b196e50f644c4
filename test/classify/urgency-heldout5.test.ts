import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateUrgency } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../../src/classify/offline-classifier.ts';

const HELDOUT = fileURLToPath(new URL('../../corpus/urgency/heldout5.tsv', import.meta.url));

// corpus/urgency/heldout5.tsv was written by a fifth person who saw no code and no corpus file, and
// kept sealed (outside the repository) until the rules and the scorer of commit b151439 were frozen;
// read once at c035792: recall 0.9500 (152 of 160), precision 0.9744 (152 of 156). The rules and
// scorer at the start of that session (dcf79de) scored 0.9063 / 0.9864 on it. It is not in
// URGENCY_TRAINING_FILES; its misses have been printed, so it is a regression guard from now on.
describe('urgency on corpus/urgency/heldout5.tsv', () => {
  it('keeps urgent recall >= 0.95 and precision >= 0.97', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(HELDOUT, LABELS);
    expect(rows.length).toBe(320);
    expect(rows.every((row) => row.urgency !== undefined)).toBe(true);
    const result = evaluateUrgency(
      rows.map((row) => row.urgency!),
      rows.map((row) => classifier.classifySync(row.text).urgency),
    );
    expect(result.nUrgent).toBe(160);
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.precision).toBeGreaterThanOrEqual(0.97);
  });
});
