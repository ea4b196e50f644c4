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

/** Removes control characters that break logs and terminals; keeps tabs and line breaks. */
export function cleanText(text: string): { text: string; truncated: boolean } {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/\r\n?/g, '\n');
  if (cleaned.length <= MAX_TEXT_LENGTH) return { text: cleaned, truncated: false };
  return { text: cleaned.slice(0, MAX_TEXT_LENGTH), truncated: true };
}
