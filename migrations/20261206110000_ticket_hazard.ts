import type { Kysely } from 'kysely';

/*
 * The danger that made a ticket urgent (trapped, gas, fire, water, injury, falling, other): the
 * resident's receipt advises on it and the staff card names it. Null for normal tickets and for
 * tickets filed before this column existed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('hazard', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('hazard').execute();
}
