import type { Kysely } from 'kysely';

/*
 * Erasure (a resident's request, or the retention period): when a resident was forgotten, and when a
 * ticket lost its residents' words, photos and identities. Null until then.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('residents').addColumn('erased_at', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('personal_data_erased_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('personal_data_erased_at').execute();
  await db.schema.alterTable('residents').dropColumn('erased_at').execute();
}
