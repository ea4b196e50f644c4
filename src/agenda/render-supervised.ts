import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { Locale } from '../i18n/index.ts';
import type { Agenda } from './agenda.ts';
import { catalogOf, placeText } from './render-text.ts';

const HOUR = 3_600_000;

/** The 督办 section in words, for every renderer to lay out: each item's head and its levels. */
export interface SupervisedText {
  title: string;
  items: Array<{ head: string; levels: string[] }>;
}

/**
 * The escalated tickets that lead the agenda (督办): for each, its reference, category, place, summary
 * and missed deadline, then every level that has had it, since when and for how long. Undefined when
 * no ticket climbed the ladder.
 */
export function renderSupervised(agenda: Agenda, locale: Locale): SupervisedText | undefined {
  const supervised = agenda.supervised ?? [];
  if (supervised.length === 0) return undefined;
  const m = catalogOf(locale);
  const e = m.escalation;
  const local = (iso: string) => formatLocalDateTime(new Date(iso), agenda.timeZone);
  return {
    title: e.supervisedTitle,
    items: supervised.map((s) => ({
      head: e.supervisedItem({
        reference: s.reference,
        category: m.categoryName[s.category],
        place: placeText(s, locale),
        summary: s.summary,
        due: local(s.dueAt),
      }),
      levels: s.levels.map((l) =>
        e.supervisedLevel({
          level: l.level,
          since: local(l.since),
          waited: m.duration(l.hours * HOUR),
          ...(l.unheard && { unheard: true }),
        }),
      ),
    })),
  };
}
