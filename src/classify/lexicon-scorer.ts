import type { Clause } from './clauses.ts';
import { LEXICON, type LexiconLabel, type LexiconScores } from './lexicon.ts';

export const LEXICON_LABELS = Object.keys(LEXICON) as LexiconLabel[];

interface Cue {
  label: LexiconLabel;
  weight: number;
}

const CUES = new Map<string, Cue[]>();
for (const label of LEXICON_LABELS) {
  for (const [cue, weight] of LEXICON[label]) {
    const list = CUES.get(cue) ?? [];
    list.push({ label, weight });
    CUES.set(cue, list);
  }
}

// Cues by the code of their first character, longest first, so "water pressure" wins over "pressure"
// and 停水 is read once. A scan with this table is far faster than one regular expression of 900
// alternatives; keyed by character code, it reads the text without making a string per character.
interface Entry {
  cue: string;
  english: boolean;
  votes: Cue[];
}
const CUES_BY_FIRST_CODE = new Map<number, Entry[]>();
for (const cue of [...CUES.keys()].sort((a, b) => b.length - a.length)) {
  const first = cue.charCodeAt(0);
  const list = CUES_BY_FIRST_CODE.get(first) ?? [];
  list.push({ cue, english: isLowerAscii(first), votes: CUES.get(cue) as Cue[] });
  CUES_BY_FIRST_CODE.set(first, list);
}
// English cues also match with these endings: "leak" matches "leaks", "leaked", "leaking".
const ENDINGS = ['ing', 'es', 'ed', 's', 'd', ''];

function isLowerAscii(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** A letter or digit, which an English cue must not touch; NaN (outside the text) is neither. */
function isWordCode(code: number): boolean {
  return isLowerAscii(code) || (code >= 0x30 && code <= 0x39);
}

/** Calls `found` with the votes of each cue in normalised text, left to right, without overlaps. */
function forEachCue(text: string, found: (votes: readonly Cue[]) => void): void {
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const candidates = CUES_BY_FIRST_CODE.get(code);
    let advance = 1;
    if (candidates && !(isLowerAscii(code) && isWordCode(text.charCodeAt(i - 1)))) {
      for (const { cue, english, votes } of candidates) {
        if (!text.startsWith(cue, i)) continue;
        if (english) {
          const after = i + cue.length;
          const ending = ENDINGS.find(
            (e) => text.startsWith(e, after) && !isWordCode(text.charCodeAt(after + e.length)),
          );
          if (ending === undefined) continue;
          advance = cue.length + ending.length;
        } else {
          advance = cue.length;
        }
        found(votes);
        break;
      }
    }
    i += advance;
  }
}

function emptyScores(): LexiconScores {
  return { greening: 0, water_supply: 0, security: 0, upkeep: 0, other: 0, not_complaint: 0 };
}

/**
 * Sums the lexicon cues found in one clause of normalised text, per label, each cue weighted by its
 * lexicon weight. A clause's own weight is left to the caller.
 */
export function scoreClause(text: string): LexiconScores {
  const scores = emptyScores();
  forEachCue(text, (votes) => {
    for (const { label, weight } of votes) scores[label] += weight;
  });
  return scores;
}

/** Lexicon scores of a whole message: the clauses' scores times the clauses' weights. */
export function scoreLexicon(clauses: readonly Clause[]): LexiconScores {
  const total = emptyScores();
  for (const clause of clauses) {
    if (clause.weight === 0) continue;
    clause.lexicon ??= scoreClause(clause.text);
    const scores = clause.lexicon;
    for (const label of LEXICON_LABELS) total[label] += scores[label] * clause.weight;
  }
  return total;
}
