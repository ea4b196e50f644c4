import type { Clause } from './clauses.ts';
import { LEXICON_LABELS, scoreLexicon } from './lexicon-scorer.ts';
import type { LexiconLabel } from './lexicon.ts';

/**
 * A sparse feature vector: feature id → value. Ids are 30-bit hashes of the feature's name (an
 * n-gram, a word, `lex:upkeep`…), computed without building the name as a string: this keeps scoring
 * in the tens of thousands of messages a second. With ~60 000 distinct features, a collision is
 * expected about once in the whole model, which costs nothing measurable.
 */
export type Features = Map<number, number>;

// The one kind of token the scan below leaves to a regular expression (a code point at a time).
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const ENGLISH_STOPWORDS = new Set([
  'the',
  'a',
  'an',
  'is',
  'are',
  'was',
  'were',
  'to',
  'of',
  'and',
  'in',
  'on',
  'at',
  'it',
  'i',
  'my',
  'me',
  'we',
  'our',
  'be',
  'for',
  'this',
  'that',
]);

// How much the lexicon's votes weigh against the (unit-length) n-gram vector.
const LEXICON_SCALE = 0.35;

/**
 * Turns a normalised message, split into weighted clauses, into features:
 * - Chinese: character 1- to 3-grams of each run of Han characters; any number is one feature, so
 *   "3号楼" and "12号楼" share theirs;
 * - English: crudely stemmed words and word bigrams;
 * - `?`, `!` and emoji as tokens, and a bucket of the message length;
 * - one `lex:<label>` feature per lexicon label, log-scaled so a long petition that repeats a cue
 *   ten times does not outvote everything else.
 *
 * Each n-gram counts once, at the weight of the heaviest clause it appears in, and the n-gram part is
 * scaled to unit length: a 600-character petition and a 10-character chat message land on the same
 * scale, so length alone cannot swamp the decision.
 */
export function featurise(clauses: readonly Clause[], length: number): Features {
  const features: Features = new Map();
  // The tokens are read in one pass over the characters, as the regular expression
  // /[a-z][a-z'-]*|\d+|[\u3400-\u4dbf\u4e00-\u9fff]+|[?!？！]|\p{Extended_Pictographic}/gu would find
  // them, without a match object or a substring per token. Each n-gram keeps the weight of the
  // heaviest clause it appears in.
  for (const clause of clauses) {
    const weight = clause.weight;
    if (weight === 0) continue;
    const text = clause.text;
    const end = text.length;
    let previousWord = 0;
    let i = 0;
    while (i < end) {
      const code = text.charCodeAt(i);
      if (code >= 0x61 && code <= 0x7a) {
        let j = i + 1;
        while (j < end && isWordPart(text.charCodeAt(j))) j++;
        const token = text.slice(i, j);
        i = j;
        if (ENGLISH_STOPWORDS.has(token)) {
          previousWord = 0;
          continue;
        }
        const word = hashString(WORD_SEED, stem(token));
        addMax(features, word & ID_MASK, weight);
        if (previousWord) addMax(features, mix(previousWord, word) & ID_MASK, weight);
        previousWord = word;
      } else if (code >= 0x30 && code <= 0x39) {
        do i++;
        while (i < end && isDigit(text.charCodeAt(i)));
        addMax(features, DIGITS_ID, weight);
      } else if (isHan(code)) {
        previousWord = 0;
        let j = i + 1;
        while (j < end && isHan(text.charCodeAt(j))) j++;
        for (let k = i; k < j; k++) {
          const unigram = mix(CHAR_SEED, text.charCodeAt(k));
          addMax(features, unigram & ID_MASK, weight);
          if (k + 1 < j) {
            const bigram = mix(unigram, text.charCodeAt(k + 1));
            addMax(features, bigram & ID_MASK, weight);
            if (k + 2 < j) addMax(features, mix(bigram, text.charCodeAt(k + 2)) & ID_MASK, weight);
          }
        }
        i = j;
      } else if (code === 0x3f || code === 0xff1f) {
        previousWord = 0;
        addMax(features, QUESTION_ID, weight);
        i++;
      } else if (code === 0x21 || code === 0xff01) {
        previousWord = 0;
        addMax(features, EXCLAMATION_ID, weight);
        i++;
      } else if (code >= 0x80) {
        const point = text.codePointAt(i) as number;
        const size = point > 0xffff ? 2 : 1;
        const symbol = text.slice(i, i + size);
        if (PICTOGRAPHIC.test(symbol)) {
          previousWord = 0;
          addMax(features, hashString(SYMBOL_SEED, symbol) & ID_MASK, weight);
        }
        i += size;
      } else {
        i++;
      }
    }
  }
  let norm = 0;
  for (const value of features.values()) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (const [name, value] of features) features.set(name, value / norm);

  const lexicon = scoreLexicon(clauses);
  for (let l = 0; l < LEXICON_LABELS.length; l++) {
    const score = lexicon[LEXICON_LABELS[l] as LexiconLabel];
    if (score > 0) features.set(LEXICON_IDS[l] as number, LEXICON_SCALE * Math.log1p(score));
  }
  features.set(LENGTH_IDS[lengthBucket(length)], 1);
  features.set(BIAS_ID, 1);
  return features;
}

/** Sets feature `id` to `weight` unless it already has as much. */
function addMax(features: Features, id: number, weight: number): void {
  const known = features.get(id);
  if (known === undefined || known < weight) features.set(id, weight);
}

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** a-z, an apostrophe or a hyphen: what follows a word's first letter in it. */
function isWordPart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || code === 0x27 || code === 0x2d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * The id of the named feature `name` (e.g. a cue the urgency scorer reads). A model that never learnt
 * the name ignores it: the category model does not see the urgency scorer's cues.
 */
export function namedFeatureId(name: string): number {
  return namedId(name);
}

// Seeds keep the kinds of feature apart: the word "tree" and the symbol "tree" never share an id.
const CHAR_SEED = 0x1b873593;
const WORD_SEED = 0x2c1b3c6d;
const SYMBOL_SEED = 0x297a2d39;
const NAMED_SEED = 0x5bd1e995;
const ID_MASK = 0x3fffffff;
const DIGITS_ID = hashString(SYMBOL_SEED, '0') & ID_MASK;
const QUESTION_ID = hashString(SYMBOL_SEED, '?') & ID_MASK;
const EXCLAMATION_ID = hashString(SYMBOL_SEED, '!') & ID_MASK;

function mix(hash: number, code: number): number {
  let h = Math.imul(hash ^ code, 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) >>> 0;
}

function hashString(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

const namedIds = new Map<string, number>();
function namedId(name: string): number {
  let id = namedIds.get(name);
  if (id === undefined) {
    id = hashString(NAMED_SEED, name) & ID_MASK;
    namedIds.set(name, id);
  }
  return id;
}

const LEXICON_IDS = LEXICON_LABELS.map((label) => namedId(`lex:${label}`));
const LENGTH_IDS = {
  tiny: namedId('len:tiny'),
  short: namedId('len:short'),
  medium: namedId('len:medium'),
  long: namedId('len:long'),
  petition: namedId('len:petition'),
};
const BIAS_ID = namedId('bias');

function lengthBucket(length: number): keyof typeof LENGTH_IDS {
  if (length <= 4) return 'tiny';
  if (length <= 12) return 'short';
  if (length <= 40) return 'medium';
  if (length <= 120) return 'long';
  return 'petition';
}

/** Folds the common English endings so "leaking", "leaks" and "leaked" meet at "leak". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
