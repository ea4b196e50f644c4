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

function esc(text: string | number): string {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, className = ''): string {
  return (
    `<table${className ? ` class="${className}"` : ''}><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('')}</tbody></table>`
  );
}

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif; color: #1f2328; line-height: 1.5; margin: 0 auto; max-width: 190mm; padding: 12px; font-size: 10.5pt; }
header { border-bottom: 3px solid #b4232a; padding-bottom: 6px; margin-bottom: 10px; }
h1 { font-size: 17pt; margin: 0 0 4px; color: #b4232a; }
h2 { font-size: 13pt; margin: 16px 0 6px; border-left: 4px solid #b4232a; padding-left: 6px; break-after: avoid; }
h3 { font-size: 11pt; margin: 10px 0 4px; break-after: avoid; }
.meta { color: #57606a; font-size: 9.5pt; margin: 0; }
.narrative { background: #f6f8fa; border-radius: 4px; padding: 8px 10px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 9.5pt; break-inside: avoid; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: right; vertical-align: top; }
thead th { background: #f0f2f4; text-align: center; }
tbody th { text-align: left; font-weight: normal; }
table.text td { text-align: left; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
.definitions { font-size: 8.5pt; color: #57606a; margin: 0 0 6px; padding-left: 16px; }
figure { margin: 6px 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
figcaption { font-size: 8.5pt; color: #57606a; }
ol.items { padding-left: 0; list-style: none; margin: 0; }
ol.items > li { border: 1px solid #d0d7de; border-radius: 4px; padding: 6px 8px; margin: 0 0 6px; break-inside: avoid; }
.item-head { font-weight: bold; }
.rank { display: inline-block; min-width: 1.6em; background: #b4232a; color: #fff; border-radius: 3px; text-align: center; margin-right: 6px; }
.lead { display: inline-block; border: 1px solid #b4232a; color: #b4232a; border-radius: 3px; padding: 0 4px; font-weight: bold; }
.why { color: #8a4b08; }
.small { font-size: 9pt; color: #57606a; }
.notes { margin-top: 8px; border-top: 1px dashed #8c959f; min-height: 14mm; font-size: 9pt; color: #8c959f; }
.asks li { margin-bottom: 3px; }
@media print {
  body { padding: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid-page; }
  .items li, table, figure { break-inside: avoid-page; }
}
`;

/**
 * The agenda as a standalone HTML page, laid out for A4 paper: one file with its styles, the chart
 * (a URL, or a data: URI so the file travels alone), and room under each item for the minutes.
 */
export function renderAgendaHtml(stored: Agenda, locale: Locale, options: { chartSrc?: string } = {}): string {
  const agenda = agendaForReaders(stored);
  const m = catalogOf(locale);
  const a = m.agenda;
  const f = a.figureNames;
  const colon = locale === 'en' ? ': ' : '：';
  const { thisWeek, lastWeek, stocks, lastStocks } = agenda.figures;
  const columns = ['new', 'resolved', 'explained', 'reopened', 'overdue', 'stillOpen'] as const;
  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="${esc(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
  );
  parts.push(
    `<title>${esc(a.title({ community: agenda.community, week: agenda.week }))}</title><style>${STYLE}</style></head><body>`,
  );
  parts.push(`<header><h1>${esc(a.title({ community: agenda.community, week: agenda.week }))}</h1>`);
  parts.push(
    `<p class="meta">${esc(a.meetingOf)}</p><p class="meta">${esc(periodText(agenda, locale))} · ${esc(compiledText(agenda, locale))}</p></header>`,
  );
  // Escalated tickets (督办) lead the agenda.
  const supervised = renderSupervised(agenda, locale);
  if (supervised) {
    const items = supervised.items.map(
      (item) =>
        `<li><strong>${esc(item.head)}</strong><ul>${item.levels.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></li>`,
    );
    parts.push(`<section class="supervised"><h2>${esc(supervised.title)}</h2><ol>${items.join('')}</ol></section>`);
  }
  const revisits = renderRevisits(agenda, locale);
  if (revisits)
    parts.push(
      `<section class="revisits"><h2>${esc(revisits.title)}</h2><ol>${revisits.lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ol></section>`,
    );
  parts.push(
    `<section><h2>${esc(a.sections.narrative)}</h2><p class="narrative">${esc(agenda.narrative)}</p></section>`,
  );

  parts.push(`<section><h2>${esc(a.sections.figures)}</h2><div class="grid"><div>`);
  parts.push(
    table(
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
  );
  parts.push(`</div><div><h3>${esc(a.sections.rates)}</h3>`);
  parts.push(
    table(
      ['', a.thisWeek, a.lastWeek],
      (['response', 'resolution', 'satisfaction'] as const).map((k) => [
        a.rateNames[k],
        rateText(agenda.rates.thisWeek[k], locale),
        rateText(agenda.rates.lastWeek[k], locale),
      ]),
    ),
  );
  parts.push(
    `<ul class="definitions">${(['response', 'resolution', 'satisfaction'] as const).map((k) => `<li>${esc(a.rateNames[k])}${colon}${esc(a.rateDefinitions[k])}</li>`).join('')}</ul></div></div>`,
  );
  parts.push(`<h3>${esc(a.sections.byCategory)}</h3>`);
  parts.push(
    table(
      [a.columns.category, ...columns.map((k) => f[k])],
      agenda.byCategory.map((r) => [m.categoryName[r.category], ...columns.map((k) => r[k])]),
    ),
  );
  if (agenda.byBuilding.length > 0) {
    parts.push(`<h3>${esc(a.sections.byBuilding)}</h3>`);
    parts.push(
      table(
        [a.columns.building, ...columns.map((k) => f[k])],
        agenda.byBuilding.map((r) => [
          r.building === null ? a.noBuilding : placeText({ building: r.building, spot: null }, locale),
          ...columns.map((k) => r[k]),
        ]),
      ),
    );
  }
  if (options.chartSrc) {
    parts.push(
      `<figure><img src="${esc(options.chartSrc)}" alt="${esc(a.chartCaption({ week: agenda.week }))}" width="900" height="500"><figcaption>${esc(a.chartCaption({ week: agenda.week }))}</figcaption></figure>`,
    );
  }
  parts.push('</section>');

  parts.push(`<section><h2>${esc(a.sections.items)}</h2>`);
  if (agenda.items.length === 0) parts.push(`<p>${esc(a.noItems)}</p>`);
  else {
    parts.push('<ol class="items">');
    for (const item of agenda.items) {
      parts.push(
        `<li><div class="item-head"><span class="rank">${item.rank}</span>${esc(itemHeadline(item, locale))} <span class="lead">${esc(a.columns.lead)}${colon}${esc(a.partyName[item.lead])}</span></div>`,
      );
      parts.push(`<div>${esc(item.summary)}</div>`);
      parts.push(`<div class="why">${esc(a.columns.reasons)}${colon}${esc(reasonsText(item.reasons, locale))}</div>`);
      parts.push(
        `<div class="small">${esc(a.columns.reporters)} ${item.reporters} · ${esc(a.columns.age)} ${esc(a.ageDays(item.ageDays))} · ${esc(a.columns.status)} ${esc(m.statusName[item.status])}</div>`,
      );
      if (item.related.length > 0)
        parts.push(`<div class="small">${esc(a.related(item.related.join(listSeparator(locale))))}</div>`);
      parts.push(`<div class="notes">${esc(a.columns.decision)}${colon}</div></li>`);
    }
    parts.push('</ol>');
  }
  if (agenda.moreItems > 0) parts.push(`<p class="small">${esc(a.moreItems(agenda.moreItems))}</p>`);
  parts.push('</section>');

  parts.push(`<section><h2>${esc(a.sections.followUps)}</h2>`);
  if (agenda.previousWeek === null) parts.push(`<p>${esc(a.noPreviousMeeting)}</p>`);
  else if (agenda.followUps.length === 0) parts.push(`<p>${esc(a.noFollowUps)}</p>`);
  else {
    parts.push(
      table(
        [a.columns.reference, a.columns.place, a.columns.decision, a.columns.lead, a.columns.due, a.columns.progress],
        agenda.followUps.map((u) => [
          u.reference,
          placeText(u, locale),
          u.decision,
          a.partyName[u.lead],
          u.dueDate ?? a.noValue,
          `${a.followUpState[u.state]}（${m.statusName[u.status]}）`,
        ]),
        'text',
      ),
    );
  }
  parts.push('</section>');

  parts.push(`<section><h2>${esc(a.sections.asks)}</h2><ul class="asks">`);
  for (const party of PARTIES) {
    const ask = agenda.asks[party];
    const lines = [
      ...(ask.items.length > 0 ? [a.askItems(ask.items.join(listSeparator(locale)))] : []),
      ...(ask.followUps.length > 0 ? [a.askFollowUps(ask.followUps.join(listSeparator(locale)))] : []),
    ];
    parts.push(
      `<li><strong>${esc(a.partyName[party])}</strong>${colon}${esc(lines.length > 0 ? lines.join(locale === 'en' ? '; ' : '；') : a.askNothing)}</li>`,
    );
  }
  parts.push('</ul></section></body></html>\n');
  return parts.join('\n');
}
