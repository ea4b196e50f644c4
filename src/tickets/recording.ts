/**
 * Where a voice note's recording stands: saved under DATA_DIR (its file), given up by the downloader
 * (too large, gone from the platform), or not downloaded yet.
 */
export type RecordingFile =
  { status: 'saved'; path: string; mimeType: string | null } | { status: 'unavailable' } | { status: 'downloading' };

/** What a staff card held for its recording carries besides the ticket. */
export interface HeldCard {
  /** Whether the ticket's words were heard from the recording. */
  heard: boolean;
  /** The photo sent with the voice note (its platform file id). */
  photoFileId?: string;
}

/** A voice note of a ticket, as its staff card needs it. */
export interface TicketRecording {
  attachmentId: number;
  ticketId: number | null;
  platform: string;
  fileId: string;
  mimeType: string | null;
  durationSeconds: number | null;
  file: RecordingFile;
}

/** A downloader's `path` that says why there is no file (`skipped:too-large`, `unavailable: …`). */
export function isGivenUp(path: string): boolean {
  return path.startsWith('skipped:') || path.startsWith('unavailable:');
}

/** What an attachment's `path` says of its recording. */
export function recordingFile(path: string | null, mimeType: string | null): RecordingFile {
  if (path === null) return { status: 'downloading' };
  return isGivenUp(path) ? { status: 'unavailable' } : { status: 'saved', path, mimeType };
}
