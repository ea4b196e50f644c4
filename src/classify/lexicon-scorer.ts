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

// Cues by first character, longest first, so "water pressure" wins over "pressure" and 停水 is read
// once. A scan with this table is far faster than one regular expression of 900 alternatives.
const CUES_BY_FIRST_CHAR = new Map<string, string[]>();
for (const cue of [...CUES.keys()].sort((a, b) => b.length - a.length)) {
  const first = cue[0] as string;
  const list = CUES_BY_FIRST_CHAR.get(first) ?? [];
  list.push(cue);
  CUES_BY_FIRST_CHAR.set(first, list);
}
// English cues also match with these endings: "leak" matches "leaks", "leaked", "leaking".
const ENDINGS = ['ing', 'es', 'ed', 's', 'd', ''];
const isWordChar = (ch: string | undefined): boolean =>
  ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'));

/** Calls `found` for each cue in normalised text, left to right, without overlaps. */
function forEachCue(text: string, found: (cue: string) => void): void {
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    const candidates = CUES_BY_FIRST_CHAR.get(ch);
    const english = ch >= 'a' && ch <= 'z';
    let advance = 1;
    if (candidates && !(english && isWordChar(text[i - 1]))) {
      for (const cue of candidates) {
        if (!text.startsWith(cue, i)) continue;
        if (english) {
          const after = i + cue.length;
          const ending = ENDINGS.find((e) => text.startsWith(e, after) && !isWordChar(text[after + e.length]));
          if (ending === undefined) continue;
          advance = cue.length + ending.length;
        } else {
          advance = cue.length;
        }
        found(cue);
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
  forEachCue(text, (cue) => {
    for (const { label, weight } of CUES.get(cue) ?? []) scores[label] += weight;
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
