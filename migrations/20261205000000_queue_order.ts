import type { Kysely } from 'kysely';

/*
 * The workers ask "the oldest pending item of each chat and lane, in id order". Walking pending items
 * by (status, id) answers it without sorting every pending row, and the per-chat check becomes one
 * covering-index probe. The old (status, next_attempt_at) index invited both planners to sort the
 * whole backlog on every poll, and the old per-chat index to scan earlier items one by one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of ['inbox_due', 'outbox_due', 'inbox_chat', 'outbox_chat', 'outbox_chat_lane']) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  for (const table of ['inbox', 'outbox']) {
    await db.schema.createIndex(`${table}_pending_order`).on(table).columns(['status', 'id']).execute();
    await db.schema
      .createIndex(`${table}_chat_head`)
      .on(table)
      .columns(['platform', 'chat_id', 'lane', 'status', 'id'])
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['inbox', 'outbox']) {
    await db.schema.dropIndex(`${table}_chat_head`).ifExists().execute();
    await db.schema.dropIndex(`${table}_pending_order`).ifExists().execute();
  }
  await db.schema.createIndex('outbox_chat_lane').on('outbox').columns(['platform', 'chat_id', 'lane', 'id']).execute();
  await db.schema.createIndex('outbox_chat').on('outbox').columns(['platform', 'chat_id', 'id']).execute();
  await db.schema.createIndex('inbox_chat').on('inbox').columns(['platform', 'chat_id', 'id']).execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('inbox_due').on('inbox').columns(['status', 'next_attempt_at']).execute();
}
