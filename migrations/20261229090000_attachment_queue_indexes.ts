import { sql, type Kysely } from 'kysely';

/*
 * Two workers ask the attachments table every few seconds, in every setup: the downloader for files not
 * fetched yet (`path is null`) and the held cards' worker for cards waiting on a recording (`held_card is
 * not null`). Both walk the table in id order; once nearly every file is saved and no card waits, that
 * walk reads every row to find none. Partial indexes hold only the rows each worker is after, so the
 * ask costs the size of the queue, not of the table. The held cards' full index of JSON text goes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('attachments_not_downloaded')
    .on('attachments')
    .column('id')
    .where(sql.ref('path'), 'is', null)
    .execute();
  await db.schema.dropIndex('attachments_held_card').execute();
  await db.schema
    .createIndex('attachments_held_cards')
    .on('attachments')
    .column('id')
    .where(sql.ref('held_card'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('attachments_held_cards').execute();
  await db.schema.createIndex('attachments_held_card').on('attachments').columns(['held_card']).execute();
  await db.schema.dropIndex('attachments_not_downloaded').execute();
}
