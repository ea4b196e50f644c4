import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { KyselyConsoleTicketReader } from '../src/store/console-ticket-reader.ts';
import { openStore } from '../src/store/database.ts';
import type { Database } from '../src/store/schema.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { down, up } from '../migrations/20261225090000_ticket_search_trigrams.ts';
import { databaseOf } from './agenda.ts';
import { dropBenchSchema, freshBenchSchema } from './postgres-schema.ts';

/*
 * The console's search on PostgreSQL at 100 k tickets, without and with the trigram indexes of
 * 20261225090000_ticket_search_trigrams: the console bench's tickets (the agenda generator's, its
 * SQLite file) copied into the bench schema, the search text filled as the console bench fills it,
 * then EXPLAIN ANALYZE of the very statements the console's reader sends for a search.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/console-postgres.ts
 */
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL (or TEST_DATABASE_URL) must name a PostgreSQL server');
const SEARCHES = ['电梯', '漏水', '电梯门', '没有水', '水箱有'];

const { file } = await databaseOf(100_000, (line) => console.error(line), join(tmpdir(), 'linli-bench-console'));
const schemaUrl = await freshBenchSchema(url);
const store = openStore({ kind: 'postgres', url: schemaUrl });
try {
  await migrateToLatest(store);
  await down(store.db as never);
  const source = new SqliteDatabase(file, { readonly: true });
  const rows = source.prepare('select * from tickets order by id').all() as Array<Record<string, unknown>>;
  source.close();
  const columns = Object.keys(rows[0]!);
  await sql`set session_replication_role = replica`.execute(store.db);
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await sql`insert into tickets (${sql.join(columns.map((c) => sql.id(c)))}) values ${sql.join(
      batch.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`),
    )}`.execute(store.db);
  }
  await sql`select setval(pg_get_serial_sequence('tickets', 'id'), (select max(id) from tickets))`.execute(store.db);
  await sql`update tickets set search_text = lower(summary || ' ' || description) where search_text = ''`.execute(
    store.db,
  );
  await sql`analyze tickets`.execute(store.db);
  console.log(`# ${rows.length} tickets in PostgreSQL`);
  const sample = await sql<{
    reference: string;
    words: string;
  }>`select reference, search_text as words from tickets where id = 54321`.execute(store.db);
  console.log(`# a ticket: ${sample.rows[0]?.reference} ${sample.rows[0]?.words}`);
  SEARCHES.push(sample.rows[0]!.reference.toLowerCase());

  // The statements the reader sends for a search's first page, captured as it runs them, then explained.
  const pool = new pg.Pool({ connectionString: schemaUrl, max: 1 });
  const seen: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') seen.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const explain = async (label: string) => {
    for (const search of SEARCHES) {
      seen.length = 0;
      const started = performance.now();
      const page = await new KyselyConsoleTicketReader(logged).page({ estateIds: [1], search, sort: 'newest' }, 0, 50);
      const ms = performance.now() - started;
      console.log(
        `\n## ${label}: "${search}" — ${page.tickets.length} shown of ${page.total}${page.exact ? '' : '+'}, ${ms.toFixed(1)} ms`,
      );
      for (const statement of seen.filter((s) => /like/i.test(s.sql))) {
        const plan = await pool.query(`explain (analyze, costs off) ${statement.sql}`, [...statement.parameters]);
        for (const row of plan.rows as Array<Record<string, string>>) console.log(row['QUERY PLAN']);
      }
    }
  };
  await explain('without trigram indexes');
  await up(store.db as never);
  await sql`analyze tickets`.execute(store.db);
  await explain('with trigram indexes');
  await logged.destroy();
} finally {
  await store.close();
  await dropBenchSchema(url);
}
