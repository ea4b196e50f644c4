import type { Kysely } from 'kysely';
import { withId } from '../src/store/migration-kit.ts';

/*
 * The steps a ticket took around its deadlines: a reminder before one (`remind_response`,
 * `remind_resolution`), a rung of the escalation ladder after (`admin`, `committee`, `party_branch`).
 * One row per ticket and step, unique: the row is inserted in the same transaction as the messages of
 * the step, so two instances (or two runs) take a step once. `due_at` is when the step fell due,
 * `taken_at` when it was taken; `recipients` counts the chats told.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('ticket_escalations'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_escalations_step')
    .on('ticket_escalations')
    .columns(['ticket_id', 'step'])
    .unique()
    .execute();
  await db.schema
    .createIndex('ticket_escalations_taken')
    .on('ticket_escalations')
    .columns(['step', 'taken_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_escalations').ifExists().execute();
}
