import { readdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { COMPILED, packagePath } from '../package-root.ts';
import type { Store } from './database.ts';

// migrations/*.ts with the sources (run through tsx), their compiled dist/migrations/*.js with the build.
const MIGRATIONS_DIR = packagePath(...(COMPILED ? ['dist', 'migrations'] : ['migrations']));
const MIGRATION_FILE = /^(\d{14}_[\w-]+)\.(?:ts|js)$/;

/**
 * Loads `migrations/*.ts`, or their compiled `*.js`, in name order (names start with a timestamp). A
 * migration's name is its file name without the extension, so a database migrated by one is up to date
 * for the other.
 */
class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of (await readdir(this.dir)).sort()) {
      const name = MIGRATION_FILE.exec(file)?.[1];
      if (name === undefined) continue;
      if (name in migrations) throw new Error(`migration ${name} is in ${this.dir} twice (as .ts and .js); keep one`);
      migrations[name] = (await import(pathToFileURL(join(this.dir, file)).href)) as Migration;
    }
    return migrations;
  }
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function newMigrator(db: Kysely<unknown>, migrationTableSchema?: string): Migrator {
  return new Migrator({
    db,
    provider: new FolderMigrationProvider(MIGRATIONS_DIR),
    // Work on one feature lands migrations whose names sort before those another feature landed
    // first; a database migrated in between still takes the missing ones (in name order) instead of
    // refusing to start with "corrupted migrations".
    allowUnorderedMigrations: true,
    ...(migrationTableSchema !== undefined && { migrationTableSchema }),
  });
}

/**
 * PostgreSQL: Kysely looks for its migration tables in every schema unless told which one, so a
 * `kysely_migration` in another schema of the database (another app, another Linli) would be taken for
 * ours. Ours live in the schema our tables are created in: the first of the search_path.
 */
async function migratePostgres(db: Kysely<unknown>, target: string | undefined): Promise<MigrationResultSet> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const migrator = newMigrator(db, rows[0]?.schema ?? undefined);
  return target === undefined ? migrator.migrateToLatest() : migrator.migrateTo(target);
}

/**
 * SQLite: Kysely takes no lock and runs migrations outside a transaction, so two processes starting at
 * once would both apply them. The whole run is one `begin immediate` transaction instead (SQLite's DDL
 * is transactional): one writer wins, the other gets SQLITE_BUSY and retries. The lock is tried without
 * the busy timeout because better-sqlite3 waits synchronously, which would freeze this process (and the
 * winner, when both run in it) for the whole timeout.
 */
async function migrateSqlite(db: Kysely<unknown>, target: string | undefined): Promise<MigrationResultSet> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
    await sql`pragma busy_timeout = 0`.execute(conn);
    try {
      await sql`begin immediate`.execute(conn);
    } catch (error) {
      return { error };
    } finally {
      await sql`pragma busy_timeout = ${sql.lit(rows[0]?.timeout ?? 0)}`.execute(conn);
    }
    const migrator = newMigrator(conn);
    const result = await (target === undefined ? migrator.migrateToLatest() : migrator.migrateTo(target));
    try {
      await sql.raw(result.error === undefined ? 'commit' : 'rollback').execute(conn);
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {});
      return { error };
    }
    return result;
  });
}

/**
 * Brings the schema up to date. Safe to run from several processes at once: PostgreSQL serialises
 * them with Kysely's advisory lock; on SQLite the loser of the write lock gets SQLITE_BUSY, waits, and
 * finds the work done. Returns the names of the migrations this call applied.
 *
 * `upTo` stops after the migration of that name (an older schema, for testing the migrations after
 * it on data written in that schema).
 */
export async function migrateToLatest(store: Store, upTo?: string): Promise<string[]> {
  const db = store.db as Kysely<unknown>;
  for (let attempt = 1; ; attempt++) {
    const result: MigrationResultSet = await (
      store.dialect === 'sqlite' ? migrateSqlite(db, upTo) : migratePostgres(db, upTo)
    ).catch((error: unknown) => ({ error }));
    if (result.error === undefined) {
      return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    }
    if (isBusy(result.error) && attempt < 20) {
      await new Promise((r) => setTimeout(r, 100 * attempt));
      continue;
    }
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(
      `migration ${failed ?? '(setup)'} failed: ${(result.error as Error).message ?? result.error}`,
      { cause: result.error },
    );
  }
}
