import type { Kysely } from 'kysely';
import { withId } from '../src/store/migration-kit.ts';

/*
 * The first schema. Timestamps are ISO-8601 UTC text, booleans 0/1 integers: the same bytes on SQLite and
 * PostgreSQL, so every query runs unchanged on both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('residents'))
    .addColumn('display_name', 'text')
    .addColumn('locale', 'text')
    .addColumn('phone', 'text')
    .addColumn('unit', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('resident_identities'))
    .addColumn('resident_id', 'integer', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_user_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('language_hint', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('resident_identities_platform_user', ['platform', 'platform_user_id'])
    .execute();
  await db.schema.createIndex('resident_identities_resident').on('resident_identities').column('resident_id').execute();

  await withId(db, db.schema.createTable('invites'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by_member_id', 'integer')
    .execute();

  await withId(db, db.schema.createTable('members'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('invite_id', 'integer', (c) => c.references('invites.id'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addUniqueConstraint('members_subject_role', ['platform', 'subject_kind', 'subject_id', 'role'])
    .execute();
  await db.schema.createIndex('members_role').on('members').columns(['role', 'subject_kind']).execute();

  await withId(db, db.schema.createTable('tickets'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('place_building', 'text')
    .addColumn('place_unit', 'text')
    .addColumn('place_spot', 'text')
    .addColumn('place_text', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('classifier_source', 'text', (c) => c.notNull())
    .addColumn('classifier_model', 'text')
    .addColumn('classifier_latency_ms', 'integer')
    .addColumn('confidence', 'double precision')
    .addColumn('duplicate_of', 'integer', (c) => c.references('tickets.id'))
    .addColumn('assignee_id', 'integer', (c) => c.references('members.id'))
    .addColumn('reopened_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('explanation_reason', 'text')
    .addColumn('explanation_plan', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('response_due_at', 'text', (c) => c.notNull())
    .addColumn('resolution_due_at', 'text', (c) => c.notNull())
    .addColumn('response_overdue_notified_at', 'text')
    .addColumn('resolution_overdue_notified_at', 'text')
    .execute();
  // The agenda reads one week at a time; these keep its cost proportional to the week, not the history.
  await db.schema.createIndex('tickets_created_at').on('tickets').column('created_at').execute();
  await db.schema.createIndex('tickets_status_created').on('tickets').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('tickets_category_created').on('tickets').columns(['category', 'created_at']).execute();
  await db.schema
    .createIndex('tickets_building')
    .on('tickets')
    .columns(['place_building', 'category', 'created_at'])
    .execute();
  await db.schema.createIndex('tickets_spot').on('tickets').columns(['place_spot', 'category', 'created_at']).execute();
  await db.schema.createIndex('tickets_resolved_at').on('tickets').column('resolved_at').execute();
  await db.schema.createIndex('tickets_response_due').on('tickets').columns(['response_due_at']).execute();
  await db.schema.createIndex('tickets_resolution_due').on('tickets').columns(['resolution_due_at']).execute();

  await withId(db, db.schema.createTable('ticket_reporters'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('resident_id', 'integer', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('is_original', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fixed_answer', 'text')
    .addColumn('rating', 'integer')
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ticket_reporters_ticket_resident', ['ticket_id', 'resident_id'])
    .execute();
  await db.schema.createIndex('ticket_reporters_resident').on('ticket_reporters').column('resident_id').execute();

  await withId(db, db.schema.createTable('ticket_events'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_id', 'id']).execute();
  await db.schema
    .createIndex('ticket_events_kind_created')
    .on('ticket_events')
    .columns(['kind', 'created_at'])
    .execute();

  await withId(db, db.schema.createTable('inbox'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'text')
    .addUniqueConstraint('inbox_platform_event', ['platform', 'event_id'])
    .execute();
  await db.schema.createIndex('inbox_due').on('inbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('inbox_chat').on('inbox').columns(['platform', 'chat_id', 'id']).execute();

  await withId(db, db.schema.createTable('attachments'))
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('inbox_id', 'integer', (c) => c.references('inbox.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_file_id', 'text')
    .addColumn('mime_type', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('path', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_ticket').on('attachments').column('ticket_id').execute();

  await withId(db, db.schema.createTable('conversations'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'integer', (c) => c.references('residents.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('expires_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('conversations_chat', ['platform', 'chat_id'])
    .execute();
  await db.schema.createIndex('conversations_expires').on('conversations').columns(['state', 'expires_at']).execute();

  await withId(db, db.schema.createTable('outbox'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('retry_key', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('platform_message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  // Staff answer a ticket by replying to its card: find the card by the platform's message id.
  await db.schema
    .createIndex('outbox_platform_message')
    .on('outbox')
    .columns(['platform', 'chat_id', 'platform_message_id'])
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_chat').on('outbox').columns(['platform', 'chat_id', 'id']).execute();

  await withId(db, db.schema.createTable('agendas'))
    .addColumn('week', 'text', (c) => c.notNull().unique())
    .addColumn('compiled_at', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('image_token', 'text')
    .addColumn('sent_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('agenda_items'))
    .addColumn('agenda_id', 'integer', (c) => c.notNull().references('agendas.id').onDelete('cascade'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('lead_party', 'text', (c) => c.notNull())
    .addUniqueConstraint('agenda_items_agenda_ticket', ['agenda_id', 'ticket_id'])
    .execute();
  await db.schema.createIndex('agenda_items_ticket').on('agenda_items').column('ticket_id').execute();

  await withId(db, db.schema.createTable('agenda_decisions'))
    .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('lead_party', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'slot'])
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'counters',
    'job_runs',
    'agenda_decisions',
    'agenda_items',
    'agendas',
    'outbox',
    'conversations',
    'attachments',
    'inbox',
    'ticket_events',
    'ticket_reporters',
    'tickets',
    'members',
    'invites',
    'resident_identities',
    'residents',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
