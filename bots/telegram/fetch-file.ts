import { extname } from 'node:path';
import { FileUnavailableError, type FetchedFile } from '../../src/platform.ts';
import type { BotApi } from './bot-api.ts';

/** Bots may download files of up to 20 MB from the Bot API. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

const MIME_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.oga': 'audio/ogg',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
};

/** A file that could not be downloaded; the message says why and never contains the file URL (it holds the token). */
export class TelegramFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TelegramFileError';
  }
}

/**
 * Downloads a file the Bot API holds: getFile, then `<apiRoot>/file/bot<token>/<file_path>`, within
 * {@link MAX_DOWNLOAD_BYTES} and a timeout. Throws a {@link TelegramFileError} (retried later by the
 * caller) or a BotApiError from getFile.
 */
export async function fetchTelegramFile(
  api: BotApi,
  fileId: string,
  options: { timeoutMs?: number; maxBytes?: number } = {},
): Promise<FetchedFile> {
  const maxBytes = options.maxBytes ?? MAX_DOWNLOAD_BYTES;
  const file = await api.call((telegram, signal) => telegram.callApi('getFile', { file_id: fileId }, { signal }));
  if (!file.file_path)
    throw new FileUnavailableError(
      'Telegram gave no download path for this file (files over 20 MB cannot be downloaded by bots)',
    );
  if (file.file_size !== undefined && file.file_size > maxBytes)
    throw new FileUnavailableError(`file is ${file.file_size} bytes, over the ${maxBytes}-byte limit`);

  // Built like telegraf builds its API URLs, so a self-hosted server under a path works alike.
  const url = new URL(`./file/bot${api.token}/${file.file_path}`, api.apiRoot);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
  } catch (error) {
    throw new TelegramFileError(`download failed: ${describe(error, api)}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new TelegramFileError(`download failed: HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new FileUnavailableError(`file is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new FileUnavailableError(`file is over the ${maxBytes}-byte limit`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FileUnavailableError) throw error;
    throw new TelegramFileError(`download failed: ${describe(error, api)}`);
  }
  const fromPath = MIME_TYPES[extname(file.file_path).toLowerCase()];
  const fromHeader = response.headers.get('content-type')?.split(';')[0]?.trim();
  return {
    data: Buffer.concat(chunks),
    mimeType:
      fromPath ?? (fromHeader && fromHeader !== 'application/octet-stream' ? fromHeader : 'application/octet-stream'),
  };
}

function describe(error: unknown, api: BotApi): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return api.redact(`${error instanceof Error ? error.message : String(error)}${cause}`);
}
