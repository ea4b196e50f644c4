import { formatPlace } from '../i18n/place-text.ts';
import { messages, type Catalog, type Locale } from '../i18n/index.ts';
import type { Agenda, AgendaItem, Rate, Reason } from './agenda.ts';
import { localDate } from './iso-week.ts';

/*
 * Formatting shared by the renderers: every word comes from the catalogue of the agenda's locale.
 */

export function catalogOf(locale: Locale): Catalog {
  return messages(locale);
}

/** Building and spot in words; never a unit (the agenda has none to give). */
export function placeText(p: { building: string | null; spot: string | null }, locale: Locale): string {
  const place = {
    ...(p.building !== null && { building: p.building }),
    ...(p.spot !== null && { spot: p.spot }),
    text: '',
  };
  return formatPlace(place, locale, { includeUnit: false }) || catalogOf(locale).agenda.noPlace;
}

export function rateText(rate: Rate, locale: Locale): string {
  const a = catalogOf(locale).agenda;
  if (rate.value === null) return a.noValue;
  return a.rateValue({
    percent: Math.round(rate.value * 1000) / 10,
    numerator: rate.numerator,
    denominator: rate.denominator,
  });
}

export function reasonsText(reasons: readonly Reason[], locale: Locale): string {
  const a = catalogOf(locale).agenda;
  return reasons
    .map((r) =>
      a.reason(r.kind, {
        ...(r.count !== undefined && { count: r.count }),
        ...(r.text !== undefined && { text: r.text }),
      }),
    )
    .join(locale === 'en' ? '; ' : '；');
}

/** The week's dates, Monday to Sunday, local. */
export function periodText(agenda: Agenda, locale: Locale): string {
  const lastDay = new Date(new Date(agenda.end).getTime() - 1);
  return catalogOf(locale).agenda.period({
    from: localDate(new Date(agenda.start), agenda.timeZone),
    to: localDate(lastDay, agenda.timeZone),
  });
}

/** The compilation time, local, to the minute. */
export function compiledText(agenda: Agenda, locale: Locale): string {
  const at = new Date(agenda.asOf);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: agenda.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return catalogOf(locale).agenda.compiledAt(`${localDate(at, agenda.timeZone)} ${time} (${agenda.timeZone})`);
}

export function itemHeadline(item: AgendaItem, locale: Locale): string {
  const m = catalogOf(locale);
  return `${item.urgent ? m.agenda.urgentMark : ''}${item.reference} ${m.categoryName[item.category]} · ${placeText(item, locale)}`;
}

export function listSeparator(locale: Locale): string {
  return locale === 'en' ? ', ' : '、';
}
