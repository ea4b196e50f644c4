import type { Locale } from '../i18n/index.ts';
import { PARTIES, type Agenda } from './agenda.ts';
import { agendaForReaders } from './agenda-for-readers.ts';
import { renderRevisits } from './render-revisits.ts';
import { renderSupervised } from './render-supervised.ts';
import {
  catalogOf,
  compiledText,
  itemHeadline,
  listSeparator,
  periodText,
  placeText,
  rateText,
  reasonsText,
} from './render-text.ts';

/**
 * Text from outside the catalogue (the community's name, summaries, explanations, decisions) as
 * Markdown that shows it literally: HTML is escaped, so a `<script>` or `<img onerror>` in a summary
 * never reaches a Markdown viewer as markup, and link, emphasis and code syntax are taken literally.
 */
function md(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!).replace(/[\\`*_[\]]/g, '\\$&');
}

function cell(text: string | number): string {
  return String(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

/** The agenda as Markdown, for reading on a screen or pasting into minutes. */
export function renderAgendaMarkdown(stored: Agenda, locale: Locale, options: { chartUrl?: string } = {}): string {
  // Every free text is escaped once, here, so the lines below can use the fields as they are.
  const masked = agendaForReaders(stored);
  const agenda: Agenda = {
    ...masked,
    community: md(masked.community),
    narrative: md(masked.narrative),
    items: masked.items.map((item) => ({
      ...item,
      spot: item.spot === null ? null : md(item.spot),
      summary: md(item.summary),
      reasons: item.reasons.map((r) => (r.text === undefined ? r : { ...r, text: md(r.text) })),
    })),
    followUps: masked.followUps.map((u) => ({
      ...u,
      spot: u.spot === null ? null : md(u.spot),
      decision: md(u.decision),
    })),
    ...(masked.supervised && {
      supervised: masked.supervised.map((s) => ({
        ...s,
        spot: s.spot === null ? null : md(s.spot),
        summary: md(s.summary),
      })),
    }),
    ...(masked.revisits && {
      revisits: masked.revisits.map((r) => ({
        ...r,
        spot: r.spot === null ? null : md(r.spot),
        summary: md(r.summary),
      })),
    }),
  };
  const m = catalogOf(locale);
  const a = m.agenda;
  const f = a.figureNames;
  const colon = locale === 'en' ? ': ' : '：';
  const out: string[] = [];
  out.push(`# ${a.title({ community: agenda.community, week: agenda.week })}`, '');
  out.push(`${a.meetingOf}  `, `${periodText(agenda, locale)}  `, compiledText(agenda, locale), '');
  // Escalated tickets (督办) lead the agenda.
  const supervised = renderSupervised(agenda, locale);
  if (supervised) {
    out.push(`## ${supervised.title}`, '');
    supervised.items.forEach((item, i) =>
      out.push(`${i + 1}. **${item.head}**`, ...item.levels.map((l) => `   - ${l}`)),
    );
    out.push('');
  }
  const revisits = renderRevisits(agenda, locale);
  if (revisits) out.push(`## ${revisits.title}`, '', ...revisits.lines.map((l, i) => `${i + 1}. ${l}`), '');
  out.push(`## ${a.sections.narrative}`, '', agenda.narrative, '');

  out.push(`## ${a.sections.figures}`, '');
  const { thisWeek, lastWeek, stocks, lastStocks } = agenda.figures;
  out.push(
    ...table(
      ['', a.thisWeek, a.lastWeek],
      [
        ...(['new', 'resolved', 'explained', 'reopened', 'overdue'] as const).map((k) => [
          f[k],
          thisWeek[k],
          lastWeek[k],
        ]),
        [f.stillOpen, stocks.stillOpen, lastStocks?.stillOpen ?? a.noValue],
        [f.overdueNow, stocks.overdueNow, lastStocks?.overdueNow ?? a.noValue],
      ],
    ),
    '',
  );
  out.push(`### ${a.sections.rates}`, '');
  out.push(
    ...table(
      ['', a.thisWeek, a.lastWeek],
      (['response', 'resolution', 'satisfaction'] as const).map((k) => [
        a.rateNames[k],
        rateText(agenda.rates.thisWeek[k], locale),
        rateText(agenda.rates.lastWeek[k], locale),
      ]),
    ),
    '',
  );
  for (const k of ['response', 'resolution', 'satisfaction'] as const)
    out.push(`- ${a.rateNames[k]}${colon}${a.rateDefinitions[k]}`);
  out.push('');
  const columns = ['new', 'resolved', 'explained', 'reopened', 'overdue', 'stillOpen'] as const;
  out.push(`### ${a.sections.byCategory}`, '');
  out.push(
    ...table(
      [a.columns.category, ...columns.map((k) => f[k])],
      agenda.byCategory.map((r) => [m.categoryName[r.category], ...columns.map((k) => r[k])]),
    ),
    '',
  );
  out.push(`### ${a.sections.byBuilding}`, '');
  if (agenda.byBuilding.length === 0) out.push(a.noValue, '');
  else
    out.push(
      ...table(
        [a.columns.building, ...columns.map((k) => f[k])],
        agenda.byBuilding.map((r) => [
          r.building === null ? a.noBuilding : placeText({ building: r.building, spot: null }, locale),
          ...columns.map((k) => r[k]),
        ]),
      ),
      '',
    );
  if (options.chartUrl) out.push(`![${a.chartCaption({ week: agenda.week })}](${options.chartUrl})`, '');

  out.push(`## ${a.sections.items}`, '');
  if (agenda.items.length === 0) out.push(a.noItems, '');
  for (const item of agenda.items) {
    out.push(`### ${item.rank}. ${itemHeadline(item, locale)}`, '');
    out.push(`- ${a.columns.summary}${colon}${item.summary}`);
    out.push(`- ${a.columns.reasons}${colon}${reasonsText(item.reasons, locale)}`);
    out.push(
      `- ${a.columns.reporters} ${item.reporters} · ${a.columns.age} ${a.ageDays(item.ageDays)} · ${a.columns.status} ${m.statusName[item.status]}`,
    );
    out.push(`- ${a.columns.lead}${colon}**${a.partyName[item.lead]}**`);
    if (item.related.length > 0) out.push(`- ${a.related(item.related.join(listSeparator(locale)))}`);
    out.push('');
  }
  if (agenda.moreItems > 0) out.push(a.moreItems(agenda.moreItems), '');

  out.push(`## ${a.sections.followUps}`, '');
  if (agenda.previousWeek === null) out.push(a.noPreviousMeeting, '');
  else if (agenda.followUps.length === 0) out.push(a.noFollowUps, '');
  else {
    out.push(
      ...table(
        [a.columns.reference, a.columns.place, a.columns.decision, a.columns.lead, a.columns.due, a.columns.progress],
        agenda.followUps.map((u) => [
          u.reference,
          placeText(u, locale),
          u.decision,
          a.partyName[u.lead],
          u.dueDate ?? a.noValue,
          `${a.followUpState[u.state]}（${m.statusName[u.status]}）`,
        ]),
      ),
      '',
    );
  }

  out.push(`## ${a.sections.asks}`, '');
  for (const party of PARTIES) {
    const ask = agenda.asks[party];
    const lines = [
      ...(ask.items.length > 0 ? [a.askItems(ask.items.join(listSeparator(locale)))] : []),
      ...(ask.followUps.length > 0 ? [a.askFollowUps(ask.followUps.join(listSeparator(locale)))] : []),
    ];
    out.push(
      `- **${a.partyName[party]}**${colon}${lines.length > 0 ? lines.join(locale === 'en' ? '; ' : '；') : a.askNothing}`,
    );
  }
  out.push('');
  return out.join('\n');
}
