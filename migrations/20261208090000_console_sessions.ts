import type { Kysely } from 'kysely';
import { withId } from '../src/store/migration-kit.ts';

/*
 * The staff web console's sign-in: one-time links (`linli console-link`), the sessions they turn into,
 * and the attempts per IP address that limit guessing. Links and sessions are stored only as SHA-256
 * hashes of their tokens: a copy of the database signs nobody in. `estate` is the estate code the link
 * was made for (recorded now; estates themselves come later).
 *
 * Indexes for the console's ticket filters that the existing ones (status, category, building,
 * created_at, deadlines) do not cover: urgent tickets, one assignee's, and the "last changed" order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('console_links'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('estate', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await withId(db, db.schema.createTable('console_sessions'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('estate', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('console_sessions_member').on('console_sessions').column('member_id').execute();
  await withId(db, db.schema.createTable('console_login_attempts'))
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('console_login_attempts_ip')
    .on('console_login_attempts')
    .columns(['ip', 'attempted_at'])
    .execute();

  await db.schema.createIndex('tickets_urgency_created').on('tickets').columns(['urgency', 'created_at']).execute();
  await db.schema
    .createIndex('tickets_assignee_created')
    .on('tickets')
    .columns(['assignee_id', 'created_at'])
    .execute();
  await db.schema.createIndex('tickets_updated_at').on('tickets').column('updated_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['tickets_updated_at', 'tickets_assignee_created', 'tickets_urgency_created'])
    await db.schema.dropIndex(index).ifExists().execute();
  for (const table of ['console_login_attempts', 'console_sessions', 'console_links'])
    await db.schema.dropTable(table).ifExists().execute();
}
