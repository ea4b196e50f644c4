import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateUrgency } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../../src/classify/offline-classifier.ts';

const HELDOUT = fileURLToPath(new URL('../../corpus/urgency/heldout.tsv', import.meta.url));

// A regression guard on urgent reports and look-alikes first written by someone who never saw the
// rules (corpus/urgency/heldout.tsv). When the set was first read, with the rules frozen, they reached
// recall 0.7286 (51 of 70) and precision 0.9273 (51 of 55). The rules were then revised after its
// misses had been read (by families of phrasing, with new examples in corpus/urgency/dev.tsv), so it is
// now a development set for urgency and its figures here — recall 1.0 (70 of 70), precision 1.0 (70
// of 70) — say nothing about unseen reports (corpus/urgency/README.md says which set is held out).
describe('urgency on corpus/urgency/heldout.tsv (now a development set)', () => {
  it('keeps urgent recall and precision at 1.0', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(HELDOUT, LABELS);
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.every((row) => row.urgency !== undefined)).toBe(true);
    const result = evaluateUrgency(
      rows.map((row) => row.urgency!),
      rows.map((row) => classifier.classifySync(row.text).urgency),
    );
    expect(result.nUrgent).toBe(70);
    expect(result.recall).toBeGreaterThanOrEqual(1);
    expect(result.precision).toBeGreaterThanOrEqual(1);
  });
});
