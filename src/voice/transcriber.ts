/** A recording to transcribe: its bytes, its type and a file name the endpoint can read the format from. */
export interface Recording {
  data: Buffer;
  mimeType: string;
  fileName: string;
}

/** What a speech endpoint heard. */
export interface Transcript {
  /** The words, trimmed; may be empty (silence, noise). */
  text: string;
  /** The language the endpoint detected, when it says (`verbose_json`). */
  language?: string;
  /** The recording's length in seconds, when the endpoint says. */
  durationSeconds?: number;
  model: string;
  latencyMs: number;
}

/** Why a transcription failed: no answer in time, the endpoint unreachable or refusing, or an answer without words. */
export type TranscriberFailure =
  'timeout' | 'rate-limited' | 'unavailable' | 'connection' | 'rejected' | 'invalid-answer';

/** A transcription that failed; `failure` says how, the message names the endpoint and what to check. */
export class TranscriberError extends Error {
  constructor(
    readonly failure: TranscriberFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TranscriberError';
  }
}

/**
 * Speech to text: the port the voice-note worker uses. `language` is an ISO-639-1 hint (`zh`, `en`).
 * Throws a {@link TranscriberError} on any failure, after at most its configured timeout.
 */
export interface Transcriber {
  readonly model: string;
  transcribe(recording: Recording, options?: { language?: string }): Promise<Transcript>;
}

/** The file name an endpoint reads the format from (whisper servers go by the extension). */
export function recordingFileName(mimeType: string, id: number): string {
  const extension: Record<string, string> = {
    'audio/ogg': 'ogg',
    'audio/opus': 'ogg',
    'audio/mpeg': 'mp3',
    'audio/mp4': 'm4a',
    'audio/x-m4a': 'm4a',
    'audio/m4a': 'm4a',
    'audio/aac': 'm4a',
    'audio/wav': 'wav',
    'audio/x-wav': 'wav',
    'audio/webm': 'webm',
    'audio/flac': 'flac',
  };
  return `voice-${id}.${extension[mimeType.split(';')[0]!.trim().toLowerCase()] ?? 'ogg'}`;
}
