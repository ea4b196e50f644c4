import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { TranscribeConfig } from '../config.ts';
import type { IncomingEvent } from '../turn/incoming-event.ts';
import type { UnitOfWork } from '../turn/unit-of-work.ts';
import { recordingFileName, TranscriberError, type Transcriber } from './transcriber.ts';
import type { VoiceNote, VoiceNotes } from './voice-notes.ts';
import type { Metrics } from '../metrics.ts';
import { isGivenUp } from '../tickets/recording.ts';

/** What the transcription worker needs. */
export interface TranscribeDeps {
  voiceNotes: VoiceNotes;
  unitOfWork: UnitOfWork;
  transcriber: Transcriber;
  /** Save first: the transcript goes to the inbox as an event of the resident's chat. */
  saveIncoming(event: IncomingEvent): Promise<'saved' | 'duplicate'>;
  limits: Pick<TranscribeConfig, 'timeoutMs' | 'maxBytes' | 'maxSeconds'>;
  now: () => Date;
  log: Logger;
  metrics?: Pick<Metrics, 'transcriptions' | 'transcribedSeconds' | 'transcribeLatency'>;
}

/** What became of a voice note, as the metrics count it. */
type Outcome = 'ok' | 'failed' | 'timeout' | 'over-limit';

/** Voice notes transcribed at once by one run (each waits at most the timeout). */
const PARALLEL = 4;

/**
 * Transcribes the voice notes whose recording is downloaded, a few at a time, off the inbox path: a
 * slow or hanging endpoint holds no resident's turn. Each outcome — the words, or why there are none
 * (too long, too large, not downloadable, the endpoint failing or silent past the timeout) — goes to
 * the inbox as a `transcript` event of the resident's chat, handled in order with their messages; the
 * note is then settled. A worker that dies mid-way leaves the note claimed until its claim passes,
 * and a repeat of the event is ignored by the inbox. Returns the notes settled.
 */
export async function transcribeVoiceNotes(deps: TranscribeDeps): Promise<number> {
  const notes = await deps.voiceNotes.due(deps.now(), PARALLEL);
  const settled = await Promise.all(notes.map((note) => transcribeOne(deps, note)));
  return settled.filter(Boolean).length;
}

async function transcribeOne(deps: TranscribeDeps, note: VoiceNote): Promise<boolean> {
  const now = deps.now();
  // Held for the timeout and a margin for reading the file and writing the outcome.
  if (!(await deps.voiceNotes.claim(note.id, now, new Date(now.getTime() + deps.limits.timeoutMs + 60_000))))
    return false;
  const item =
    note.inboxId === null
      ? undefined
      : await deps.unitOfWork.withoutTransaction(({ inbox }) => inbox.load(note.inboxId!));
  if (!item) {
    await deps.voiceNotes.settle(note.id, { status: 'failed', text: 'the message it came with is gone' });
    return true;
  }
  const outcome = await listen(deps, note);
  deps.metrics?.transcriptions.inc({ outcome: outcome.outcome });
  const source = item.event;
  const event: IncomingEvent = {
    platform: source.platform,
    eventId: `transcript:${note.id}`,
    kind: 'message',
    chat: source.chat,
    sender: source.sender,
    ...(outcome.status === 'done' && { text: outcome.text }),
    transcript: { attachmentId: note.id, ...(outcome.status === 'failed' && { failed: outcome.text }) },
    occurredAt: deps.now().toISOString(),
  };
  await deps.saveIncoming(event);
  await deps.voiceNotes.settle(note.id, { status: outcome.status, text: outcome.text });
  return true;
}

/** The words of one note, or why there are none. */
async function listen(
  deps: TranscribeDeps,
  note: VoiceNote,
): Promise<{ status: 'done' | 'failed'; text: string; outcome: Outcome }> {
  const { limits, log, metrics } = deps;
  const failed = (outcome: Outcome, text: string) => ({ status: 'failed' as const, text, outcome });
  if (isGivenUp(note.path))
    return failed(note.path.startsWith('skipped:too-large') ? 'over-limit' : 'failed', `not downloaded (${note.path})`);
  if (note.durationSeconds !== null && note.durationSeconds > limits.maxSeconds)
    return failed('over-limit', `longer than TRANSCRIBE_MAX_SECONDS (${note.durationSeconds} s)`);
  if (note.sizeBytes !== null && note.sizeBytes > limits.maxBytes)
    return failed('over-limit', `larger than TRANSCRIBE_MAX_BYTES (${note.sizeBytes} bytes)`);
  let data: Buffer;
  try {
    data = await readFile(note.path);
  } catch (error) {
    return failed('failed', `recording unreadable: ${(error as Error).message}`);
  }
  if (data.length > limits.maxBytes)
    return failed('over-limit', `larger than TRANSCRIBE_MAX_BYTES (${data.length} bytes)`);
  const mimeType = note.mimeType ?? 'audio/ogg';
  const started = performance.now();
  const took = (outcome: Outcome) =>
    metrics?.transcribeLatency.observe({ outcome }, (performance.now() - started) / 1000);
  try {
    const transcript = await deps.transcriber.transcribe(
      { data, mimeType, fileName: recordingFileName(mimeType, note.id) },
      note.language ? { language: note.language } : {},
    );
    const seconds = transcript.durationSeconds ?? note.durationSeconds ?? undefined;
    if (transcript.durationSeconds !== undefined && transcript.durationSeconds > limits.maxSeconds) {
      took('over-limit');
      return failed('over-limit', `longer than TRANSCRIBE_MAX_SECONDS (${Math.round(transcript.durationSeconds)} s)`);
    }
    took('ok');
    if (seconds !== undefined) metrics?.transcribedSeconds.inc(seconds);
    // Silence or noise: the endpoint worked, but there are no words to file.
    if (transcript.text === '') return failed('failed', 'no words heard');
    log.info(
      { attachmentId: note.id, model: transcript.model, latencyMs: transcript.latencyMs },
      'voice note transcribed',
    );
    return { status: 'done', text: transcript.text, outcome: 'ok' };
  } catch (error) {
    const failure = error instanceof TranscriberError ? error.failure : 'unexpected';
    const outcome = failure === 'timeout' ? 'timeout' : 'failed';
    took(outcome);
    log.warn({ err: error, attachmentId: note.id, failure }, 'voice note not transcribed; staff will listen to it');
    return failed(outcome, `${failure}: ${(error as Error).message}`.slice(0, 500));
  }
}
