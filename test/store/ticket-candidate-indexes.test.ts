import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261230090000_ticket_candidate_indexes.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { newTicket } from './contracts/ticket-store.contract.ts';

const SINCE = new Date('2026-10-01T00:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`${dialect}: the duplicate match's place indexes (20261230090000)`, () => {
    let store: TestStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(() => store.cleanup());

    /** The plan the database makes for a query, with table scans ruled out on PostgreSQL (a tiny table is scanned otherwise). */
    async function plan(query: string): Promise<string> {
      if (dialect === 'sqlite')
        return (await sql<{ detail: string }>`explain query plan ${sql.raw(query)}`.execute(store.db)).rows
          .map((r) => r.detail)
          .join('\n');
      return store.db.connection().execute(async (conn) => {
        await sql`set enable_seqscan = off`.execute(conn);
        const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(query)}`.execute(conn);
        await sql`reset enable_seqscan`.execute(conn);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    }

    it("lets a report's match read its estate's tickets at its place alone, and migrates over rows already there", async () => {
      const tickets = new KyselyTicketStore(store.db);
      const at3 = await tickets.create(newTicket({ building: '3' }), null);
      await tickets.create(newTicket({ building: '4' }), null);
      const inGarden = await tickets.create(newTicket({ place: { spot: '中心花园', text: '花园' } }), null);

      await down(store.db as never);
      await up(store.db as never);

      // The same answers through the store.
      const candidates = (place: { building?: string; spot?: string; text: string }) =>
        tickets.findOpenCandidates({ estateId: 1, place, since: SINCE, limit: 500 });
      expect((await candidates({ building: '3', text: '3号楼' })).map((t) => t.id)).toEqual([at3.id]);
      expect((await candidates({ spot: '中心花园', text: '花园' })).map((t) => t.id)).toEqual([inGarden.id]);

      const match = (place: string) =>
        `select * from tickets where estate_id = 1 and status in ('open', 'acknowledged', 'in_progress') and created_at >= '${SINCE.toISOString()}' and ${place} order by created_at desc, id desc limit 500`;
      expect(await plan(match(`place_building = '3'`))).toContain('tickets_estate_building_created');
      expect(await plan(match(`place_spot = '中心花园'`))).toContain('tickets_estate_spot_created');
    });
  });
}
