import type { Kysely } from 'kysely';

/*
 * Lanes within a chat's queue. Messages of one chat and lane are delivered in order; a button answer
 * (a Telegram callback answer must come within seconds) and an urgent alert must not wait behind a
 * long line of routine messages to a busy staff group. Existing rows are all in the `chat` lane.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['inbox', 'outbox']) {
    await db.schema
      .alterTable(table)
      .addColumn('lane', 'text', (c) => c.notNull().defaultTo('chat'))
      .execute();
  }
  await db.schema.createIndex('outbox_chat_lane').on('outbox').columns(['platform', 'chat_id', 'lane', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_chat_lane').ifExists().execute();
  for (const table of ['outbox', 'inbox']) await db.schema.alterTable(table).dropColumn('lane').execute();
}
