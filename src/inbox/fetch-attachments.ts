import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { FileUnavailableError, type PlatformAdapter } from '../platform.ts';

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
  'audio/m4a': '.m4a',
  'audio/aac': '.aac',
  'audio/wav': '.wav',
  'audio/webm': '.webm',
  'video/mp4': '.mp4',
};

/** An attachment recorded from an event whose file is not downloaded yet. */
export interface PendingAttachment {
  id: number;
  platform: string;
  platformFileId: string;
  kind: string;
}

/** The attachments' files, as the downloader sees them. */
export interface AttachmentFiles {
  /** Attachments of these platforms (and of this kind, if given) not downloaded yet, oldest first. */
  pending(platforms: readonly string[], limit: number, kind?: string): Promise<PendingAttachment[]>;
  /** Records where the file was saved. */
  stored(id: number, file: { path: string; mimeType: string; sizeBytes: number }): Promise<void>;
  /** Records why the file will never be downloaded (too large, gone): it is not asked for again. */
  givenUp(id: number, reason: string, sizeBytes?: number): Promise<void>;
}

/**
 * Downloads attachments that are recorded but not yet stored (photos, voice notes) through their
 * platform's adapter and saves them under DATA_DIR/attachments. A failed download is retried on the
 * next run; one the platform will never hand over (too large, gone) is marked and left.
 */
export async function fetchAttachments(options: {
  attachments: AttachmentFiles;
  adapters: readonly PlatformAdapter[];
  dataDir: string;
  log: Logger;
  limit?: number;
  /** Only attachments of this kind (`audio`: the voice notes the transcription worker waits for). */
  kind?: string;
}): Promise<number> {
  const fetchers = new Map(options.adapters.filter((a) => a.fetchFile).map((a) => [a.platform, a]));
  if (fetchers.size === 0) return 0;
  const rows = await options.attachments.pending([...fetchers.keys()], options.limit ?? 20, options.kind);
  let stored = 0;
  for (const row of rows) {
    try {
      const file = await fetchers.get(row.platform)!.fetchFile!(row.platformFileId);
      if (file.data.length > MAX_ATTACHMENT_BYTES) {
        await options.attachments.givenUp(row.id, 'skipped:too-large', file.data.length);
        continue;
      }
      const digest = createHash('sha256').update(file.data).digest('hex').slice(0, 16);
      const dir = join(options.dataDir, 'attachments', row.platform);
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${row.id}-${digest}${EXTENSIONS[file.mimeType] ?? ''}`);
      await writeFile(path, file.data);
      await options.attachments.stored(row.id, { path, mimeType: file.mimeType, sizeBytes: file.data.length });
      stored++;
    } catch (error) {
      if (error instanceof FileUnavailableError) {
        await options.attachments.givenUp(row.id, `unavailable: ${error.message}`);
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
