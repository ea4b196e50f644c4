import type { Kysely } from 'kysely';

/*
 * An estate's agenda reads its tickets by due dates and by status, as the install's did: the same
 * indexes led by the estate, so one estate's week costs what a single-estate install's did however
 * many estates share the tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tickets_estate_response_due')
    .on('tickets')
    .columns(['estate_id', 'response_due_at'])
    .execute();
  await db.schema
    .createIndex('tickets_estate_resolution_due')
    .on('tickets')
    .columns(['estate_id', 'resolution_due_at'])
    .execute();
  await db.schema.createIndex('tickets_estate_status').on('tickets').columns(['estate_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_estate_status').execute();
  await db.schema.dropIndex('tickets_estate_resolution_due').execute();
  await db.schema.dropIndex('tickets_estate_response_due').execute();
}
