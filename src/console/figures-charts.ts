import type { Rates } from '../agenda/agenda.ts';
import { CATEGORY_COLOURS, niceStep } from '../agenda/chart.ts';
import type { Locale } from '../i18n/catalog.ts';
import { messages } from '../i18n/index.ts';
import { CATEGORIES } from '../tickets/category.ts';
import type { WeekFigures } from './figures.ts';

/*
 * The figures page's charts as inline SVG (no script, no image request), in the agenda chart's colours.
 * Every text put in is escaped here; the result goes into the page as markup.
 */

const WIDTH = 720;
const HEIGHT = 300;
const PAD = { left: 44, right: 12, top: 16, bottom: 60 };
const RATE_COLOURS: Readonly<Record<keyof Rates, string>> = {
  response: '#2f6fd0',
  resolution: '#2e9e5b',
  satisfaction: '#e39b22',
};

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function frame(title: string, body: string[]): string {
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${body.join('')}</svg>`;
}

/** `2026-W49` as `W49` under each group: twelve labels fit a phone. */
const weekLabel = (week: string) => week.slice(5);

function axes(weeks: readonly WeekFigures[], yMax: number, step: number, unit: string): string[] {
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const plotW = WIDTH - PAD.left - PAD.right;
  const out: string[] = [];
  for (let v = 0; v <= yMax; v += step) {
    const y = PAD.top + plotH - (v / yMax) * plotH;
    out.push(
      `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#d0d7de" stroke-width="1"/>`,
      `<text x="${PAD.left - 6}" y="${(y + 4).toFixed(1)}" font-size="12" text-anchor="end" fill="#57606a">${v}${unit}</text>`,
    );
  }
  const groupW = plotW / weeks.length;
  weeks.forEach((w, i) =>
    out.push(
      `<text x="${(PAD.left + groupW * (i + 0.5)).toFixed(1)}" y="${HEIGHT - PAD.bottom + 16}" font-size="12" text-anchor="middle" fill="#57606a">${esc(weekLabel(w.week))}</text>`,
    ),
  );
  return out;
}

function legend(entries: Array<{ colour: string; label: string }>): string[] {
  const out: string[] = [];
  let x = PAD.left;
  const y = HEIGHT - 18;
  for (const { colour, label } of entries) {
    out.push(
      `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${colour}"/>`,
      `<text x="${x + 16}" y="${y}" font-size="12" fill="#1f2328">${esc(label)}</text>`,
    );
    x += 28 + [...label].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 12 : 7), 0);
  }
  return out;
}

/** New tickets a week, stacked by category. */
export function newTicketsChart(weeks: readonly WeekFigures[], locale: Locale, title: string): string {
  const m = messages(locale);
  const totals = weeks.map((w) => w.new);
  const step = niceStep(Math.max(1, ...totals));
  const yMax = Math.ceil(Math.max(1, ...totals) / step) * step;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const groupW = (WIDTH - PAD.left - PAD.right) / weeks.length;
  const body = axes(weeks, yMax, step, '');
  weeks.forEach((w, i) => {
    let base = 0;
    for (const c of CATEGORIES) {
      const n = w.newByCategory[c];
      if (n === 0) continue;
      const y = PAD.top + plotH - ((base + n) / yMax) * plotH;
      const h = (n / yMax) * plotH;
      body.push(
        `<rect x="${(PAD.left + groupW * i + groupW * 0.15).toFixed(1)}" y="${y.toFixed(1)}" width="${(groupW * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${CATEGORY_COLOURS[c]}"><title>${esc(`${w.week} ${m.categoryName[c]}: ${n}`)}</title></rect>`,
      );
      base += n;
    }
  });
  body.push(...legend(CATEGORIES.map((c) => ({ colour: CATEGORY_COLOURS[c], label: m.categoryName[c] }))));
  return frame(title, body);
}

/** The three rates week by week, as lines in percent; a week where nothing fell due breaks its line. */
export function ratesChart(
  weeks: readonly WeekFigures[],
  names: Readonly<Record<keyof Rates, string>>,
  title: string,
): string {
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const groupW = (WIDTH - PAD.left - PAD.right) / weeks.length;
  const body = axes(weeks, 100, 20, '%');
  for (const kind of ['response', 'resolution', 'satisfaction'] as const) {
    let path = '';
    let pen = false;
    weeks.forEach((w, i) => {
      const value = w.rates[kind].value;
      if (value === null) {
        pen = false;
        return;
      }
      const x = PAD.left + groupW * (i + 0.5);
      const y = PAD.top + plotH - value * plotH;
      path += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)} `;
      body.push(
        `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${RATE_COLOURS[kind]}"><title>${esc(`${w.week} ${names[kind]}: ${Math.round(value * 1000) / 10}%`)}</title></circle>`,
      );
      pen = true;
    });
    if (path !== '')
      body.push(`<path d="${path.trim()}" fill="none" stroke="${RATE_COLOURS[kind]}" stroke-width="2"/>`);
  }
  body.push(
    ...legend(
      (['response', 'resolution', 'satisfaction'] as const).map((k) => ({ colour: RATE_COLOURS[k], label: names[k] })),
    ),
  );
  return frame(title, body);
}
