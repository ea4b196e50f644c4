import type { Kysely } from 'kysely';
import { withId } from '../src/store/migration-kit.ts';

/*
 * The street (街道) as a reader (DESIGN §5): a `street` role held for a named street (members.street,
 * given by the invite that made it), and the weekly street digests, one per street and week, stored as
 * they were sent like the agendas.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('members').addColumn('street', 'text').execute();
  await db.schema.alterTable('invites').addColumn('street', 'text').execute();
  await withId(db, db.schema.createTable('street_digests'))
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('compiled_at', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('image_token', 'text', (c) => c.notNull().unique())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('street_digests_street_week', ['street', 'week'])
    .execute();
  // An estate's events and answers of a week are found among every estate's of that week: these
  // indexes cover those reads (and the join to the ticket's estate), so none touches a table row.
  await db.schema.dropIndex('ticket_events_kind_created').execute();
  await db.schema
    .createIndex('ticket_events_kind_created_ticket')
    .on('ticket_events')
    .columns(['kind', 'created_at', 'ticket_id'])
    .execute();
  await db.schema.dropIndex('ticket_reporters_answered_at').execute();
  await db.schema
    .createIndex('ticket_reporters_answered_ticket')
    .on('ticket_reporters')
    .columns(['answered_at', 'ticket_id', 'fixed_answer', 'rating'])
    .execute();
  await db.schema.createIndex('tickets_id_estate').on('tickets').columns(['id', 'estate_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_id_estate').ifExists().execute();
  await db.schema.dropIndex('ticket_reporters_answered_ticket').ifExists().execute();
  await db.schema.createIndex('ticket_reporters_answered_at').on('ticket_reporters').column('answered_at').execute();
  await db.schema.dropIndex('ticket_events_kind_created_ticket').ifExists().execute();
  await db.schema
    .createIndex('ticket_events_kind_created')
    .on('ticket_events')
    .columns(['kind', 'created_at'])
    .execute();
  await db.schema.dropTable('street_digests').execute();
  await db.schema.alterTable('invites').dropColumn('street').execute();
  await db.schema.alterTable('members').dropColumn('street').execute();
}
