import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createTestStore, DIALECTS, MIGRATIONS, type TestStore } from '../support/databases.ts';

const ESTATES = '20261211090000_estates';
const PER_ESTATE_AGENDAS = '20261211100000_agenda_per_estate';
const BEFORE = MIGRATIONS[MIGRATIONS.indexOf(ESTATES) - 1]!;
const AT = '2026-11-20T02:00:00.000Z';

/** The tables as the schema before estates had them: the test writes and reads them untyped. */
type OldSchema = Record<string, Record<string, unknown>>;

/** What an install made before estates holds: residents, staff and committee groups, tickets, an agenda, a decision. */
async function fillPreEstateSchema(db: Kysely<OldSchema>): Promise<void> {
  await db
    .insertInto('residents')
    .values([
      { display_name: '王阿姨', locale: 'zh-CN', phone: '13812345678', unit: '3-402', created_at: AT },
      { display_name: 'Ann', locale: 'en', phone: null, unit: null, created_at: AT },
    ])
    .execute();
  await db
    .insertInto('resident_identities')
    .values([
      { resident_id: 1, platform: 'telegram', platform_user_id: '1001', chat_id: '1001', created_at: AT },
      { resident_id: 2, platform: 'line', platform_user_id: 'U2', chat_id: 'U2', created_at: AT },
    ])
    .execute();
  await db
    .insertInto('invites')
    .values([
      { code_hash: 'h1', role: 'staff', created_at: AT, expires_at: AT, used_at: AT, used_by_member_id: 1 },
      { code_hash: 'h2', role: 'committee', created_at: AT, expires_at: '2026-12-31T00:00:00.000Z' },
    ])
    .execute();
  await db
    .insertInto('members')
    .values([
      { platform: 'telegram', subject_kind: 'group', subject_id: '-100', role: 'staff', invite_id: 1, granted_at: AT },
      { platform: 'telegram', subject_kind: 'group', subject_id: '-200', role: 'committee', granted_at: AT },
      { platform: 'telegram', subject_kind: 'group', subject_id: '-300', role: 'party_branch', granted_at: AT },
      {
        platform: 'telegram',
        subject_kind: 'user',
        subject_id: '77',
        role: 'admin',
        display_name: '李',
        granted_at: AT,
      },
    ])
    .execute();
  const ticket = {
    category: 'upkeep',
    urgency: 'normal',
    summary: '3号楼电梯坏了',
    description: '3号楼电梯坏了，王阿姨 13812345678',
    place_building: '3',
    language: 'zh-CN',
    classifier_source: 'offline',
    reopened_count: 0,
    created_at: AT,
    updated_at: AT,
    response_due_at: AT,
    resolution_due_at: AT,
    search_text: '3号楼电梯坏了',
  };
  await db
    .insertInto('tickets')
    .values([
      { ...ticket, reference: 'T-0001', status: 'open', assignee_id: 4 },
      { ...ticket, reference: 'T-0002', status: 'resolved', resolved_at: AT, personal_data_erased_at: AT },
    ])
    .execute();
  await db
    .insertInto('ticket_reporters')
    .values([
      { ticket_id: 1, resident_id: 1, is_original: 1, created_at: AT, text: '电梯坏了' },
      { ticket_id: 2, resident_id: 2, is_original: 1, created_at: AT, rating: 5, answered_at: AT },
    ])
    .execute();
  await db
    .insertInto('ticket_events')
    .values({ ticket_id: 1, kind: 'created', actor_kind: 'resident', actor_id: 1, data: '{}', created_at: AT })
    .execute();
  await db
    .insertInto('conversations')
    .values({ platform: 'telegram', chat_id: '1001', resident_id: 1, state: 'idle', data: '{}', updated_at: AT })
    .execute();
  await db
    .insertInto('agendas')
    .values({ week: '2026-W47', compiled_at: AT, content: '{"items":[]}', image_token: 'tok', sent_at: AT })
    .execute();
  await db
    .insertInto('agenda_items')
    .values({ agenda_id: 1, ticket_id: 1, rank: 1, reasons: '[]', lead_party: 'property' })
    .execute();
  await db
    .insertInto('agenda_decisions')
    .values({ agenda_item_id: 1, decision: '下周修好', lead_party: 'property', decided_at: AT, decided_by: 'cli' })
    .execute();
  await db.insertInto('counters').values({ name: 'ticket:T', value: 2 }).execute();
}

