import type { Locale } from '../i18n/index.ts';
import { PARTIES, type Agenda } from './agenda.ts';
import { agendaForReaders } from './agenda-for-readers.ts';
import { renderRevisits } from './render-revisits.ts';
import { renderSupervised } from './render-supervised.ts';
import { catalogOf, itemHeadline, listSeparator, periodText, placeText, rateText, reasonsText } from './render-text.ts';

/** A chat platform's text limit, in UTF-16 code units (what both Telegram and LINE count). */
export const CHAT_LIMITS = Object.freeze({ telegram: 4096, line: 5000 });
/** The most messages one agenda takes in a chat; beyond, items are summarised. */
export const MAX_CHAT_PARTS = 3;

export interface ChatOptions {
  /** Largest message in UTF-16 code units. */
  limit: number;
  /** Messages at most. */
  maxParts?: number;
  /** Where the full agenda can be read (the printable HTML), mentioned when items are left out. */
  fullUrl?: string;
}

function blocks(agenda: Agenda, locale: Locale, itemsShown: number, fullUrl: string | undefined): string[] {
  const m = catalogOf(locale);
  const a = m.agenda;
  const f = a.figureNames;
  const colon = locale === 'en' ? ': ' : '：';
  const { thisWeek, lastWeek, stocks } = agenda.figures;
  const out: string[] = [];
  out.push(
    `📋 ${a.title({ community: agenda.community, week: agenda.week })}\n${a.meetingOf}\n${periodText(agenda, locale)}`,
  );
  // Escalated tickets (督办) lead the agenda.
  const supervised = renderSupervised(agenda, locale);
  if (supervised)
    out.push(
      `🔔 ${supervised.title}\n${supervised.items.map((item, i) => `${i + 1}. ${item.head}\n${item.levels.map((l) => `   · ${l}`).join('\n')}`).join('\n')}`,
    );
  const revisits = renderRevisits(agenda, locale);
  if (revisits) out.push(`📞 ${revisits.title}\n${revisits.lines.map((l, i) => `${i + 1}. ${l}`).join('\n')}`);
  out.push(agenda.narrative);
  const flow = (['new', 'resolved', 'explained', 'reopened', 'overdue'] as const).map(
    (k) => `${f[k]} ${thisWeek[k]}（${a.lastWeek} ${lastWeek[k]}）`,
  );
  out.push(
    `📊 ${a.sections.figures}\n${flow.join(listSeparator(locale))}\n${f.stillOpen} ${stocks.stillOpen}${listSeparator(locale)}${f.overdueNow} ${stocks.overdueNow}\n` +
      (['response', 'resolution', 'satisfaction'] as const)
        .map(
          (k) =>
            `${a.rateNames[k]}${colon}${rateText(agenda.rates.thisWeek[k], locale)}（${a.lastWeek} ${rateText(agenda.rates.lastWeek[k], locale)}）`,
        )
        .join('\n'),
  );
  const byCategory = agenda.byCategory
    .filter((r) => r.new + r.stillOpen + r.resolved > 0)
    .map(
      (r) => `${m.categoryName[r.category]} ${f.new}${r.new}/${f.resolved}${r.resolved}/${f.stillOpen}${r.stillOpen}`,
    );
  if (byCategory.length > 0) out.push(`${a.sections.byCategory}${colon}${byCategory.join(listSeparator(locale))}`);

  const items = agenda.items.slice(0, itemsShown);
  out.push(`🗣 ${a.sections.items}${agenda.items.length === 0 ? `\n${a.noItems}` : ''}`);
  for (const item of items) {
    out.push(
      `${item.rank}. ${itemHeadline(item, locale)}\n${item.summary}\n` +
        `${a.columns.reasons}${colon}${reasonsText(item.reasons, locale)}\n` +
        `${a.columns.reporters} ${item.reporters} · ${a.columns.age} ${a.ageDays(item.ageDays)} · ${m.statusName[item.status]} · ${a.columns.lead}${colon}${a.partyName[item.lead]}` +
        (item.related.length > 0 ? `\n${a.related(item.related.join(listSeparator(locale)))}` : ''),
    );
  }
  const hidden = agenda.items.length - items.length + agenda.moreItems;
  if (hidden > 0) out.push(a.moreItems(hidden));

  if (agenda.previousWeek !== null) {
    out.push(
      `🔁 ${a.sections.followUps}\n` +
        (agenda.followUps.length === 0
          ? a.noFollowUps
          : agenda.followUps
              .map(
                (u) =>
                  `${u.reference} ${placeText(u, locale)}${colon}${u.decision}（${a.partyName[u.lead]}${u.dueDate ? ` · ${u.dueDate}` : ''}）→ ${a.followUpState[u.state]}`,
              )
              .join('\n')),
    );
  }
  out.push(
    `✅ ${a.sections.asks}\n` +
      PARTIES.map((party) => {
        const ask = agenda.asks[party];
        const lines = [
          ...(ask.items.length > 0 ? [a.askItems(ask.items.join(listSeparator(locale)))] : []),
          ...(ask.followUps.length > 0 ? [a.askFollowUps(ask.followUps.join(listSeparator(locale)))] : []),
        ];
        return `${a.partyName[party]}${colon}${lines.length > 0 ? lines.join(locale === 'en' ? '; ' : '；') : a.askNothing}`;
      }).join('\n'),
  );
  if (fullUrl) out.push(a.fullAgendaAt(fullUrl));
  return out;
}

/** Cuts one over-long block at the limit, never inside a surrogate pair. */
function hardSplit(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut <= limit / 2) cut = limit;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  return [...pieces, rest];
}

/** Packs blocks into messages of at most `limit` units, leaving room for the "(2/3)" marker (the street digest packs its blocks too). */
export function pack(list: readonly string[], limit: number, reserve: number): string[] {
  const messages: string[] = [];
  let current = '';
  for (const block of list.flatMap((b) => hardSplit(b, limit - reserve))) {
    const joined = current === '' ? block : `${current}\n\n${block}`;
    if (joined.length <= limit - reserve) current = joined;
    else {
      messages.push(current);
      current = block;
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}

/**
 * The agenda as chat messages within a platform's limit: the whole agenda split at block boundaries
 * into at most `maxParts` messages, each marked "(i/n)" when there are several. When even that does
 * not fit, fewer items are listed in full (the rest counted, with a link to the full agenda).
 */
export function renderAgendaChat(stored: Agenda, locale: Locale, options: ChatOptions): string[] {
  const agenda = agendaForReaders(stored);
  const maxParts = options.maxParts ?? MAX_CHAT_PARTS;
  const a = catalogOf(locale).agenda;
  const reserve = a.part({ index: 99, total: 99 }).length + 1;
  for (let shown = agenda.items.length; ; shown = shown > 5 ? shown - 2 : shown - 1) {
    const parts = pack(blocks(agenda, locale, Math.max(shown, 0), options.fullUrl), options.limit, reserve);
    if (parts.length <= maxParts || shown <= 0) {
      const kept = parts.slice(0, maxParts);
      return kept.length === 1 ? kept : kept.map((p, i) => `${p}\n${a.part({ index: i + 1, total: kept.length })}`);
    }
  }
}
