import type { Kysely } from 'kysely';
import type { AttachmentFiles, PendingAttachment } from '../inbox/fetch-attachments.ts';
import type { Database } from './schema.ts';

/**
 * The attachments table as the downloader sees it. A file not downloaded yet has no `path`; one that
 * will never be has a `path` saying why (`skipped:too-large`, `unavailable: …`), so it is not asked for again.
 */
export class KyselyAttachmentFiles implements AttachmentFiles {
  constructor(private readonly db: Kysely<Database>) {}

  async pending(platforms: readonly string[], limit: number, kind?: string): Promise<PendingAttachment[]> {
    if (platforms.length === 0) return [];
    let query = this.db.selectFrom('attachments');
    if (kind !== undefined) query = query.where('kind', '=', kind);
    const rows = await query
      .select(['id', 'platform', 'platform_file_id', 'kind'])
      .where('path', 'is', null)
      .where('platform', 'in', [...platforms])
      .where('platform_file_id', 'is not', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      platform: row.platform,
      platformFileId: row.platform_file_id!,
      kind: row.kind,
    }));
  }

  async stored(id: number, file: { path: string; mimeType: string; sizeBytes: number }): Promise<void> {
    await this.db
      .updateTable('attachments')
      .set({ path: file.path, mime_type: file.mimeType, size_bytes: file.sizeBytes })
      .where('id', '=', id)
      .execute();
  }

  /** A downloaded recording of a ticket, for its capability link: its file and type; undefined otherwise. */
  async recording(id: number): Promise<{ path: string; mimeType: string } | undefined> {
    const row = await this.db
      .selectFrom('attachments')
      .select(['path', 'mime_type'])
      .where('id', '=', id)
      .where('kind', '=', 'audio')
      .where('ticket_id', 'is not', null)
      .executeTakeFirst();
    return row?.path && row.mime_type ? { path: row.path, mimeType: row.mime_type } : undefined;
  }

  async givenUp(id: number, reason: string, sizeBytes?: number): Promise<void> {
    await this.db
      .updateTable('attachments')
      .set({ path: reason.slice(0, 500), ...(sizeBytes !== undefined && { size_bytes: sizeBytes }) })
      .where('id', '=', id)
      .execute();
  }
}
