import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFigures, figureWeeks, type FiguresRows } from '../../src/console/figures.ts';
import { DEFAULT_ESTATE_ID } from '../../src/estates/estate.ts';
import { KyselyConsoleFiguresReader } from '../../src/store/console-figures-reader.ts';
import { KyselyResidentStore } from '../../src/store/resident-store.ts';
import { KyselyTicketStore, type NewTicket } from '../../src/store/ticket-store.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Thursday 3 December 2026, 14:00 in Shanghai: week 2026-W49. */
const NOW = new Date('2026-12-03T06:00:00.000Z');

describe('figureWeeks', () => {
  it('gives the twelve weeks up to this one, Monday to Monday in the time zone, oldest first', () => {
    const weeks = figureWeeks(NOW, TZ);
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)!.week).toBe('2026-W49');
    expect(weeks[0]!.week).toBe('2026-W38');
    expect(weeks.at(-1)!.start.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(weeks.at(-1)!.end.toISOString()).toBe('2026-12-06T16:00:00.000Z');
    for (let i = 1; i < weeks.length; i++) expect(weeks[i]!.start).toEqual(weeks[i - 1]!.end);
  });
});

describe('computeFigures', () => {
  const weeks = figureWeeks(NOW, TZ);
  const thisWeek = weeks.at(-1)!;
  const lastWeek = weeks.at(-2)!;
  const inLast = (hours: number) => new Date(lastWeek.start.getTime() + hours * HOUR);
  const deadline = (over: Partial<FiguresRows['deadlines'][number]> & { id: number }) => ({
    status: 'closed' as const,
    duplicateOf: null,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    responseDueAt: new Date(0),
    resolutionDueAt: new Date(0),
    explainedAt: null,
    ...over,
  });

  it('counts per week and over the span with the agenda’s rate definitions; deadlines after now are not missed yet', () => {
    const rows: FiguresRows = {
      created: [
        { createdAt: inLast(1), category: 'greening', building: '3' },
        { createdAt: inLast(2), category: 'greening', building: '3' },
        { createdAt: inLast(3), category: 'upkeep', building: null },
        { createdAt: new Date(thisWeek.start.getTime() + HOUR), category: 'water_supply', building: '5' },
      ],
      deadlines: [
        // Last week: answered in time, answered late, never answered.
        deadline({ id: 1, responseDueAt: inLast(4), firstResponseAt: inLast(3) }),
        deadline({ id: 2, responseDueAt: inLast(4), firstResponseAt: inLast(5) }),
        deadline({ id: 3, responseDueAt: inLast(4) }),
        // A merged duplicate is left out.
        deadline({ id: 4, responseDueAt: inLast(4), status: 'duplicate', duplicateOf: 1 }),
        // Resolved in time; explained before its deadline (left out of the resolution rate).
        deadline({ id: 5, resolutionDueAt: inLast(10), resolvedAt: inLast(9), status: 'resolved' }),
        deadline({ id: 6, resolutionDueAt: inLast(10), status: 'explained', explainedAt: inLast(8) }),
        // This week, due after now: not counted yet.
        deadline({ id: 7, responseDueAt: new Date(NOW.getTime() + HOUR), status: 'open' }),
      ],
      events: [
        { ticketId: 5, kind: 'resolved', at: inLast(9) },
        { ticketId: 5, kind: 'resolved', at: inLast(9.5) },
        { ticketId: 6, kind: 'explained', at: inLast(8) },
      ],
      answers: [
        { fixed: 'yes', rating: null, answeredAt: inLast(11) },
        { fixed: 'yes', rating: 2, answeredAt: inLast(11) },
        { fixed: null, rating: 5, answeredAt: inLast(12) },
      ],
      open: [
        { category: 'greening', building: '3', open: 2, overdue: 1 },
        { category: 'water_supply', building: '5', open: 1, overdue: 0 },
      ],
    };
    const f = computeFigures(weeks, rows, NOW);
    const last = f.weeks.at(-2)!;
    expect(last).toMatchObject({ week: '2026-W48', new: 3, resolved: 1, explained: 1 });
    expect(last.newByCategory).toEqual({ greening: 2, water_supply: 0, security: 0, upkeep: 1, other: 0 });
    expect(last.rates.response).toEqual({ numerator: 1, denominator: 3, value: 1 / 3 });
    expect(last.rates.resolution).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(last.rates.satisfaction).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    const now = f.weeks.at(-1)!;
    expect(now).toMatchObject({ new: 1, resolved: 0 });
    expect(now.rates.response.value).toBeNull();
    expect(f.total).toMatchObject({ new: 4, resolved: 1, explained: 1 });
    expect(f.total.rates.response.denominator).toBe(3);
    expect([f.openNow, f.overdueNow]).toEqual([3, 1]);
    expect(f.byCategory.find((r) => r.category === 'greening')).toEqual({
      category: 'greening',
      new: 2,
      open: 2,
      overdue: 1,
    });
    expect(f.byBuilding).toEqual([
      { building: '3', new: 2, open: 2, overdue: 1 },
      { building: '5', new: 1, open: 1, overdue: 0 },
      { building: null, new: 1, open: 0, overdue: 0 },
    ]);
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: KyselyConsoleFiguresReader`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(() => store.cleanup());

    it('reads the span only: tickets created, deadlines, resolutions, answers; active tickets grouped now', async () => {
      const tickets = new KyselyTicketStore(store.db);
      const residents = new KyselyResidentStore(store.db);
      const weeks = figureWeeks(NOW, TZ);
      const from = weeks[0]!.start;
      const to = weeks.at(-1)!.end;
      const resident = (await residents.findOrCreate({ platform: 'test', platformUserId: 'r', chatId: 'r' }, NOW)).id;
      const make = (at: Date, over: Partial<NewTicket> = {}) =>
        tickets.create(
          {
            category: 'greening',
            urgency: 'normal',
            summary: '树倒了',
            description: '3号楼门口树倒了',
            place: { building: '3', text: '3号楼' },
            language: 'zh-CN',
            classifierSource: 'offline',
            responseDueAt: new Date(at.getTime() + 4 * HOUR),
            resolutionDueAt: new Date(at.getTime() + 2 * DAY),
            createdAt: at,
            ...over,
          },
          resident,
        );
      const old = await make(new Date(from.getTime() - 30 * DAY));
      const inSpan = await make(new Date(NOW.getTime() - 3 * DAY));
      const overdue = await make(new Date(NOW.getTime() - 5 * DAY), { category: 'upkeep', place: null });
      const merged = await make(new Date(NOW.getTime() - 2 * DAY));
      await tickets.change(merged.id, { status: 'duplicate', duplicateOf: inSpan.id }, NOW);
      await tickets.change(inSpan.id, { status: 'resolved', resolvedAt: new Date(NOW.getTime() - DAY) }, NOW);
      await tickets.addEvent(inSpan.id, 'resolved', { kind: 'system' }, {}, new Date(NOW.getTime() - DAY));
      await tickets.change(old.id, { status: 'explained', explanation: { reason: 'r', plan: 'p' } }, NOW);
      await tickets.addEvent(old.id, 'explained', { kind: 'system' }, {}, new Date(from.getTime() - 20 * DAY));
      await tickets.recordReporterAnswer(inSpan.id, resident, { fixed: 'yes', rating: 5 }, NOW);

      const rows = await new KyselyConsoleFiguresReader(store.db).figuresRows({ from, to }, NOW, DEFAULT_ESTATE_ID);
      expect(rows.created.map((r) => r.category).sort()).toEqual(['greening', 'upkeep']);
      expect(rows.deadlines.map((r) => r.id).sort()).toEqual([inSpan.id, overdue.id, merged.id].sort());
      expect(rows.deadlines.find((r) => r.id === merged.id)).toMatchObject({
        status: 'duplicate',
        duplicateOf: inSpan.id,
      });
      expect(rows.events).toEqual([{ ticketId: inSpan.id, kind: 'resolved', at: new Date(NOW.getTime() - DAY) }]);
      expect(rows.answers).toEqual([{ fixed: 'yes', rating: 5, answeredAt: NOW }]);
      expect(rows.open).toEqual([{ category: 'upkeep', building: null, open: 1, overdue: 1 }]);
    });
  });
}
