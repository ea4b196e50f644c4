import { formatLocalDateTime } from '../i18n/local-time.ts';
import { messages, type Locale } from '../i18n/index.ts';
import { streetMessages } from '../i18n/street-messages.ts';
import { stripDirectionMarks } from '../privacy/direction-marks.ts';
import { forViewer } from '../privacy/for-viewer.ts';
import type { Rate } from './agenda.ts';
import { localDate } from './iso-week.ts';
import { pack } from './render-chat.ts';
import { listSeparator, placeText, rateText } from './render-text.ts';
import type { StreetDigest } from './street-digest.ts';

const FLOWS = ['new', 'resolved', 'explained', 'reopened', 'overdue'] as const;
const RATES = ['response', 'resolution', 'satisfaction'] as const;
const HOUR = 3_600_000;

/**
 * The digest as its readers may see it: names without direction controls, every summary and spot
 * masked for the `public` audience again at render time (DESIGN §6). Masking masked text changes
 * nothing, so this is safe on any stored digest.
 */
export function streetDigestForReaders(digest: StreetDigest): StreetDigest {
  const name = (n: string): string => stripDirectionMarks(n);
  return {
    ...digest,
    street: name(digest.street),
    estates: digest.estates.map((e) => ({
      ...e,
      name: name(e.name),
      community: e.community === null ? null : name(e.community),
    })),
    escalated: digest.escalated.map((s) => ({
      ...s,
      estateName: name(s.estateName),
      spot: s.spot === null ? null : forViewer(s.spot, 'public'),
      summary: forViewer(s.summary, 'public'),
    })),
  };
}

/** The words of a digest, shared by the renderers: each decides the layout, none the wording. */
export interface StreetDigestText {
  title: string;
  readers: string;
  period: string;
  compiled: string;
  overview: string;
  /** Header and rows of the figures table (the total row last). */
  figures: { header: string[]; rows: Array<Array<string | number>> };
  /** Header and rows of the rates table: each rate with last week's. */
  rates: { header: string[]; rows: string[][] };
  definitions: string[];
  ranking: { rule: string; rows: string[] };
  escalated: Array<{ head: string; levels: string[] }>;
}

function pct(value: number): number {
  return Math.round(value * 1000) / 10;
}

/** Builds every line of the digest in a locale; the renderers lay them out. */
export function streetDigestText(stored: StreetDigest, locale: Locale): StreetDigestText {
  const digest = streetDigestForReaders(stored);
  const m = messages(locale);
  const a = m.agenda;
  const s = streetMessages(locale);
  const f = a.figureNames;
  const rate = (r: Rate): string => rateText(r, locale);
  const week = a.weekName(digest.week);
  const estateName = (e: { name: string; code: string }): string => e.name || e.code;
  const lastDay = new Date(new Date(digest.end).getTime() - 1);
  const at = new Date(digest.asOf);
  const escalatedCount = digest.escalated.length;
  return {
    title: s.title({ street: digest.street, week }),
    readers: s.readers,
    period: a.period({
      from: localDate(new Date(digest.start), digest.timeZone),
      to: localDate(lastDay, digest.timeZone),
    }),
    compiled: a.compiledAt(`${formatLocalDateTime(at, digest.timeZone)} (${digest.timeZone})`),
    overview: s.overview({
      estates: digest.estates.length,
      newCount: digest.total.thisWeek.new,
      lastNew: digest.total.lastWeek.new,
      resolved: digest.total.thisWeek.resolved,
      explained: digest.total.thisWeek.explained,
      overdue: digest.total.thisWeek.overdue,
      stillOpen: digest.total.stocks.stillOpen,
      escalated: escalatedCount,
    }),
    figures: {
      header: [
        s.columns.rank,
        s.columns.estate,
        s.columns.community,
        ...FLOWS.map((k) => f[k]),
        f.stillOpen,
        f.overdueNow,
        s.columns.escalated,
      ],
      rows: [
        ...digest.estates.map((e) => [
          e.rank,
          estateName(e),
          e.community ?? a.noValue,
          ...FLOWS.map((k) => `${e.thisWeek[k]}`),
          e.stocks.stillOpen,
          e.stocks.overdueNow,
          e.escalated,
        ]),
        [
          '',
          s.total,
          '',
          ...FLOWS.map((k) => `${digest.total.thisWeek[k]}`),
          digest.total.stocks.stillOpen,
          digest.total.stocks.overdueNow,
          escalatedCount,
        ],
      ],
    },
    rates: {
      header: [s.columns.estate, ...RATES.map((k) => a.rateNames[k])],
      rows: [
        ...digest.estates.map((e) => [
          estateName(e),
          ...RATES.map((k) => s.withLastWeek({ now: rate(e.rates.thisWeek[k]), last: rate(e.rates.lastWeek[k]) })),
        ]),
        [
          s.total,
          ...RATES.map((k) =>
            s.withLastWeek({ now: rate(digest.total.rates.thisWeek[k]), last: rate(digest.total.rates.lastWeek[k]) }),
          ),
        ],
      ],
    },
    definitions: RATES.map((k) => `${a.rateNames[k]}${locale === 'en' ? ': ' : '：'}${a.rateDefinitions[k]}`),
    ranking: {
      rule: s.rankingRule,
      rows: digest.estates.map(
        (e) =>
          `${e.rank}. ${estateName(e)}${locale === 'en' ? ': ' : '：'}${e.score === null ? a.noValue : s.score(pct(e.score))}`,
      ),
    },
    escalated: digest.escalated.map((item) => ({
      head: s.escalatedItem({
        estate: item.estateName || item.estate,
        reference: item.reference,
        category: m.categoryName[item.category],
        place: placeText(item, locale),
        summary: item.summary,
        due: formatLocalDateTime(new Date(item.dueAt), digest.timeZone),
      }),
      levels: item.levels.map((l) =>
        m.escalation.supervisedLevel({
          level: l.level,
          since: formatLocalDateTime(new Date(l.since), digest.timeZone),
          waited: m.duration(l.hours * HOUR),
          ...(l.unheard && { unheard: true }),
        }),
      ),
    })),
  };
}

