import type { Kysely } from 'kysely';

/*
 * Voice notes become words: a voice note waiting for its transcript is `transcript_status = 'pending'`
 * (then `done` with the text, or `failed` with the reason in `transcript`); `transcript_language` is
 * the hint sent with it, `transcript_claimed_until` the lease of the worker transcribing it;
 * `duration_seconds` is what the platform said of the recording. SQLite adds one column at a time.
 */
const COLUMNS = [
  ['duration_seconds', 'integer'],
  ['transcript_status', 'text'],
  ['transcript', 'text'],
  ['transcript_language', 'text'],
  ['transcript_claimed_until', 'text'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, type] of COLUMNS) await db.schema.alterTable('attachments').addColumn(name, type).execute();
  await db.schema
    .createIndex('attachments_transcript_status')
    .on('attachments')
    .columns(['transcript_status', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('attachments_transcript_status').execute();
  for (const [name] of [...COLUMNS].reverse()) await db.schema.alterTable('attachments').dropColumn(name).execute();
}
