import { messages, type Locale } from '../i18n/index.ts';
import { streetMessages } from '../i18n/street-messages.ts';
import { stripDirectionMarks } from '../privacy/direction-marks.ts';
import type { StreetDigest } from './street-digest.ts';
import { CJK_FONT_FAMILY, svgToPng } from './svg-to-png.ts';

export const STREET_CHART_WIDTH = 1000;
const ROW = 44;
const TOP = 96;
const BOTTOM = 56;
const LEFT = 230;
const RIGHT = 60;

/** The three bars of each estate: what came in, what was resolved, what went overdue. */
const SERIES = [
  { key: 'new', colour: '#2f6fd0' },
  { key: 'resolved', colour: '#2e9e5b' },
  { key: 'overdue', colour: '#d64541' },
] as const;

function esc(text: string): string {
  return stripDirectionMarks(text).replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
}

/** Cuts a label to about `ems` ems (a hanzi is one, a Latin letter about half). */
function shorten(text: string, ems: number): string {
  let width = 0;
  let out = '';
  for (const ch of text) {
    width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.56;
    if (width > ems) return `${out}…`;
    out += ch;
  }
  return out;
}

/** The chart's height for a digest: one row per estate. */
export function streetChartHeight(digest: StreetDigest): number {
  return TOP + Math.max(1, digest.estates.length) * ROW + BOTTOM;
}

/**
 * The digest's chart as SVG: for each estate, in rank order, three horizontal bars (new, resolved,
 * overdue this week) with their values.
 */
export function renderStreetChartSvg(digest: StreetDigest, locale: Locale): string {
  const a = messages(locale).agenda;
  const s = streetMessages(locale);
  const height = streetChartHeight(digest);
  const plotW = STREET_CHART_WIDTH - LEFT - RIGHT;
  const max = Math.max(1, ...digest.estates.flatMap((e) => SERIES.map((x) => e.thisWeek[x.key])));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${STREET_CHART_WIDTH}" height="${height}" viewBox="0 0 ${STREET_CHART_WIDTH} ${height}" font-family="${CJK_FONT_FAMILY}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="24" y="36" font-size="24" fill="#1f2328">${esc(s.chartTitle)}</text>`,
    `<text x="24" y="64" font-size="15" fill="#57606a">${esc(`${digest.street} · ${a.weekName(digest.week)}`)}</text>`,
  ];
  digest.estates.forEach((e, i) => {
    const y = TOP + i * ROW;
    if (i % 2 === 0) out.push(`<rect x="0" y="${y}" width="${STREET_CHART_WIDTH}" height="${ROW}" fill="#f6f8fa"/>`);
    out.push(
      `<text x="${LEFT - 12}" y="${y + ROW / 2 + 6}" font-size="15" text-anchor="end" fill="#1f2328">${esc(`${e.rank}. ${shorten(e.name || e.code, 11)}`)}</text>`,
    );
    SERIES.forEach((series, k) => {
      const value = e.thisWeek[series.key];
      const barY = y + 6 + k * 11;
      const w = (value / max) * plotW;
      if (value > 0)
        out.push(`<rect x="${LEFT}" y="${barY}" width="${w.toFixed(1)}" height="9" fill="${series.colour}"/>`);
      out.push(`<text x="${(LEFT + w + 4).toFixed(1)}" y="${barY + 9}" font-size="11" fill="#57606a">${value}</text>`);
    });
  });
  out.push(
    `<line x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${TOP + digest.estates.length * ROW}" stroke="#57606a" stroke-width="1"/>`,
  );
  const legendY = height - 22;
  SERIES.forEach((series, k) => {
    const x = LEFT + k * 180;
    out.push(`<rect x="${x}" y="${legendY - 13}" width="16" height="16" fill="${series.colour}"/>`);
    out.push(
      `<text x="${x + 22}" y="${legendY}" font-size="15" fill="#1f2328">${esc(a.figureNames[series.key])}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

/** The digest's chart as a PNG, drawn with the shipped CJK font. */
export function renderStreetChartPng(digest: StreetDigest, locale: Locale): Buffer {
  return svgToPng(renderStreetChartSvg(digest, locale));
}
