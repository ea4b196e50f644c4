import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LiteralAlternation } from '../../src/classify/literal-alternation.ts';
import { normaliseText } from '../../src/classify/normalise-text.ts';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** The regular expression a LiteralAlternation stands for. */
function patternOf(alternatives: readonly string[]): RegExp {
  return new RegExp(alternatives.map((a) => (/^[a-z]/.test(a) ? `\\b${a}\\b` : a)).join('|'), 'g');
}

const matches = (found: Iterable<{ 0: string; index: number }>) => [...found].map((m) => [m.index, m[0]]);

// Overlapping alternatives, an English word inside another, a prefix of a longer one, spaces.
const ALTERNATIVES = [
  '地下车库',
  '车库',
  '库',
  'car park',
  'car',
  'park',
  'garage',
  'bin room',
  'bin',
  '2单元',
  '单元',
];

describe('LiteralAlternation', () => {
  const literal = new LiteralAlternation(ALTERNATIVES);
  const pattern = patternOf(ALTERNATIVES);

  it.each([
    '地下车库的灯坏了',
    '车库车库库',
    'the car park by the garage',
    'carpark, garages, a car. park_ car_park 2car park9 car-park',
    'Car park and CAR: bin-room bin room bins binroom',
    '2单元门口, 12单元',
    '',
    'car',
  ])('finds what the regular expression finds in %j', (text) => {
    expect(matches(literal.matchAll(text))).toEqual(matches(text.matchAll(pattern)));
  });

  it('finds what the regular expression finds in every text of the corpus, normalised as the classifier reads it', () => {
    const texts = ['train', 'heldout', 'urgency', 'duplicates'].flatMap((dir) =>
      readdirSync(join(CORPUS, dir))
        .filter((name) => name.endsWith('.tsv'))
        .flatMap((name) => readFileSync(join(CORPUS, dir, name), 'utf8').split('\n'))
        .map(normaliseText),
    );
    expect(texts.length).toBeGreaterThan(5000);
    let found = 0;
    for (const text of texts) {
      const expected = matches(text.matchAll(pattern));
      found += expected.length;
      expect(matches(literal.matchAll(text)), text).toEqual(expected);
    }
    expect(found).toBeGreaterThan(100);
  });

  it('refuses an alternative that a regular expression would not read literally', () => {
    expect(() => new LiteralAlternation(['bldg.'])).toThrow(/not a plain string/);
    expect(() => new LiteralAlternation(['a|b'])).toThrow(/not a plain string/);
    expect(() => new LiteralAlternation([''])).toThrow(/not a plain string/);
  });
});