const TABLES = [
  'residents',
  'resident_identities',
  'invites',
  'members',
  'tickets',
  'ticket_reporters',
  'ticket_events',
  'conversations',
  'agendas',
  'agenda_items',
  'agenda_decisions',
  'counters',
] as const;

async function snapshot(db: Kysely<OldSchema>): Promise<Record<string, Record<string, unknown>[]>> {
  const all: Record<string, Record<string, unknown>[]> = {};
  for (const table of TABLES) {
    const rows = await db.selectFrom(table).selectAll().execute();
    all[table] = rows
      .map(({ estate_id: _, ...rest }) => rest)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return all;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: the estates migration`, () => {
    let store: TestStore | undefined;
    afterEach(async () => {
      await store?.cleanup();
      store = undefined;
    });

    it('moves an install made before estates into the estate "default", losing nothing', async () => {
      store = await createTestStore(dialect, { migrate: false });
      await migrateToLatest(store, BEFORE);
      const db = store.db as unknown as Kysely<OldSchema>;
      await fillPreEstateSchema(db);
      const before = await snapshot(db);

      // Up to the estates' migrations only: later ones add columns of their own.
      expect(await migrateToLatest(store, PER_ESTATE_AGENDAS)).toEqual(
        expect.arrayContaining([ESTATES, PER_ESTATE_AGENDAS]),
      );

      const estates = await db.selectFrom('estates').selectAll().execute();
      expect(estates).toHaveLength(1);
      expect(estates[0]).toMatchObject({ code: 'default', name: null, community: null, street: null });
      const defaultId = estates[0]!.id as number;
      expect(await snapshot(db)).toEqual(before);
      for (const table of ['residents', 'invites', 'members', 'tickets', 'agendas'] as const) {
        const ids = await db.selectFrom(table).select('estate_id').execute();
        expect(ids.length, table).toBeGreaterThan(0);
        expect(
          ids.every((r) => r.estate_id === defaultId),
          table,
        ).toBe(true);
      }
      // One agenda per estate and week: another estate has its own of the same week, never two.
      const agenda = { week: '2026-W47', compiled_at: AT, content: '{}' };
      await db
        .insertInto('agendas')
        .values({ ...agenda, estate_id: 2 })
        .execute();
      await expect(
        db
          .insertInto('agendas')
          .values({ ...agenda, estate_id: 2 })
          .execute(),
      ).rejects.toThrow();
      await expect(db.insertInto('agendas').values(agenda).execute()).rejects.toThrow();
      // The rebuilt tables still reference each other: removing the agenda removes its items and decisions.
      await db.deleteFrom('agendas').where('id', '=', 1).execute();
      expect(await db.selectFrom('agenda_items').selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('agenda_decisions').selectAll().execute()).toEqual([]);
      // Writers that name no estate still land in "default".
      await db
        .insertInto('members')
        .values({ platform: 'line', subject_kind: 'group', subject_id: 'C9', role: 'staff', granted_at: AT })
        .execute();
      expect(
        await db.selectFrom('members').select('estate_id').where('subject_id', '=', 'C9').executeTakeFirst(),
      ).toEqual({ estate_id: defaultId });
    });

    it('can be rolled back to the schema before estates and applied again', async () => {
      store = await createTestStore(dialect, { migrate: false });
      await migrateToLatest(store, BEFORE);
      const db = store.db as unknown as Kysely<OldSchema>;
      await fillPreEstateSchema(db);
      const before = await snapshot(db);
      await migrateToLatest(store, PER_ESTATE_AGENDAS);
      await migrateToLatest(store, BEFORE);
      expect(await snapshot(db)).toEqual(before);
      const { rows } =
        dialect === 'sqlite'
          ? await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'estates'`.execute(db)
          : await sql<{
              n: number;
            }>`select count(*)::int as n from pg_tables where tablename = 'estates' and schemaname = current_schema()`.execute(
              db,
            );
      expect(Number(rows[0]!.n)).toBe(0);
      await migrateToLatest(store, PER_ESTATE_AGENDAS);
      expect(await snapshot(db)).toEqual(before);
    });
  });
}
