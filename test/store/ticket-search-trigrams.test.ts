import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261225090000_ticket_search_trigrams.ts';
import { KyselyConsoleTicketReader } from '../../src/store/console-ticket-reader.ts';
import { createHarness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const INDEXES = ['tickets_place_building_trgm', 'tickets_reference_trgm', 'tickets_search_text_trgm'];

for (const dialect of DIALECTS) {
  describe(`${dialect}: the search's trigram indexes (20261225090000)`, () => {
    let store: TestStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(async () => {
      await store.cleanup();
    });

    const indexes = async (): Promise<string[]> =>
      dialect === 'postgres'
        ? (
            await sql<{ name: string }>`select indexname as name from pg_indexes
              where schemaname = current_schema() and indexname like '%_trgm' order by indexname`.execute(store.db)
          ).rows.map((r) => r.name)
        : (
            await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and name like '%_trgm'`.execute(store.db)
          ).rows.map((r) => r.name);

    it('is built over tickets already there (PostgreSQL only), and the console search reads through it', async () => {
      const h = await createHarness(store);
      await h.say('ann', '3号楼电梯门关不上，夹到人了');
      await h.say('bob', '5号楼门口的路灯坏了');
      const reader = new KyselyConsoleTicketReader(store.db);
      const search = async (words: string) =>
        (await reader.page({ search: words, sort: 'newest' }, 0, 50)).tickets.map((t) => t.ticket.summary);

      // An upgrade with tickets in the database: the indexes come after the rows.
      await down(store.db as never);
      expect(await indexes()).toEqual([]);
      await up(store.db as never);
      expect(await indexes()).toEqual(dialect === 'postgres' ? INDEXES : []);

      // The same answers as before: masked text, three characters or two, a reference, none.
      expect(await search('电梯门')).toHaveLength(1);
      expect(await search('电梯')).toHaveLength(1);
      expect(await search('路灯坏')).toHaveLength(1);
      expect(await search('没有的词')).toEqual([]);
      const reference = (await reader.page({ sort: 'newest' }, 0, 50)).tickets[0]!.ticket.reference;
      expect((await reader.page({ search: reference.toLowerCase(), sort: 'newest' }, 0, 50)).total).toBe(1);

      if (dialect === 'postgres') {
        // With a scan ruled out, the planner can still answer a search: so it can read the indexes.
        const plan = await store.db.connection().execute(async (conn) => {
          await sql`set enable_seqscan = off`.execute(conn);
          const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select id from tickets
            where reference like ${'%电梯门%'} or place_building like ${'%电梯门%'} or search_text like ${'%电梯门%'}`.execute(
            conn,
          );
          await sql`reset enable_seqscan`.execute(conn);
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
        for (const index of INDEXES) expect(plan).toContain(`Bitmap Index Scan on ${index}`);
      }
    });
  });
}
