import { mkdirSync, accessSync, constants } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import type Pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, which dialect it speaks, and how to close it. */
export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Answers whether the database responds (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The database could not be opened; the message says what to do. */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

const require = createRequire(import.meta.url);
let pgModule: typeof Pg | undefined;

/** pg, loaded when a PostgreSQL database is first opened: an installation on SQLite never needs it. */
function loadPg(): typeof Pg {
  if (pgModule === undefined) {
    pgModule = require('pg') as typeof Pg;
    // pg returns int8 (count(*), bigint) and numeric as strings by default; our values fit in a double.
    pgModule.types.setTypeParser(20, (value) => Number(value));
    pgModule.types.setTypeParser(1700, (value) => Number(value));
  }
  return pgModule;
}

/** Milliseconds a SQLite writer waits for another writer before giving up with SQLITE_BUSY (SQLITE_BUSY_TIMEOUT_MS). */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Distinct SQL texts whose prepared statements are kept (Kysely compiles the same few dozen again and again). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running most of ours.
 * This hands it a cached statement for SQL it has seen. Safe because Kysely runs one query at a time
 * on its single SQLite connection, so a statement is never in use twice at once.
 */
function withStatementCache(raw: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        // Refresh its place in the least-recently-used order.
        cache.delete(text);
      } else {
        statement = raw.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

function openSqlite(file: string, busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS): Store {
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:') {
    const dir = dirname(path);
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (error) {
      throw new DatabaseOpenError(
        `cannot write to the directory ${dir} for the SQLite database (${(error as NodeJS.ErrnoException).code ?? error}); ` +
          'make it writable or point DATABASE_URL at a writable file, e.g. sqlite:/var/lib/linli/linli.db',
        { cause: error },
      );
    }
  }
  let raw: SqliteDatabase.Database;
  try {
    raw = new SqliteDatabase(path, { timeout: busyTimeoutMs });
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma(`busy_timeout = ${busyTimeoutMs}`);
  } catch (error) {
    throw new DatabaseOpenError(
      `cannot open the SQLite database ${path}: ${(error as Error).message}; check that the file and its directory are writable`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  return {
    db,
    dialect: 'sqlite',
    async ping() {
      try {
        raw.prepare('select 1').get();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

function openPostgres(url: string): Store {
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    // A lock held elsewhere must not make a webhook wait for ever: fail, answer 5xx, let the platform retry.
    lock_timeout: 5_000,
    // A transaction left open by a stuck client must not hold its locks for ever either.
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Opens the configured database. Does not migrate; see `migrateToLatest`. */
export function openStore(config: DatabaseConfig): Store {
  return config.kind === 'sqlite' ? openSqlite(config.file, config.busyTimeoutMs) : openPostgres(config.url);
}

/** Hides the password in a database URL for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/**
 * Waits until the database answers, retrying with back-off (PostgreSQL may still be starting when a
 * small server boots). Throws a {@link DatabaseOpenError} after `attempts` tries.
 */
export async function waitForDatabase(
  store: Store,
  options: { attempts?: number; delayMs?: number; onRetry?: (attempt: number, error: unknown) => void } = {},
): Promise<void> {
  const attempts = options.attempts ?? 10;
  let delay = options.delayMs ?? 500;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await sql`select 1`.execute(store.db);
      return;
    } catch (error) {
      lastError = error;
      if (attempt === attempts) break;
      options.onRetry?.(attempt, error);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
  throw new DatabaseOpenError(
    `the database did not answer after ${attempts} tries (${(lastError as Error)?.message ?? lastError}); ` +
      'check that it is running and that DATABASE_URL is right',
    { cause: lastError },
  );
}
