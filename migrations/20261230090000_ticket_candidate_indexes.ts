import type { Kysely } from 'kysely';

/*
 * Every complaint is matched against the open tickets of its estate at its building (or spot) created
 * within the duplicate window. The indexes there led with the estate and the date, so the match read
 * every ticket the estate opened in the window (all its buildings) to keep the few at one building:
 * on SQLite 1,100 rows for 40, most of the query's time in the inbox worker's turn. Led by the estate
 * and the place, the match reads just the rows it keeps.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tickets_estate_building_created')
    .on('tickets')
    .columns(['estate_id', 'place_building', 'created_at'])
    .execute();
  await db.schema
    .createIndex('tickets_estate_spot_created')
    .on('tickets')
    .columns(['estate_id', 'place_spot', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_estate_spot_created').execute();
  await db.schema.dropIndex('tickets_estate_building_created').execute();
}
