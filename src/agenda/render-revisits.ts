import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { Locale } from '../i18n/index.ts';
import type { Agenda } from './agenda.ts';
import { catalogOf, placeText } from './render-text.ts';

/** The section of open 回访 in words, for every renderer to lay out. */
export interface RevisitsText {
  title: string;
  lines: string[];
}

/**
 * The 回访 the residents' committee has not finished: reference, category, place, why it was asked
 * for, since when, whether a member has started it, and the masked summary. Undefined when there are none.
 */
export function renderRevisits(agenda: Agenda, locale: Locale): RevisitsText | undefined {
  const revisits = agenda.revisits ?? [];
  if (revisits.length === 0) return undefined;
  const m = catalogOf(locale);
  const local = (iso: string) => formatLocalDateTime(new Date(iso), agenda.timeZone);
  return {
    title: m.revisit.agendaTitle,
    lines: revisits.map((r) =>
      m.revisit.agendaItem({
        reference: r.reference,
        category: m.categoryName[r.category],
        place: placeText(r, locale),
        summary: r.summary,
        reason: r.reason,
        rating: r.rating,
        requested: local(r.requestedAt),
        ...(r.startedAt !== null && { started: local(r.startedAt) }),
      }),
    ),
  };
}
