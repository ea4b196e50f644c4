import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/classify/evaluate.ts';
import { LABELS } from '../../src/classify/label.ts';
import { readLabelledTsv } from '../../src/classify/labelled-tsv.ts';
import { loadOfflineClassifier, type OfflineClassifier } from '../../src/classify/offline-classifier.ts';

const HELDOUT = fileURLToPath(new URL('../../corpus/heldout/', import.meta.url));

// A regression guard on complaints the classifier never learnt from: it fails if a change to the
// model, the lexicon or the corpus drops held-out macro-F1 below the target.
/** Scores the classifier on labelled rows, a message it calls no complaint counting as `not_complaint`. */
function score(classifier: OfflineClassifier, rows: readonly { label: string; text: string }[]) {
  const predicted = rows.map((row) => {
    const result = classifier.classifySync(row.text);
    return result.isComplaint ? result.category : 'not_complaint';
  });
  return evaluate(
    rows.map((row) => row.label),
    predicted,
    LABELS,
  );
}

describe('offline classifier on corpus/heldout', () => {
  it('reaches macro-F1 ≥ 0.90 (not_complaint scored as its own label)', async () => {
    const classifier = await loadOfflineClassifier();
    const files = readdirSync(HELDOUT).filter((name) => name.endsWith('.tsv'));
    const rows = (await Promise.all(files.map((name) => readLabelledTsv(join(HELDOUT, name), LABELS)))).flat();
    expect(rows.length).toBeGreaterThan(300);
    const result = score(classifier, rows);
    expect(result.labels).toEqual([...LABELS]);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.9);
  });

  // corpus/heldout/independent2.tsv was written by someone who saw no code and no corpus file, and read
  // once at c035792: macro-F1 0.9122 as written, 0.9465 after 9 rows about drains and sewage were
  // relabelled from water_supply to upkeep, as the README's categories define them (the writer had been told
  // otherwise by the brief). Unchanged since dcf79de. A floor on that reading.
  it('reaches macro-F1 ≥ 0.94 on the second independent set', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(join(HELDOUT, 'independent2.tsv'), LABELS);
    expect(rows.length).toBe(221);
    const result = score(classifier, rows);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.94);
  });

  // corpus/heldout/independent3.tsv (260 messages: 45 formal letters, 25 not complaints, some pinyin,
  // English and traditional) was written by a third person who saw no code and no corpus, with the
  // README's definitions of the categories, and read once at 5e72e9c: macro-F1 0.9822 (letters 0.9777,
  // short messages 0.9824; the classifier at e0041e2: 0.9593). A floor on that reading.
  it('reaches macro-F1 ≥ 0.98 on the third independent set', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(join(HELDOUT, 'independent3.tsv'), LABELS);
    expect(rows.length).toBe(260);
    const result = score(classifier, rows);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.98);
  });

  // corpus/heldout/independent4.tsv (260 messages: 44 formal letters, 27 not complaints) was written by an
  // outsider who saw no code and no corpus, with the README's definitions, kept sealed outside the
  // repository until the classifier of 6e153f4 was frozen, and read once: macro-F1 0.9835 (letters 0.9801,
  // short messages 0.9846; the classifier at the start of that session: 0.9646, letters 0.7889). A floor.
  it('reaches macro-F1 ≥ 0.98 on the fourth independent set', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(join(HELDOUT, 'independent4.tsv'), LABELS);
    expect(rows.length).toBe(260);
    const result = score(classifier, rows);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.98);
  });
});

// corpus/dev/categories-dev5.tsv (300 messages, 45 formal letters) was written by an outside writer who saw
// no code, with the README's definitions of the categories. It is a development set: its failures were
// read (macro-F1 0.9443 at d0b7f8f, letters 0.7854) and answered by families of new training rows, so
// its figure is a development figure, not a held-out one. A floor a little below the reading after
// that work (0.9789, letters 1.0000).
describe('offline classifier on corpus/dev', () => {
  it('reaches macro-F1 ≥ 0.97 on categories-dev5.tsv', async () => {
    const classifier = await loadOfflineClassifier();
    const rows = await readLabelledTsv(
      fileURLToPath(new URL('../../corpus/dev/categories-dev5.tsv', import.meta.url)),
      LABELS,
    );
    expect(rows.length).toBe(300);
    const result = score(classifier, rows);
    expect(result.labels).toEqual([...LABELS]);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.97);
  });
});
