import type { Kysely } from 'kysely';
import type { VoiceNote, VoiceNotes } from '../voice/voice-notes.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

/** The attachments table as the transcription worker sees it: voice notes with `transcript_status = 'pending'`. */
export class KyselyVoiceNotes implements VoiceNotes {
  constructor(private readonly db: Kysely<Database>) {}

  async due(now: Date, limit: number): Promise<VoiceNote[]> {
    const rows = await this.db
      .selectFrom('attachments')
      .select([
        'id',
        'platform',
        'inbox_id',
        'path',
        'mime_type',
        'size_bytes',
        'duration_seconds',
        'transcript_language',
      ])
      .where('transcript_status', '=', 'pending')
      .where('path', 'is not', null)
      .where((eb) =>
        eb.or([eb('transcript_claimed_until', 'is', null), eb('transcript_claimed_until', '<', toDbTime(now))]),
      )
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      platform: row.platform,
      inboxId: row.inbox_id,
      path: row.path!,
      mimeType: row.mime_type,
      sizeBytes: row.size_bytes,
      durationSeconds: row.duration_seconds,
      language: row.transcript_language,
    }));
  }

  async claim(id: number, now: Date, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('attachments')
      .set({ transcript_claimed_until: toDbTime(until) })
      .where('id', '=', id)
      .where('transcript_status', '=', 'pending')
      .where((eb) =>
        eb.or([eb('transcript_claimed_until', 'is', null), eb('transcript_claimed_until', '<', toDbTime(now))]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async settle(id: number, outcome: { status: 'done' | 'failed'; text: string }): Promise<void> {
    await this.db
      .updateTable('attachments')
      .set({ transcript_status: outcome.status, transcript: outcome.text, transcript_claimed_until: null })
      .where('id', '=', id)
      .execute();
  }
}
