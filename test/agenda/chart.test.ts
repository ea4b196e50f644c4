import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FILE, CHART_HEIGHT, CHART_WIDTH, renderChartPng, renderChartSvg } from '../../src/agenda/chart.ts';
import { compileWeeklyAgenda } from '../../src/agenda/compile.ts';
import { fontCodePoints } from '../../src/agenda/svg-to-png.ts';
import { LOCALES, messages } from '../../src/i18n/index.ts';
import { CATEGORIES } from '../../src/tickets/category.ts';
import { weekInput } from './fixtures.ts';

const agenda = { ...compileWeeklyAgenda(weekInput()), narrative: '', narrativeSource: 'deterministic' as const };

describe('agenda chart', () => {
  it('renders a valid PNG of the declared size', () => {
    const png = renderChartPng(agenda, 'zh-CN');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(png.toString('latin1', png.length - 8, png.length - 4)).toBe('IEND');
  });

  it('labels the categories and weeks in the configured language', () => {
    const svg = renderChartSvg(agenda, 'zh-CN');
    for (const c of CATEGORIES) expect(svg).toContain(messages('zh-CN').categoryName[c]);
    expect(svg).toContain('近8周各类新增诉求');
    expect(svg).toContain('W09');
  });

  it('ships a font with a glyph for every character a chart can show, in every language (no missing-glyph boxes)', () => {
    const covered = fontCodePoints(readFileSync(CHART_FONT_FILE));
    const community = '幸福里阳光花园小区';
    for (const locale of LOCALES) {
      const text = renderChartSvg({ ...agenda, community }, locale)
        .replace(/<[^>]*>/g, '')
        .replace(/&[a-z]+;/g, '');
      const missing = [...new Set(text)].filter((ch) => !covered.has(ch.codePointAt(0)!));
      expect(missing, locale).toEqual([]);
    }
  });
});
