import { describe, expect, it } from 'vitest';
import { compileWeeklyAgenda } from '../../src/agenda/compile.ts';
import { AS_OF, T, weekInput } from './fixtures.ts';

describe('compileWeeklyAgenda', () => {
  const agenda = compileWeeklyAgenda(weekInput());

  it('covers the ISO week from Monday 00:00 to the next Monday in the configured time zone', () => {
    expect(agenda.start).toBe('2026-03-01T16:00:00.000Z');
    expect(agenda.end).toBe('2026-03-08T16:00:00.000Z');
    expect(agenda.asOf).toBe(AS_OF.toISOString());
  });

  it("counts the week's flows and last week's beside them", () => {
    // New: created in the week, merged duplicates left out: W-0001, U-0002, G-0003, U-0006, O-0008 (not U-0007).
    // Resolved: resolved events in the week: W-0001, S-0005. Explained: W-0004. Reopened: S-0005.
    // Overdue: deadlines in the week that were missed: U-0002 (responded late, and not resolved by 8 March).
    expect(agenda.figures.thisWeek).toEqual({ new: 5, resolved: 2, explained: 1, reopened: 1, overdue: 1 });
    // Last week: new S-0005, G-0009; resolved G-0009 (1 March 00:00 UTC is still last week locally); overdue S-0005.
    expect(agenda.figures.lastWeek).toEqual({ new: 2, resolved: 1, explained: 0, reopened: 0, overdue: 1 });
  });

  it('counts what is still open and overdue when it is compiled, with the last agenda’s stocks beside', () => {
    // Active: U-0002, S-0005, U-0006, O-0008. Overdue: U-0002 (resolution), S-0005 (resolution), O-0008 (response due 08:00 local).
    expect(agenda.figures.stocks).toEqual({ stillOpen: 4, overdueNow: 3 });
    expect(agenda.figures.lastStocks).toEqual({ stillOpen: 6, overdueNow: 2 });
  });

  it('computes the three rates as defined, by hand', () => {
    // Response due in the week: W-0001 (on time), U-0002 (late), U-0006 (on time); G-0003 withdrawn before its
    // deadline and the duplicate U-0007 are left out → 2/3.
    expect(agenda.rates.thisWeek.response).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    // Resolution due in the week: W-0001 (on time), U-0002 (not resolved), G-0009 (on time); W-0004 explained
    // before its deadline is left out → 2/3.
    expect(agenda.rates.thisWeek.resolution).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    // Answers in the week: 5★ (yes), 3★ (no: the rating decides), "fixed" without rating (yes), "not fixed" (no) → 2/4.
    expect(agenda.rates.thisWeek.satisfaction).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    // Last week: responses S-0005, G-0009 on time → 2/2; resolution S-0005 due 28 Feb, unresolved → 0/1; one 4★ → 1/1.
    expect(agenda.rates.lastWeek).toEqual({
      response: { numerator: 2, denominator: 2, value: 1 },
      resolution: { numerator: 0, denominator: 1, value: 0 },
      satisfaction: { numerator: 1, denominator: 1, value: 1 },
    });
  });

  it('gives no rate when nothing was due', () => {
    const empty = compileWeeklyAgenda(weekInput({ tickets: [], events: [], answers: [] }));
    expect(empty.rates.thisWeek.response).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it('breaks the week down by category and by building', () => {
    const water = agenda.byCategory.find((r) => r.category === 'water_supply');
    expect(water).toEqual({
      category: 'water_supply',
      new: 1,
      resolved: 1,
      explained: 1,
      reopened: 0,
      overdue: 0,
      stillOpen: 0,
    });
    const upkeep = agenda.byCategory.find((r) => r.category === 'upkeep');
    expect(upkeep).toEqual({
      category: 'upkeep',
      new: 2,
      resolved: 0,
      explained: 0,
      reopened: 0,
      overdue: 1,
      stillOpen: 2,
    });
    expect(agenda.byBuilding.map((r) => r.building)).toEqual(['3', '5', '7', '2']);
    expect(agenda.byBuilding.find((r) => r.building === '3')).toEqual({
      building: '3',
      new: 1,
      resolved: 2,
      explained: 1,
      reopened: 1,
      overdue: 0,
      stillOpen: 1,
    });
  });

  it('ranks the items with their reasons and proposed lead', () => {
    expect(agenda.items.map((i) => [i.rank, i.reference, i.score, i.lead])).toEqual([
      // 3 overdue + 2 repeated + 1 many reporters + 4 × 0.25 + 6 days / 30
      [1, 'U-0002', 7.2, 'property'],
      // 3 explained + 2 repeated (W-0001 at the same building this week) + 0.25 + 17 / 30
      [2, 'W-0004', 5.82, 'party_branch'],
      // 3 overdue + 2 reopened + 0.25 + 12 / 30
      [3, 'S-0005', 5.65, 'property'],
      // 3 overdue + 0.25 + 2 / 30; noise between neighbours → the committee
      [4, 'O-0008', 3.32, 'committee'],
    ]);
    expect(agenda.items[0]!.reasons).toEqual([
      { kind: 'overdue', count: 25 },
      { kind: 'repeated', count: 2 },
      { kind: 'many_reporters', count: 4 },
    ]);
    expect(agenda.items[0]!.related).toEqual(['U-0006']);
    expect(agenda.items[1]!.reasons[0]).toEqual({ kind: 'explained', text: '申请维修资金做二次供水改造' });
    expect(agenda.items[2]!.reasons).toEqual([
      { kind: 'overdue', count: 217 },
      { kind: 'reopened', count: 1 },
    ]);
    expect(agenda.items.map((i) => [i.reporters, i.ageDays, i.status])).toEqual([
      [4, 6, 'in_progress'],
      [1, 17, 'explained'],
      [1, 12, 'open'],
      [1, 2, 'open'],
    ]);
    expect(agenda.moreItems).toBe(0);
  });

  it("follows up the previous meeting's decisions", () => {
    expect(agenda.followUps.map((f) => [f.reference, f.state, f.status])).toEqual([
      ['G-0009', 'done', 'resolved'],
      ['S-0005', 'overdue', 'open'],
      ['U-0002', 'pending', 'in_progress'],
    ]);
  });

  it('asks each party for its items and open follow-ups', () => {
    expect(agenda.asks).toEqual({
      party_branch: { items: ['W-0004'], followUps: [] },
      committee: { items: ['O-0008'], followUps: [] },
      property: { items: ['U-0002', 'S-0005'], followUps: ['S-0005', 'U-0002'] },
    });
  });

  it('counts new tickets per category for the eight weeks of the chart', () => {
    expect(agenda.chart.weeks).toEqual([
      '2026-W03',
      '2026-W04',
      '2026-W05',
      '2026-W06',
      '2026-W07',
      '2026-W08',
      '2026-W09',
      '2026-W10',
    ]);
    expect(agenda.chart.newByCategory).toEqual({
      greening: [0, 0, 0, 0, 0, 0, 1, 1],
      water_supply: [0, 0, 0, 0, 0, 1, 0, 1],
      security: [0, 0, 0, 0, 0, 0, 1, 0],
      upkeep: [0, 0, 0, 0, 0, 0, 0, 2],
      other: [0, 0, 0, 0, 0, 0, 0, 1],
    });
  });

  it('is a pure function: the same input gives the same agenda', () => {
    expect(compileWeeklyAgenda(weekInput())).toEqual(agenda);
  });

  it('redacts the names, phones and units in free text', () => {
    const withT1 = compileWeeklyAgenda(weekInput({ tickets: [{ ...T.t1, status: 'open', reopenedCount: 1 }] }));
    expect(withT1.items[0]!.summary).not.toMatch(/李四|13800138000/);
    expect(withT1.items[0]!.summary).toContain('3号楼停水');
  });
});
