import type { Kysely } from 'kysely';

/*
 * The dispatcher leases the pending messages of the lanes that go first — button answers, urgent
 * alerts, answers to staff — before the routine `chat` lane, across chats. An index of the outbox by
 * status, lane and id finds those few directly, so asking for them costs their number, not the backlog
 * of routine messages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('outbox_ahead_pending').on('outbox').columns(['status', 'lane', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_ahead_pending').execute();
}
