import { pathToFileURL } from 'node:url';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/schema.ts';
import { KyselyTicketStore, type NewTicket } from '../../src/store/ticket-store.ts';
import { createTestStore, DIALECTS, MIGRATIONS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-03-02T01:00:00.000Z');
const SEARCH_MIGRATION = '20261206120000_ticket_search_text';

function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    category: 'water_supply',
    urgency: 'normal',
    summary: '3号楼2单元1202停水，我叫李建国，电话13912345678',
    description: '3号楼2单元1202停水一天了，我叫李建国，电话13912345678，邮箱lijg@qq.com',
    place: { building: '3', unit: '2', text: '3号楼2单元1202' },
    language: 'zh-CN',
    classifierSource: 'offline',
    responseDueAt: new Date(T0.getTime() + 3_600_000),
    resolutionDueAt: new Date(T0.getTime() + 86_400_000),
    createdAt: T0,
    ...overrides,
  };
}

/** What a search for personal details must not find, and what it must. */
const PERSONAL = ['13912345678', '139 1234 5678', '12345678', '李建国', '建国', 'lijg@qq.com', 'lijg', '1202', '2单元'];

async function migration(name: string): Promise<Migration> {
  return (await import(
    pathToFileURL(new URL(`../../migrations/${name}.ts`, import.meta.url).pathname).href
  )) as Migration;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: search over masked text`, () => {
    let store: TestStore | undefined;
    afterEach(async () => {
      await store?.cleanup();
      store = undefined;
    });

    it('finds a ticket by its problem and building, never by a phone, a name, an e-mail or a flat', async () => {
      store = await createTestStore(dialect);
      const tickets = new KyselyTicketStore(store.db);
      const ticket = await tickets.create(newTicket(), null);
      await tickets.addEvent(
        ticket.id,
        'reporter_added',
        { kind: 'system' },
        { text: '我是邻居孙丽，13700001111，也停水了' },
        T0,
      );
      for (const search of ['停水', '3号楼', '3号楼停水', '邻居', 'W-0001'])
        expect(
          (await tickets.list({ search })).map((t) => t.id),
          search,
        ).toEqual([ticket.id]);
      for (const search of [...PERSONAL, '孙丽', '13700001111'])
        expect(await tickets.list({ search }), search).toEqual([]);
    });

    it('keeps the masked text current when a place is given later', async () => {
      store = await createTestStore(dialect);
      const tickets = new KyselyTicketStore(store.db);
      const ticket = await tickets.create(newTicket({ summary: '停水', description: '停水了', place: null }), null);
      await tickets.update(
        ticket.id,
        { place_building: null, place_spot: '东门', place_text: '东门旁边 13912345678' },
        T0,
      );
      expect((await tickets.list({ search: '东门旁边' })).map((t) => t.id)).toEqual([ticket.id]);
      expect(await tickets.list({ search: '13912345678' })).toEqual([]);
    });

    it('fills the masked text of tickets filed before the migration', async () => {
      store = await createTestStore(dialect, { migrate: false });
      const db = store.db as Kysely<unknown>;
      for (const name of MIGRATIONS.filter((m) => m < SEARCH_MIGRATION)) await (await migration(name)).up(db);
      const t = newTicket();
      await sql`insert into tickets (reference, category, urgency, status, summary, description, place_building, place_unit, place_spot, place_text, language,
        classifier_source, reopened_count, created_at, updated_at, response_due_at, resolution_due_at)
        values ('W-0001', 'water_supply', 'normal', 'open', ${t.summary}, ${t.description}, '3', '2', null, ${t.place!.text}, 'zh-CN', 'offline', 0,
        ${T0.toISOString()}, ${T0.toISOString()}, ${T0.toISOString()}, ${T0.toISOString()})`.execute(db);
      await sql`insert into ticket_events (ticket_id, kind, actor_kind, actor_id, data, created_at)
        values (1, 'details_added', 'system', null, ${JSON.stringify({ text: '从昨天开始，我女儿王芳13800138000' })}, ${T0.toISOString()})`.execute(
        db,
      );
      await (await migration(SEARCH_MIGRATION)).up(db);

      const row = await (store.db as Kysely<Database>)
        .selectFrom('tickets')
        .select('search_text')
        .executeTakeFirstOrThrow();
      expect(row.search_text).toContain('停水');
      expect(row.search_text).toContain('从昨天开始');
      for (const secret of ['13912345678', '李建国', 'lijg', '1202', '13800138000'])
        expect(row.search_text).not.toContain(secret);
      const tickets = new KyselyTicketStore(store.db);
      expect(await tickets.list({ search: '13912345678' })).toEqual([]);
      expect(await tickets.list({ search: '从昨天开始' })).toHaveLength(1);
      await (
        await migration(SEARCH_MIGRATION)
      ).down!(db);
    });
  });
}
