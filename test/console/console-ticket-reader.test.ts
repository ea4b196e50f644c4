import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SORTS } from '../../src/console/ticket-filter.ts';
import { KyselyConsoleTicketReader } from '../../src/store/console-ticket-reader.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { CATEGORIES } from '../../src/tickets/category.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = Date.parse('2026-12-01T00:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`${dialect}: console ticket reader`, () => {
    let store: TestStore;
    let reader: KyselyConsoleTicketReader;

    beforeAll(async () => {
      store = await createTestStore(dialect);
      reader = new KyselyConsoleTicketReader(store.db);
      const tickets = new KyselyTicketStore(store.db);
      // Seven tickets, several sharing a creation time and deadline (ties the paging must not lose or repeat).
      for (let i = 0; i < 7; i++) {
        const at = new Date(T0 + Math.floor(i / 3) * 60_000);
        await tickets.create(
          {
            category: CATEGORIES[i % CATEGORIES.length]!,
            urgency: i % 3 === 0 ? 'urgent' : 'normal',
            summary: `电梯坏了 ${i}`,
            description: `${i + 1}号楼电梯坏了`,
            place: { building: String(i + 1), text: `${i + 1}号楼` },
            language: 'zh-CN',
            classifierSource: 'offline',
            responseDueAt: new Date(at.getTime() + 3_600_000),
            resolutionDueAt: new Date(T0 + 86_400_000 * (i % 2)),
            createdAt: at,
          },
          null,
        );
      }
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it('exports every ticket once, in the page order, a batch at a time, for every sort', async () => {
      for (const sort of SORTS) {
        const paged = (await reader.page({ sort }, 0, 100)).tickets.map((t) => t.ticket.reference);
        const streamed: string[] = [];
        for await (const listed of reader.each({ sort }, 2)) streamed.push(listed.ticket.reference);
        expect(streamed, sort).toEqual(paged);
        expect(new Set(streamed).size, sort).toBe(7);
      }
    });

    it('filters and counts: category, urgent, building, search over masked text, date range', async () => {
      expect((await reader.page({ sort: 'newest', urgent: true }, 0, 50)).total).toBe(3);
      expect(
        (await reader.page({ sort: 'newest', building: '4' }, 0, 50)).tickets.map((t) => t.ticket.summary),
      ).toEqual(['电梯坏了 3']);
      expect((await reader.page({ sort: 'newest', search: '坏了 5' }, 0, 50)).total).toBe(1);
      expect(
        (
          await reader.page(
            { sort: 'newest', createdFrom: new Date(T0 + 60_000), createdBefore: new Date(T0 + 120_000) },
            0,
            50,
          )
        ).total,
      ).toBe(3);
      const page = await reader.page({ sort: 'oldest' }, 5, 5);
      expect(page.total).toBe(7);
      expect(page.tickets).toHaveLength(2);
    });

    it('counts a filtered query only up to the cap past the page, and says when it stopped', async () => {
      const search = { sort: 'newest' as const, search: '电梯' };
      // All seven on the first page: the page itself is the count.
      expect(await reader.page(search, 0, 10, 3)).toMatchObject({ total: 7, exact: true });
      // Two a page, counting at most three: "3+".
      const first = await reader.page(search, 0, 2, 3);
      expect([first.total, first.exact, first.tickets.length]).toEqual([3, false, 2]);
      // Further on, the cap moves past the page (offset + limit + 1): here that reaches all seven.
      expect(await reader.page(search, 4, 2, 3)).toMatchObject({ total: 7, exact: true });
      // A cap above the matches counts them exactly; the last page needs no count at all.
      expect(await reader.page(search, 0, 2, 100)).toMatchObject({ total: 7, exact: true });
      expect(await reader.page(search, 6, 2, 3)).toMatchObject({ total: 7, exact: true });
      expect(await reader.page({ ...search, search: 'nothing-matches' }, 0, 2, 3)).toMatchObject({
        total: 0,
        exact: true,
        tickets: [],
      });
      // Without a filter the count is exact whatever the cap.
      expect(await reader.page({ sort: 'newest' }, 0, 2, 3)).toMatchObject({ total: 7, exact: true });
    });
  });
}
