import type { Kysely } from 'kysely';

/*
 * A voice note's staff card waits for its recording: while the recording is not downloaded yet,
 * `held_card` holds what the card carries besides the ticket (JSON: the photo's file id), and the
 * card goes out once the downloader saved the file or gave up on it; then the column is null again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('attachments').addColumn('held_card', 'text').execute();
  await db.schema.createIndex('attachments_held_card').on('attachments').columns(['held_card']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('attachments_held_card').execute();
  await db.schema.alterTable('attachments').dropColumn('held_card').execute();
}
