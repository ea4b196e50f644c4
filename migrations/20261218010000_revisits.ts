import type { Kysely } from 'kysely';
import { withId } from '../src/store/migration-kit.ts';

/*
 * 回访 (follow-up calls by the residents' committee): asked for when a resident rates a resolved ticket
 * 1 or 2, or reopens it. `status` goes open → started (a committee member took it: `caller_member_id`,
 * `started_at`) → done (`outcome`, `finished_at`). One unfinished revisit per ticket and resident.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('revisits'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull())
    .addColumn('resident_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('caller_member_id', 'integer')
    .addColumn('started_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('revisits_status').on('revisits').columns(['status', 'requested_at']).execute();
  await db.schema.createIndex('revisits_resident').on('revisits').columns(['resident_id', 'status']).execute();
  await db.schema.createIndex('revisits_caller').on('revisits').columns(['caller_member_id', 'status']).execute();
  await db.schema.createIndex('revisits_ticket').on('revisits').columns(['ticket_id', 'resident_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('revisits').ifExists().execute();
}
