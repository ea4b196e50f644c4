import type { Kysely } from 'kysely';
import { withId } from '../src/store/migration-kit.ts';

/*
 * Failed `/join CODE` attempts per chat, so guessing codes is limited across restarts and instances
 * (the inbox hands one chat's events to one worker at a time, so a chat's count is never raced).
 * `outcome` is `failed` (a wrong code) or `refused` (turned away without checking, answered).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('join_attempts'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('join_attempts_chat')
    .on('join_attempts')
    .columns(['platform', 'chat_id', 'attempted_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('join_attempts').ifExists().execute();
}
