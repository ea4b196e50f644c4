import type { Kysely } from 'kysely';

/*
 * The agenda reads one week at a time: reporters' answers by when they were given, and the decisions
 * of one agenda's items. Without these the satisfaction rate and the follow-up would scan history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('ticket_reporters_answered_at').on('ticket_reporters').column('answered_at').execute();
  await db.schema.createIndex('agenda_decisions_item').on('agenda_decisions').column('agenda_item_id').execute();
  await db.schema.createIndex('agendas_image_token').on('agendas').column('image_token').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('agendas_image_token').ifExists().execute();
  await db.schema.dropIndex('agenda_decisions_item').ifExists().execute();
  await db.schema.dropIndex('ticket_reporters_answered_at').ifExists().execute();
}
