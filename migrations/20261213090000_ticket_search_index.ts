import type { Kysely } from 'kysely';
import { isPostgres } from '../src/store/migration-kit.ts';

/*
 * The console's search is a LIKE over the masked search text, the building and the reference: no
 * index can seek it, but on SQLite an index holding just those columns lets the search read them
 * alone instead of every whole row (100 k tickets: the full row scan is most of a search's time).
 * PostgreSQL is left as it is: a B-tree entry is limited to about 2.7 kB, which a long complaint's
 * search text can pass (a trigram GIN index, pg_trgm, would be its way to a faster LIKE).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createIndex('tickets_search_columns')
    .on('tickets')
    .columns(['search_text', 'place_building', 'reference'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_search_columns').ifExists().execute();
}
