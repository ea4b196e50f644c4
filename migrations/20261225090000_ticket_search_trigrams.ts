import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../src/store/migration-kit.ts';

/** The columns the console's and `/search`'s LIKE '%…%' reads (`src/store/console-ticket-reader.ts`). */
const SEARCHED = [
  ['tickets_search_text_trgm', 'search_text'],
  ['tickets_place_building_trgm', 'place_building'],
  ['tickets_reference_trgm', 'reference'],
] as const;

/*
 * PostgreSQL only: trigram GIN indexes (pg_trgm) on the searched columns, so a LIKE '%…%' of three
 * characters or more reads the matching rows through the index (a BitmapOr of the three) instead of
 * every ticket. pg_trgm ships with PostgreSQL (the contrib modules, in Debian's postgresql package and
 * on the usual managed services) and is a trusted extension since PostgreSQL 13: the database's owner
 * may create it. It goes into `public` when there is one, so one copy serves every schema of the
 * database (several Linli instances, the test schemas), and the operator class is named with its
 * schema. When it cannot be created (not installed, or no right to), the migration leaves the search
 * as it was, a scan, rather than stop the service from starting: a superuser may then run `create
 * extension pg_trgm with schema public` and the three `create index` statements below by hand.
 * A search of one or two characters (电梯) holds no trigram and still scans; three or more use the
 * indexes. SQLite keeps its covering index (`20261213090000_ticket_search_index`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  const schema = await trigramSchema(db);
  if (schema === undefined) return;
  for (const [index, column] of SEARCHED)
    await sql`create index if not exists ${sql.id(index)} on tickets using gin (${sql.id(column)} ${sql.id(schema)}.gin_trgm_ops)`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [index] of SEARCHED) await db.schema.dropIndex(index).ifExists().execute();
}

/** The schema pg_trgm is in, creating it if need be; undefined when it cannot be had. */
async function trigramSchema(db: Kysely<unknown>): Promise<string | undefined> {
  const installed = async () =>
    (
      await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
        join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)
    ).rows[0]?.schema;
  const found = await installed();
  if (found !== undefined) return found;
  const { rows } = await sql<{ available: boolean; target: string }>`select
      exists (select 1 from pg_available_extensions where name = 'pg_trgm') as available,
      coalesce((select nspname from pg_namespace where nspname = 'public'), current_schema()) as target`.execute(db);
  if (rows[0]?.available !== true) return undefined;
  // Migrations run in one transaction: a refusal (no right to create it) must not abort it.
  await sql`savepoint linli_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema ${sql.id(rows[0].target)}`.execute(db);
    await sql`release savepoint linli_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint linli_trgm`.execute(db);
  }
  return installed();
}
