import type { Kysely } from 'kysely';

/*
 * The duplicate match's place indexes (20261230090000) are dropped again. Led by the estate, like the
 * indexes the agenda, the street digest and the console read through, they let SQLite's planner —
 * which has no statistics on a database nobody ran ANALYZE on, every install's — start the street
 * digest's joins from every ticket of the street's estates: 15 s for 50 estates of 20 k tickets,
 * against 0.26 s without them (and 0.28 s with them once ANALYZE had run). The match they served
 * took 0.4 ms instead of 0.7 ms a report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_estate_spot_created').ifExists().execute();
  await db.schema.dropIndex('tickets_estate_building_created').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tickets_estate_building_created')
    .ifNotExists()
    .on('tickets')
    .columns(['estate_id', 'place_building', 'created_at'])
    .execute();
  await db.schema
    .createIndex('tickets_estate_spot_created')
    .ifNotExists()
    .on('tickets')
    .columns(['estate_id', 'place_spot', 'created_at'])
    .execute();
}
