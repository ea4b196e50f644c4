import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.ts';
import { openStore, redactDatabaseUrl, type DialectName, type Store } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

/*
 * Store and core tests run once per dialect:
 *
 *   for (const dialect of DIALECTS) describe(`${dialect}: ticket store`, () => { … createTestStore(dialect) … })
 *
 * PostgreSQL joins when TEST_DATABASE_URL is set. Test files run in parallel processes and other suites
 * share that database, so every PostgreSQL store lives in a schema of its own.
 */

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
const REQUIRE_POSTGRES = process.env.LINLI_REQUIRE_POSTGRES === '1';

async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `TEST_DATABASE_URL=${redactDatabaseUrl(url)} does not answer (${(error as Error).message || String(error)}); ` +
        'start PostgreSQL (pg_ctlcluster --skip-systemctl-redirect <version> main start) or unset TEST_DATABASE_URL to test SQLite only',
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

if (TEST_DATABASE_URL === undefined && REQUIRE_POSTGRES) {
  throw new Error(
    'LINLI_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set; set it, e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test',
  );
}
if (TEST_DATABASE_URL !== undefined) await checkPostgres(TEST_DATABASE_URL);

/** The dialects this run tests: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DIALECTS: readonly DialectName[] = TEST_DATABASE_URL === undefined ? ['sqlite'] : ['sqlite', 'postgres'];

/** The names of the migrations in migrations/, in the order they apply. */
export const MIGRATIONS: readonly string[] = readdirSync(new URL('../../migrations/', import.meta.url))
  .filter((file) => /^\d{14}_[\w-]+\.ts$/.test(file))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

/** A store on a database of its own. */
export type TestStore = Store & {
  /** How to reach the same database (for a second Store, or a child process's DATABASE_URL). */
  config: DatabaseConfig;
  /** Opens another Store on the same database, as a second instance would; `cleanup` closes it too. */
  reopen(): Store;
  /**
   * Empties every table (the schema stays), so one store can serve a whole file: `beforeAll` creates,
   * `beforeEach` resets. Reference counters start again; row ids are not reused; the estate `default`
   * is made again.
   */
  reset(): Promise<void>;
  /** Closes every Store on the database and deletes it (the schema, or the temporary directory). */
  cleanup(): Promise<void>;
};

/** A PostgreSQL URL whose connections work in `schema` (migration tables included). */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

async function createDatabase(dialect: DialectName): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'linli-test-'));
    const file = join(dir, 'linli.db');
    return {
      config: { kind: 'sqlite', url: `sqlite:${file}`, file },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (TEST_DATABASE_URL === undefined) throw new Error('postgres tests need TEST_DATABASE_URL');
  const schema = `linli_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    config: { kind: 'postgres', url: withSearchPath(TEST_DATABASE_URL, schema) },
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

async function emptyTables(store: Store): Promise<void> {
  // Newest table first: a table can only reference tables created before it.
  const { rows } =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`
          select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by rowid desc`.execute(
          store.db,
        )
      : await sql<{ name: string }>`
          select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relkind = 'r' and c.relname not like 'kysely_%' order by c.oid desc`.execute(
          store.db,
        );
  // A table rebuilt by a migration (SQLite: members, agendas) is newer than those referencing it: the
  // references are not checked while emptying, only the emptied database is.
  if (store.dialect === 'sqlite') await sql`pragma foreign_keys = off`.execute(store.db);
  for (const { name } of rows) await sql`delete from ${sql.table(name)}`.execute(store.db);
  if (store.dialect === 'sqlite') await sql`pragma foreign_keys = on`.execute(store.db);
  // Every install has the estate "default" (id 1), made by the migration that brought estates.
  if (rows.some((r) => r.name === 'estates'))
    await sql`insert into estates (id, code, created_at) values (1, 'default', ${new Date().toISOString()})`.execute(
      store.db,
    );
}

/**
 * Opens a store on a fresh database (SQLite: a file in a new temporary directory; PostgreSQL: a new
 * schema `linli_test_<random>`), migrated to the latest schema unless `migrate: false`.
 */
export async function createTestStore(dialect: DialectName, options: { migrate?: boolean } = {}): Promise<TestStore> {
  const database = await createDatabase(dialect);
  const stores: Store[] = [];
  const open = (): Store => {
    const store = openStore(database.config);
    stores.push(store);
    return store;
  };
  const store = open();
  let cleaned: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaned ??= (async () => {
      for (const s of stores) await s.close().catch(() => {});
      await database.drop();
    })());
  try {
    if (options.migrate !== false) await migrateToLatest(store);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return Object.assign(store, { config: database.config, reopen: open, reset: () => emptyTables(store), cleanup });
}
