import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FILE, CHART_HEIGHT, CHART_WIDTH, renderChartPng, renderChartSvg } from '../../src/agenda/chart.ts';
import { compileWeeklyAgenda } from '../../src/agenda/compile.ts';
import { LOCALES, messages } from '../../src/i18n/index.ts';
import { CATEGORIES } from '../../src/tickets/category.ts';
import { weekInput } from './fixtures.ts';

const agenda = { ...compileWeeklyAgenda(weekInput()), narrative: '', narrativeSource: 'deterministic' as const };

/** The code points an OpenType font maps (cmap formats 4 and 12), read straight from the file. */
function fontCodePoints(file: string): Set<number> {
  const font = readFileSync(file);
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++)
    if (font.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = font.readUInt32BE(12 + i * 16 + 8);
  const points = new Set<number>();
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmap + font.readUInt32BE(cmap + 4 + i * 8 + 4);
    const format = font.readUInt16BE(at);
    if (format === 4) {
      const segments = font.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + segments * 2 + 2;
      for (let s = 0; s < segments; s++)
        for (let c = font.readUInt16BE(starts + s * 2); c <= font.readUInt16BE(ends + s * 2) && c !== 0xffff; c++)
          points.add(c);
    } else if (format === 12) {
      const groups = font.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++)
        for (let c = font.readUInt32BE(at + 16 + g * 12); c <= font.readUInt32BE(at + 20 + g * 12); c++) points.add(c);
    }
  }
  return points;
}

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
    const covered = fontCodePoints(CHART_FONT_FILE);
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
