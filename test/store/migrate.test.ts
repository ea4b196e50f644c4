import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createTestStore, DIALECTS, MIGRATIONS, type TestStore } from '../support/databases.ts';

const TABLES = [
  'residents',
  'resident_identities',
  'members',
  'invites',
  'tickets',
  'ticket_reporters',
  'ticket_events',
  'attachments',
  'conversations',
  'inbox',
  'outbox',
  'agendas',
  'agenda_items',
  'agenda_decisions',
  'job_runs',
  'counters',
  'join_attempts',
] as const;

describe('migrations/', () => {
  it('holds the migrations in the order they apply, the initial one first', () => {
    expect(MIGRATIONS[0]).toBe('20261126000000_initial');
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: migrateToLatest`, () => {
    let store: TestStore | undefined;
    afterEach(async () => {
      await store?.cleanup();
      store = undefined;
    });

    async function appliedMigrations(s: TestStore): Promise<string[]> {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(s.db);
      return rows.map((r) => r.name);
    }

    it('creates every table on an empty database and reports what it applied', async () => {
      store = await createTestStore(dialect, { migrate: false });
      expect(await migrateToLatest(store)).toEqual(MIGRATIONS);
      for (const table of TABLES) {
        const rows = await store.db.selectFrom(table).selectAll().execute();
        expect(rows, table).toEqual([]);
      }
      expect(await appliedMigrations(store)).toEqual(MIGRATIONS);
    });

    it('does nothing the second time', async () => {
      store = await createTestStore(dialect, { migrate: false });
      await migrateToLatest(store);
      expect(await migrateToLatest(store)).toEqual([]);
      expect(await appliedMigrations(store)).toEqual(MIGRATIONS);
    });

    it('applies each migration once when two instances migrate at the same time', async () => {
      store = await createTestStore(dialect, { migrate: false });
      const other = store.reopen();
      const results = await Promise.all([migrateToLatest(store), migrateToLatest(other)]);
      expect(results.flat()).toEqual(MIGRATIONS);
      expect(await appliedMigrations(store)).toEqual(MIGRATIONS);
      await store.db.insertInto('counters').values({ name: 'x', value: 1 }).execute();
      expect(await other.db.selectFrom('counters').select('value').where('name', '=', 'x').executeTakeFirst()).toEqual({
        value: 1,
      });
    });

    if (dialect === 'postgres') {
      it('keeps its migration tables in its own schema, whatever other schemas hold', async () => {
        store = await createTestStore(dialect, { migrate: false });
        // Another schema of the same database that looks fully migrated must not be taken for ours.
        const other = `${new URL(store.config.url).searchParams.get('options')!.split('=')[1]}_other`;
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        try {
          await admin.query(`create schema ${other}`);
          await admin.query(
            `create table ${other}.kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`,
          );
          await admin.query(
            `create table ${other}.kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0)`,
          );
          await admin.query(
            `insert into ${other}.kysely_migration values ('${MIGRATIONS[0]}', '2026-01-01T00:00:00.000Z')`,
          );
          await admin.query(`insert into ${other}.kysely_migration_lock values ('migration_lock', 0)`);

          expect(await migrateToLatest(store)).toEqual(MIGRATIONS);
          const { rows } = await sql<{ table_name: string }>`
            select table_name from information_schema.tables
            where table_schema = current_schema() and table_name like 'kysely_migration%' order by table_name`.execute(
            store.db,
          );
          expect(rows.map((r) => r.table_name)).toEqual(['kysely_migration', 'kysely_migration_lock']);
        } finally {
          await admin.query(`drop schema if exists ${other} cascade`);
          await admin.end();
        }
      });
    }
  });
}
