import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { FileUnavailableError, type PlatformAdapter } from '../platform.ts';
import type { Database } from '../store/schema.ts';

/** Largest attachment kept (Telegram's bot download limit is 20 MB). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'audio/ogg': '.ogg',
  'audio/mpeg': '.mp3',
  'audio/mp4': '.m4a',
  'audio/x-m4a': '.m4a',
  'video/mp4': '.mp4',
};

/**
 * Downloads attachments that are recorded but not yet stored (photos, voice notes) through their
 * platform's adapter and saves them under DATA_DIR/attachments. A failed download is retried on the
 * next run; one the platform will never hand over (too large, gone) is marked and left.
 */
export async function fetchAttachments(options: {
  db: Kysely<Database>;
  adapters: readonly PlatformAdapter[];
  dataDir: string;
  log: Logger;
  limit?: number;
}): Promise<number> {
  const fetchers = new Map(options.adapters.filter((a) => a.fetchFile).map((a) => [a.platform, a]));
  if (fetchers.size === 0) return 0;
  const rows = await options.db
    .selectFrom('attachments')
    .select(['id', 'platform', 'platform_file_id', 'kind'])
    .where('path', 'is', null)
    .where('platform', 'in', [...fetchers.keys()])
    .where('platform_file_id', 'is not', null)
    .orderBy('id')
    .limit(options.limit ?? 20)
    .execute();
  let stored = 0;
  for (const row of rows) {
    try {
      const file = await fetchers.get(row.platform)!.fetchFile!(row.platform_file_id!);
      if (file.data.length > MAX_ATTACHMENT_BYTES) {
        await options.db
          .updateTable('attachments')
          .set({ path: 'skipped:too-large', size_bytes: file.data.length })
          .where('id', '=', row.id)
          .execute();
        continue;
      }
      const digest = createHash('sha256').update(file.data).digest('hex').slice(0, 16);
      const dir = join(options.dataDir, 'attachments', row.platform);
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${row.id}-${digest}${EXTENSIONS[file.mimeType] ?? ''}`);
      await writeFile(path, file.data);
      await options.db
        .updateTable('attachments')
        .set({ path, mime_type: file.mimeType, size_bytes: file.data.length })
        .where('id', '=', row.id)
        .execute();
      stored++;
    } catch (error) {
      if (error instanceof FileUnavailableError) {
        await options.db
          .updateTable('attachments')
          .set({ path: `unavailable: ${error.message}`.slice(0, 500) })
          .where('id', '=', row.id)
          .execute();
        continue;
      }
      options.log.warn(
        { err: (error as Error).message, attachmentId: row.id, platform: row.platform },
        'attachment download failed; will retry',
      );
    }
  }
  return stored;
}
