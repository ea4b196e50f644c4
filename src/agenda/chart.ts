import type { Locale } from '../i18n/index.ts';
import { stripDirectionMarks } from '../privacy/direction-marks.ts';
import { CATEGORIES } from '../tickets/category.ts';
import type { Agenda } from './agenda.ts';
import { catalogOf } from './render-text.ts';
import { CJK_FONT_FAMILY as FONT_FAMILY, CJK_FONT_FILE, svgToPng } from './svg-to-png.ts';

/** The chart's labels are drawn with the shipped CJK font (see svg-to-png.ts). */
export const CHART_FONT_FILE = CJK_FONT_FILE;

export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 560;

export const CATEGORY_COLOURS: Readonly<Record<(typeof CATEGORIES)[number], string>> = {
  greening: '#2e9e5b',
  water_supply: '#2f6fd0',
  security: '#d64541',
  upkeep: '#e39b22',
  other: '#7d6bb3',
};

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** A round step for the y axis so that about five gridlines cover `max`. */
export function niceStep(max: number): number {
  const raw = Math.max(1, max) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return Math.max(1, step);
}

/**
 * The chart as SVG: grouped bars of new tickets per category for each of the agenda's weeks, the
 * agenda's own week shaded and its bars labelled with their values.
 */
export function renderChartSvg(agenda: Agenda, locale: Locale): string {
  const m = catalogOf(locale);
  const a = m.agenda;
  const { weeks, newByCategory } = agenda.chart;
  const left = 64;
  const right = 24;
  const top = 78;
  const bottom = 96;
  const plotW = CHART_WIDTH - left - right;
  const plotH = CHART_HEIGHT - top - bottom;
  const max = Math.max(1, ...CATEGORIES.flatMap((c) => newByCategory[c]));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const y = (v: number): number => top + plotH - (v / yMax) * plotH;
  const groupW = plotW / weeks.length;
  const barW = (groupW * 0.78) / CATEGORIES.length;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="${FONT_FAMILY}">`,
  );
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(
    `<text x="${left}" y="34" font-size="24" fill="#1f2328">${esc(a.chartTitle({ weeks: weeks.length }))}</text>`,
  );
  out.push(
    `<text x="${left}" y="60" font-size="15" fill="#57606a">${esc(`${stripDirectionMarks(agenda.community)} · ${a.weekName(agenda.week)}`)}</text>`,
  );
  // The agenda's week.
  const current = weeks.length - 1;
  out.push(
    `<rect x="${left + current * groupW}" y="${top - 6}" width="${groupW}" height="${plotH + 6}" fill="#fdf0e6"/>`,
  );
  for (let v = 0; v <= yMax; v += step) {
    out.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? '#57606a' : '#e1e4e8'}" stroke-width="1"/>`,
    );
    out.push(`<text x="${left - 8}" y="${y(v) + 5}" font-size="13" text-anchor="end" fill="#57606a">${v}</text>`);
  }
  out.push(
    `<text x="18" y="${top + plotH / 2}" font-size="13" fill="#57606a" text-anchor="middle" transform="rotate(-90 18 ${top + plotH / 2})">${esc(a.chartAxis)}</text>`,
  );
  weeks.forEach((week, w) => {
    const x0 = left + w * groupW + groupW * 0.11;
    CATEGORIES.forEach((category, c) => {
      const value = newByCategory[category][w] ?? 0;
      const x = x0 + c * barW;
      if (value > 0)
        out.push(
          `<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(y(0) - y(value)).toFixed(1)}" fill="${CATEGORY_COLOURS[category]}"/>`,
        );
      if (w === current && value > 0)
        out.push(
          `<text x="${(x + barW / 2).toFixed(1)}" y="${(y(value) - 4).toFixed(1)}" font-size="12" text-anchor="middle" fill="#1f2328">${value}</text>`,
        );
    });
    const label = w === current ? a.thisWeek : `W${week.slice(6)}`;
    out.push(
      `<text x="${(left + (w + 0.5) * groupW).toFixed(1)}" y="${top + plotH + 22}" font-size="14" text-anchor="middle" fill="${w === current ? '#b4232a' : '#57606a'}"${w === current ? ' font-weight="bold"' : ''}>${esc(label)}</text>`,
    );
  });
  // Legend.
  const legendY = CHART_HEIGHT - 30;
  const slot = plotW / CATEGORIES.length;
  CATEGORIES.forEach((category, c) => {
    const x = left + c * slot;
    out.push(`<rect x="${x}" y="${legendY - 13}" width="16" height="16" fill="${CATEGORY_COLOURS[category]}"/>`);
    out.push(
      `<text x="${x + 22}" y="${legendY}" font-size="15" fill="#1f2328">${esc(m.categoryName[category])}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

/** The chart as a PNG (1000 × 560), rendered with the shipped CJK font and no system fonts. */
export function renderChartPng(agenda: Agenda, locale: Locale): Buffer {
  return svgToPng(renderChartSvg(agenda, locale));
}
