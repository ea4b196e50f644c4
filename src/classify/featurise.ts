import type { Clause } from './clauses.ts';
import { LEXICON_LABELS, scoreLexicon } from './lexicon-scorer.ts';

/**
 * A sparse feature vector: feature id → value. Ids are 30-bit hashes of the feature's name (an
 * n-gram, a word, `lex:upkeep`…), computed without building the name as a string: this keeps scoring
 * in the tens of thousands of messages a second. With ~60 000 distinct features, a collision is
 * expected about once in the whole model, which costs nothing measurable.
 */
export type Features = Map<number, number>;

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;
const TOKEN = /[a-z][a-z'-]*|\d+|[\u3400-\u4dbf\u4e00-\u9fff]+|[?!？！]|\p{Extended_Pictographic}/gu;
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
  const add = (id: number, weight: number): void => {
    if ((features.get(id) ?? 0) < weight) features.set(id, weight);
  };
  for (const clause of clauses) {
    if (clause.weight === 0) continue;
    let previousWord = 0;
    for (const match of clause.text.matchAll(TOKEN)) {
      const token = match[0];
      if (HAN.test(token)) {
        previousWord = 0;
        for (let i = 0; i < token.length; i++) {
          const a = token.charCodeAt(i);
          const unigram = mix(CHAR_SEED, a);
          add(unigram & ID_MASK, clause.weight);
          if (i + 1 < token.length) {
            const bigram = mix(unigram, token.charCodeAt(i + 1));
            add(bigram & ID_MASK, clause.weight);
            if (i + 2 < token.length) add(mix(bigram, token.charCodeAt(i + 2)) & ID_MASK, clause.weight);
          }
        }
      } else if (/^[a-z]/.test(token)) {
        if (ENGLISH_STOPWORDS.has(token)) {
          previousWord = 0;
          continue;
        }
        const word = hashString(WORD_SEED, stem(token));
        add(word & ID_MASK, clause.weight);
        if (previousWord) add(mix(previousWord, word) & ID_MASK, clause.weight);
        previousWord = word;
      } else if (/^\d/.test(token)) {
        add(DIGITS_ID, clause.weight);
      } else {
        previousWord = 0;
        add(hashString(SYMBOL_SEED, token === '？' ? '?' : token === '！' ? '!' : token) & ID_MASK, clause.weight);
      }
    }
  }
  let norm = 0;
  for (const value of features.values()) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (const [name, value] of features) features.set(name, value / norm);

  const lexicon = scoreLexicon(clauses);
  for (const label of LEXICON_LABELS) {
    if (lexicon[label] > 0) features.set(namedId(`lex:${label}`), LEXICON_SCALE * Math.log1p(lexicon[label]));
  }
  features.set(namedId(`len:${lengthBucket(length)}`), 1);
  features.set(namedId('bias'), 1);
  return features;
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

function lengthBucket(length: number): string {
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