function md(text: string | number): string {
  return String(text)
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
    .replace(/[\\`*_[\]|]/g, '\\$&')
    .replace(/\s*\n\s*/g, ' ');
}

function mdTable(header: readonly (string | number)[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  return [
    `| ${header.map(md).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(md).join(' | ')} |`),
  ];
}

/** The digest as Markdown. */
export function renderStreetMarkdown(
  digest: StreetDigest,
  locale: Locale,
  options: { chartUrl?: string } = {},
): string {
  const t = streetDigestText(digest, locale);
  const s = streetMessages(locale);
  const out: string[] = [`# ${md(t.title)}`, '', `${md(t.readers)}  `, `${md(t.period)}  `, md(t.compiled), ''];
  out.push(`## ${s.sections.overview}`, '', md(t.overview), '');
  out.push(`## ${s.sections.estates}`, '', ...mdTable(t.figures.header, t.figures.rows), '');
  if (options.chartUrl)
    out.push(
      `![${md(s.chartCaption({ week: messages(locale).agenda.weekName(digest.week) }))}](${options.chartUrl})`,
      '',
    );
  out.push(`## ${s.sections.rates}`, '', ...mdTable(t.rates.header, t.rates.rows), '');
  out.push(...t.definitions.map((d) => `- ${md(d)}`), '');
  out.push(`## ${s.sections.ranking}`, '', md(t.ranking.rule), '', ...t.ranking.rows.map((r) => md(r)), '');
  out.push(`## ${s.sections.escalated}`, '');
  if (t.escalated.length === 0) out.push(s.noEscalated, '');
  t.escalated.forEach((item, i) =>
    out.push(`${i + 1}. **${md(item.head)}**`, ...item.levels.map((l) => `   - ${md(l)}`)),
  );
  if (t.escalated.length > 0) out.push('');
  return out.join('\n');
}

function esc(text: string | number): string {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function htmlTable(
  header: readonly (string | number)[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  className: string,
): string {
  return (
    `<table class="${className}"><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

const STYLE = `
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; line-height: 1.5; margin: 0 auto; max-width: 277mm; padding: 12px; font-size: 10pt; }
header { border-bottom: 3px solid #b4232a; padding-bottom: 6px; margin-bottom: 10px; }
h1 { font-size: 16pt; margin: 0 0 4px; color: #b4232a; }
h2 { font-size: 12.5pt; margin: 14px 0 6px; border-left: 4px solid #b4232a; padding-left: 6px; break-after: avoid; }
.meta { color: #57606a; font-size: 9pt; margin: 0; }
.overview { background: #f6f8fa; border-radius: 4px; padding: 8px 10px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 9pt; }
th, td { border: 1px solid #d0d7de; padding: 2px 5px; text-align: right; }
thead th { background: #f0f2f4; text-align: center; }
table.figures td:nth-child(-n+3), table.rates td:first-child { text-align: left; }
tbody tr:last-child { font-weight: bold; background: #fdf0e6; }
.definitions, .rule { font-size: 8.5pt; color: #57606a; }
figure { margin: 6px 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
figcaption { font-size: 8.5pt; color: #57606a; }
`;

/** The digest as a standalone HTML page (A4 landscape), the chart as a URL or a data: URI. */
export function renderStreetHtml(digest: StreetDigest, locale: Locale, options: { chartSrc?: string } = {}): string {
  const t = streetDigestText(digest, locale);
  const s = streetMessages(locale);
  const parts: string[] = [
    `<!doctype html><html lang="${esc(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${esc(t.title)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${esc(t.title)}</h1><p class="meta">${esc(t.readers)}</p><p class="meta">${esc(t.period)} · ${esc(t.compiled)}</p></header>`,
    `<section><h2>${esc(s.sections.overview)}</h2><p class="overview">${esc(t.overview)}</p></section>`,
    `<section><h2>${esc(s.sections.estates)}</h2>${htmlTable(t.figures.header, t.figures.rows, 'figures')}</section>`,
  ];
  if (options.chartSrc)
    parts.push(
      `<figure><img src="${esc(options.chartSrc)}" alt="${esc(s.chartTitle)}"><figcaption>${esc(s.chartCaption({ week: messages(locale).agenda.weekName(digest.week) }))}</figcaption></figure>`,
    );
  parts.push(
    `<section><h2>${esc(s.sections.rates)}</h2>${htmlTable(t.rates.header, t.rates.rows, 'rates')}<ul class="definitions">${t.definitions.map((d) => `<li>${esc(d)}</li>`).join('')}</ul></section>`,
  );
  parts.push(
    `<section><h2>${esc(s.sections.ranking)}</h2><p class="rule">${esc(t.ranking.rule)}</p><ol>${t.ranking.rows.map((r) => `<li>${esc(r.replace(/^\d+\.\s*/, ''))}</li>`).join('')}</ol></section>`,
  );
  parts.push(`<section><h2>${esc(s.sections.escalated)}</h2>`);
  parts.push(
    t.escalated.length === 0
      ? `<p>${esc(s.noEscalated)}</p>`
      : `<ol>${t.escalated.map((i) => `<li><strong>${esc(i.head)}</strong><ul>${i.levels.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></li>`).join('')}</ol>`,
  );
  parts.push('</section></body></html>\n');
  return parts.join('');
}

/**
 * The digest as chat messages within a platform's limit: a compact block per estate (figures and
 * rates with last week's), the ranking, the escalated items; split at block boundaries, each part
 * marked "(i/n)" when there are several.
 */
export function renderStreetChat(digest: StreetDigest, locale: Locale, options: { limit: number }): string[] {
  const t = streetDigestText(digest, locale);
  const m = messages(locale);
  const a = m.agenda;
  const s = streetMessages(locale);
  const sep = listSeparator(locale);
  const colon = locale === 'en' ? ': ' : '：';
  const view = streetDigestForReaders(digest);
  const blocks: string[] = [`🏙 ${t.title}\n${t.readers}\n${t.period}`, t.overview];
  blocks.push(`🏆 ${s.sections.ranking}\n${t.ranking.rows.join('\n')}\n${t.ranking.rule}`);
  blocks.push(`📊 ${s.sections.estates}`);
  for (const e of view.estates) {
    blocks.push(
      `${e.rank}. ${e.name || e.code}${e.community ? `（${e.community}）` : ''}\n` +
        FLOWS.map((k) => `${a.figureNames[k]} ${e.thisWeek[k]}`).join(sep) +
        `${sep}${a.figureNames.stillOpen} ${e.stocks.stillOpen}\n` +
        RATES.map(
          (k) =>
            `${a.rateNames[k]}${colon}${s.withLastWeek({ now: rateText(e.rates.thisWeek[k], locale), last: rateText(e.rates.lastWeek[k], locale) })}`,
        ).join('\n'),
    );
  }
  blocks.push(
    `🔔 ${s.sections.escalated}\n` +
      (t.escalated.length === 0
        ? s.noEscalated
        : t.escalated.map((i, n) => `${n + 1}. ${i.head}\n${i.levels.map((l) => `   · ${l}`).join('\n')}`).join('\n')),
  );
  const reserve = a.part({ index: 99, total: 99 }).length + 1;
  const parts = pack(blocks, options.limit, reserve);
  return parts.length === 1 ? parts : parts.map((p, i) => `${p}\n${a.part({ index: i + 1, total: parts.length })}`);
}
