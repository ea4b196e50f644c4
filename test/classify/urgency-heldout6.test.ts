import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateUrgency } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../../src/classify/offline-classifier.ts';

const HELDOUT = fileURLToPath(new URL('../../corpus/urgency/heldout6.tsv', import.meta.url));

// corpus/urgency/heldout6.tsv: a month of an estate's everyday complaints (240 normal, many naming the
// places and words of emergencies) with 60 real emergencies among them, written by a sixth person who
// saw no code and no corpus file, and kept sealed outside the repository. Read at 65b1e7b (the scorer
// before written-everyday.tsv): recall 1.0000, precision 0.8696 (9 false alarms); then once with
// written-everyday.tsv learnt: recall 1.0000, precision 0.9091 (6). Its rows have not been read: held out.
describe('urgency on corpus/urgency/heldout6.tsv (everyday complaints)', () => {
  it('keeps every emergency urgent and false alarms at six or fewer', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(HELDOUT, LABELS);
    expect(rows.length).toBe(300);
    expect(rows.every((row) => row.urgency !== undefined)).toBe(true);
    const result = evaluateUrgency(
      rows.map((row) => row.urgency!),
      rows.map((row) => classifier.classifySync(row.text).urgency),
    );
    expect(result.nUrgent).toBe(60);
    expect(result.recall).toBe(1);
    expect(result.precision).toBeGreaterThanOrEqual(0.909);
  });
});
