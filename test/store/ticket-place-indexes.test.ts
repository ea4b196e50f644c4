import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261230100000_drop_ticket_candidate_indexes.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { newTicket } from './contracts/ticket-store.contract.ts';

const SINCE = new Date('2026-10-01T00:00:00.000Z');
const PLACE_INDEXES = ['tickets_estate_building_created', 'tickets_estate_spot_created'];

for (const dialect of DIALECTS) {
  // 20261230090000 added two estate-led place indexes for the duplicate match; on a database never
  // analyzed they led SQLite's planner to start the street digest from every ticket of the street's
  // estates (15 s instead of 0.26 s for 50 estates of 20 k tickets), so 20261230100000 drops them.
  describe(`${dialect}: the duplicate match's place indexes, dropped again (20261230100000)`, () => {
    let store: TestStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(() => store.cleanup());

    async function indexes(): Promise<string[]> {
      const { rows } =
        dialect === 'sqlite'
          ? await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and tbl_name = 'tickets'`.execute(store.db)
          : await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'tickets'`.execute(
              store.db,
            );
      return rows.map((row) => row.name).filter((name) => PLACE_INDEXES.includes(name));
    }

    it('are gone after the migrations, come back on down and go on up, over rows already there; the match answers the same', async () => {
      const tickets = new KyselyTicketStore(store.db);
      const at3 = await tickets.create(newTicket({ building: '3' }), null);
      await tickets.create(newTicket({ building: '4' }), null);
      const inGarden = await tickets.create(newTicket({ place: { spot: '中心花园', text: '花园' } }), null);
      const candidates = (place: { building?: string; spot?: string; text: string }) =>
        tickets.findOpenCandidates({ estateId: 1, place, since: SINCE, limit: 500 });

      expect(await indexes()).toEqual([]);
      await down(store.db as never);
      expect((await indexes()).sort()).toEqual(PLACE_INDEXES);
      expect((await candidates({ building: '3', text: '3号楼' })).map((t) => t.id)).toEqual([at3.id]);
      await up(store.db as never);
      expect(await indexes()).toEqual([]);
      expect((await candidates({ building: '3', text: '3号楼' })).map((t) => t.id)).toEqual([at3.id]);
      expect((await candidates({ spot: '中心花园', text: '花园' })).map((t) => t.id)).toEqual([inGarden.id]);
    });
  });
}
