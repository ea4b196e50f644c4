import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateUrgency } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../../src/classify/offline-classifier.ts';

const corpus = (name: string): string => fileURLToPath(new URL(`../../corpus/urgency/${name}`, import.meta.url));

// The development sets the urgency rules are written against (corpus/urgency/README.md): dev.tsv, and
// dev2.tsv, urgent reports and look-alikes by families of phrasing (trapped, gas, fire and smoke,
// burst pipes and water reaching electrics, injuries and collapse, neighbours not answering, things
// falling, live wires, children in danger, weapons) in zh-CN, zh-TW/Cantonese and English, with
// negations, drills, past events and questions. Every row is right today; a change that loses one
// must say why.
describe('urgency on the development sets', () => {
  for (const [name, rows, urgent] of [
    ['dev.tsv', 344, 189],
    ['dev2.tsv', 862, 494],
  ] as const) {
    it(`keeps urgent recall and precision at 1.0 on ${name}`, async () => {
      const classifier = await loadOfflineClassifier();
      const labelled = await readLabelledTsv(corpus(name), LABELS);
      expect(labelled.length).toBe(rows);
      expect(labelled.every((row) => row.urgency !== undefined)).toBe(true);
      const result = evaluateUrgency(
        labelled.map((row) => row.urgency!),
        labelled.map((row) => classifier.classifySync(row.text).urgency),
      );
      expect(result.nUrgent).toBe(urgent);
      expect(result.recall).toBeGreaterThanOrEqual(1);
      expect(result.precision).toBeGreaterThanOrEqual(1);
    });
  }
});
