import { CATEGORIES, type Category } from '../tickets/category.ts';
import type { Language, Place } from './classifier.ts';
import type { Clause } from './clauses.ts';
import { scoreClause } from './lexicon-scorer.ts';
import { extractPlace } from './place.ts';

export interface SummaryInput {
  /** The message as the resident wrote it. */
  text: string;
  /** Its clauses (offsets shared with `text`). */
  clauses: readonly Clause[];
  category: Category;
  isComplaint: boolean;
  language: Language;
  place: Place | null;
  /** Offsets of the urgent situation, -1 if none: those clauses are the main problem. */
  urgentAt: number;
  urgentEnd: number;
}

/** Messages up to this many characters are their own summary. */
const MAX_WHOLE = 80;
const MAX_MAIN = { zh: 40, en: 90 };
const MAX_ASIDE = { zh: 24, en: 60 };
const MAX_ASIDES = 2;
const ASIDE_MARKER = /^(另外|还有|還有|此外|顺便|順便|同时|同時|also|plus|btw|by the way)[,，、\s]*/i;

/**
 * One line saying what is wrong, in the resident's own words. A message of at most 80 characters is
 * its own summary (on one line). Of a longer one, the summary is the clause that best describes the
 * main problem (the urgent one if there is one, else the one with the most cues of the chosen
 * category), prefixed in Chinese with the building or spot when the clause names no place, then the
 * other problems the message raises ("；另：…" / "; also: …"). Unit numbers are left out of the prefix:
 * summaries reach group chats. A longer not-complaint is cut to its beginning.
 */
export function summarise(input: SummaryInput): string {
  const { text, clauses, category, language } = input;
  const zh = language !== 'en';
  const limits = zh ? { main: MAX_MAIN.zh, aside: MAX_ASIDE.zh } : { main: MAX_MAIN.en, aside: MAX_ASIDE.en };
  const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
  // A short message says it best itself: a clause pick loses half of "地下室水管漏水了，到处是水".
  const whole = oneLine(text);
  if ([...whole].length <= MAX_WHOLE) return whole;
  if (!input.isComplaint || clauses.length === 0) return truncate(whole, limits.main);

  const scored = clauses.map((clause) => {
    const scores = (clause.lexicon ??= scoreClause(clause.text));
    let best: Category = category;
    for (const c of CATEGORIES) if (scores[c] > scores[best]) best = c;
    return { clause, scores, best };
  });
  const candidates = scored.filter((s) => s.clause.weight > 0);
  let main = candidates.find((s) => input.urgentAt >= s.clause.start && input.urgentAt < s.clause.end);
  if (!main || main.best !== category) {
    main = candidates.reduce<(typeof candidates)[number] | undefined>(
      (best, s) =>
        !best || s.scores[category] * s.clause.weight > best.scores[category] * best.clause.weight ? s : best,
      undefined,
    );
  }
  if (!main) return truncate(whole, limits.main);

  // An urgent situation told across a comma ("电梯又坏了，困住两个人") is kept whole.
  const urgentTail =
    main.clause.start <= input.urgentAt ? clauses.filter((c) => c.start < input.urgentEnd).at(-1) : undefined;
  const mainEnd = Math.max(main.clause.end, urgentTail?.end ?? 0);
  const covered = (s: (typeof scored)[number]): boolean =>
    s === main || (s.clause.start >= main.clause.start && s.clause.end <= mainEnd);
  let mainText = oneLine(text.slice(main.clause.start, mainEnd)).replace(ASIDE_MARKER, '');
  const prefix = placePrefix(input.place, language);
  if (prefix && extractPlace(mainText) === null) mainText = `${prefix}${mainText}`;
  const mainCategory = main.best;
  const seen = new Set<string>([mainCategory]);
  const asides: string[] = [];
  for (const s of scored) {
    if (covered(s) || s.clause.weight === 0 || asides.length >= MAX_ASIDES) continue;
    const strength = s.scores[s.best];
    const otherCategory = !seen.has(s.best);
    const raisedAside = s.clause.weight < 1 && s.clause.start > main.clause.start;
    if (strength >= 2 && (otherCategory || raisedAside)) {
      seen.add(s.best);
      asides.push(truncate(oneLine(text.slice(s.clause.start, s.clause.end)).replace(ASIDE_MARKER, ''), limits.aside));
    }
  }
  const head = truncate(mainText, limits.main);
  if (asides.length === 0) return head;
  return zh ? `${head}；另：${asides.join('；')}` : `${head}; also: ${asides.join('; ')}`;
}

// English sentences name their place inline ("the lift in block B"), and a Chinese spot name would
// read oddly there, so only Chinese summaries get a prefix.
function placePrefix(place: Place | null, language: Language): string | null {
  if (!place || language === 'en') return null;
  if (place.spot) return place.spot;
  if (place.building) return language === 'zh-TW' ? `${place.building}號樓` : `${place.building}号楼`;
  return null;
}

function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}
