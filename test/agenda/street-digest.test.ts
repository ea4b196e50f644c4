import { describe, expect, it } from 'vitest';
import type { AgendaEscalation } from '../../src/agenda/agenda.ts';
import { compileWeeklyAgenda } from '../../src/agenda/compile.ts';
import { renderStreetChat, renderStreetHtml, renderStreetMarkdown } from '../../src/agenda/render-street.ts';
import { renderStreetChartPng, renderStreetChartSvg, STREET_CHART_WIDTH } from '../../src/agenda/street-chart.ts';
import { compileStreetDigest, estateWeek, type StreetDigestInput } from '../../src/agenda/street-digest.ts';
import { missingGlyphs } from '../../src/agenda/svg-to-png.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { AS_OF, T, ticket, weekInput } from './fixtures.ts';

const d = (iso: string): Date => new Date(iso);
const base = weekInput();

/** Estate A is the agenda fixture's week; B handled its one ticket well; C had nothing to rate. */
function streetInput(): StreetDigestInput {
  const escalations = new Map<number, AgendaEscalation[]>([
    [
      5,
      [
        { level: 'admin', at: d('2026-02-28T04:00:00Z') },
        { level: 'committee', at: d('2026-03-02T04:00:00Z') },
        { level: 'party_branch', at: d('2026-03-05T04:00:00Z') },
      ],
    ],
    [2, [{ level: 'admin', at: d('2026-03-08T04:00:00Z') }]],
  ]);
  return {
    street: '朝阳街道',
    week: base.week,
    timeZone: base.timeZone,
    start: base.start,
    end: base.end,
    asOf: AS_OF,
    estates: [
      estateWeek(
        {
          code: 'xingfu',
          name: '幸福里',
          community: '幸福社区',
          tickets: base.tickets.map((t) => (t.id === 5 ? { ...t, summary: '3号楼门禁坏了，我是王五 13912345678' } : t)),
          events: base.events,
          answers: base.answers,
          escalations,
          personal: new Map([[5, ['王五']]]),
        },
        base,
      ),
      estateWeek(
        {
          code: 'east-2',
          name: '东苑二期',
          community: '幸福社区',
          tickets: [
            ticket(101, 'W-0101', {
              status: 'resolved',
              createdAt: d('2026-03-03T00:00:00Z'),
              responseDueAt: d('2026-03-03T04:00:00Z'),
              firstResponseAt: d('2026-03-03T01:00:00Z'),
              resolutionDueAt: d('2026-03-05T00:00:00Z'),
              resolvedAt: d('2026-03-04T00:00:00Z'),
            }),
          ],
          events: [{ ticketId: 101, kind: 'resolved', at: d('2026-03-04T00:00:00Z') }],
          answers: [{ ticketId: 101, rating: 5, fixed: 'yes', answeredAt: d('2026-03-04T02:00:00Z') }],
          personal: new Map(),
        },
        base,
      ),
      estateWeek(
        { code: 'quiet', name: '静园', community: null, tickets: [], events: [], answers: [], personal: new Map() },
        base,
      ),
    ],
  };
}

describe('street digest', () => {
  it('counts each estate exactly as its own agenda does', () => {
    const digest = compileStreetDigest(streetInput());
    const agenda = compileWeeklyAgenda(base);
    const a = digest.estates.find((e) => e.code === 'xingfu')!;
    expect(a.thisWeek).toEqual(agenda.figures.thisWeek);
    expect(a.lastWeek).toEqual(agenda.figures.lastWeek);
    expect(a.stocks).toEqual(agenda.figures.stocks);
    expect(a.rates).toEqual(agenda.rates);
  });

  it('ranks the estates by the mean of their rates, estates with nothing to rate last', () => {
    const digest = compileStreetDigest(streetInput());
    expect(digest.estates.map((e) => [e.rank, e.code])).toEqual([
      [1, 'east-2'],
      [2, 'xingfu'],
      [3, 'quiet'],
    ]);
    expect(digest.estates[0]!.score).toBe(1);
    // xingfu: response 2/3, resolution 2/3, satisfaction 2/4.
    expect(digest.estates[1]!.score).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 2) / 3, 10);
    expect(digest.estates[2]!.score).toBeNull();
  });

  it('adds the street up: flows and stocks summed, rates over the pooled counts', () => {
    const { total } = compileStreetDigest(streetInput());
    expect(total.thisWeek).toEqual({ new: 6, resolved: 3, explained: 1, reopened: 1, overdue: 1 });
    expect(total.rates.thisWeek.response).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(total.rates.thisWeek.satisfaction).toEqual({ numerator: 3, denominator: 5, value: 0.6 });
  });

  it('lists the open tickets escalated up to the Party branch and the street, masked', () => {
    const digest = compileStreetDigest(streetInput());
    expect(digest.escalated.map((s) => [s.estate, s.reference])).toEqual([['xingfu', T.t5.reference]]);
    expect(digest.estates.find((e) => e.code === 'xingfu')!.escalated).toBe(1);
    const text = JSON.stringify(digest);
    expect(text).not.toContain('王五');
    const md = renderStreetMarkdown(digest, 'zh-CN');
    expect(md).not.toMatch(/13912345678|王五/);
    expect(md).toContain('S-0005');
  });

  it('renders Markdown, HTML and chat text in three languages, with every estate and the ranking', () => {
    const digest = compileStreetDigest(streetInput());
    const zh = renderStreetMarkdown(digest, 'zh-CN');
    expect(zh).toContain('# 朝阳街道各小区诉求办理周报 · 2026年第10周');
    for (const words of ['东苑二期', '幸福里', '静园', '全街道', '上周', '1. 东苑二期：100%', '提交街道督办的事项'])
      expect(zh).toContain(words);
    expect(renderStreetMarkdown(digest, 'en')).toContain('Escalated to the street');
    expect(renderStreetMarkdown(digest, 'zh-TW')).toContain('各小區訴求辦理週報');
    const html = renderStreetHtml(digest, 'zh-CN', { chartSrc: 'data:image/png;base64,AAAA' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<img src="data:image/png;base64,AAAA"');
    const chat = renderStreetChat(digest, 'zh-CN', { limit: 4096 });
    expect(chat.join('\n')).toContain('东苑二期');
  });

  it('splits a long street into chat messages within the platform limit', () => {
    const input = streetInput();
    const many = {
      ...input,
      estates: Array.from({ length: 50 }, (_, i) => ({ ...input.estates[1]!, code: `e-${i}`, name: `第${i}小区` })),
    };
    const parts = renderStreetChat(compileStreetDigest(many), 'zh-CN', { limit: 1000 });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(1000);
    expect(parts.join('')).toContain('第49小区');
  });

  it('draws a chart with a row per estate and a glyph for every label in every language', () => {
    const digest = compileStreetDigest(streetInput());
    const png = renderStreetChartPng(digest, 'zh-CN');
    expect(png.readUInt32BE(16)).toBe(STREET_CHART_WIDTH);
    for (const locale of LOCALES) {
      const text = renderStreetChartSvg(digest, locale)
        .replace(/<[^>]*>/g, '')
        .replace(/&[a-z]+;/g, '');
      expect(missingGlyphs(text), locale).toEqual([]);
    }
  });
});
