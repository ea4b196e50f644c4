import { stripDirectionMarks } from '../privacy/direction-marks.ts';
import type { HeldCard } from '../tickets/recording.ts';

/**
 * A platform-neutral incoming event: what an adapter makes of a Telegram update, a LINE webhook
 * event or a console line. It is stored in the inbox as JSON before anything else happens.
 */
export interface IncomingEvent {
  /** 'telegram' | 'line' | 'console' | … */
  platform: string;
  /** Unique per platform (Telegram update_id, LINE webhookEventId); a repeat is ignored. */
  eventId: string;
  kind: 'message' | 'callback' | 'follow' | 'join';
  chat: { id: string; type: 'private' | 'group' };
  sender: { id: string; displayName?: string; languageHint?: string };
  text?: string;
  photo?: { fileId: string; mimeType?: string; sizeBytes?: number };
  location?: { latitude: number; longitude: number; title?: string; address?: string };
  audio?: { fileId: string; mimeType?: string; durationSeconds?: number; sizeBytes?: number };
  /**
   * The words of a voice note the resident sent earlier (attachment `attachmentId`), in `text`; or,
   * with `failed`, why there are none. Made by the transcription worker, never by a platform.
   */
  transcript?: { attachmentId: number; failed?: string };
  /**
   * The recording of a voice note whose staff card waited for it is saved (or given up): the card
   * goes out now. Made by the held cards' worker, never by a platform.
   */
  recordingSaved?: { attachmentId: number; card: HeldCard };
  /** Data of a pressed button. */
  callbackData?: string;
  /** The platform's id of the button press, to answer it (Telegram callback_query id). */
  callbackId?: string;
  /** Platform id of the bot message this one replies to (Telegram reply-to). */
  replyToMessageId?: string;
  /** LINE reply token and when it was received; usable once, for about a minute. */
  replyToken?: { token: string; receivedAt: string };
  /** When the platform says the event happened (ISO-8601). */
  occurredAt: string;
}

/** Largest text stored for one message; longer text is cut and the cut is noted. */
export const MAX_TEXT_LENGTH = 8_000;

// Terminal escape sequences, whole: CSI ("ESC [ 31 m"), OSC ("ESC ] … BEL" or "… ESC \") and the
// two-character ones ("ESC M"). Dropping only the ESC would leave "[31m" in the text.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Removes terminal escape sequences and control characters that break logs and terminals, and the
 * direction controls that would turn a card or the agenda around; keeps tabs and line breaks.
 */
export function cleanText(text: string): { text: string; truncated: boolean } {
  const cleaned = stripDirectionMarks(text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '')).replace(/\r\n?/g, '\n');
  if (cleaned.length <= MAX_TEXT_LENGTH) return { text: cleaned, truncated: false };
  return { text: cleaned.slice(0, MAX_TEXT_LENGTH), truncated: true };
}
