import { decodeUtf8 } from '../../src/http/decode-utf8.ts';
import type { IncomingEvent } from '../../src/turn/incoming-event.ts';
import { occurredAt } from '../../src/intake/occurred-at.ts';
import { checkUpdate, type TelegramMessage, type TelegramUser } from './update-shape.ts';

export const TELEGRAM_PLATFORM = 'telegram';

/** The update types the bot asks Telegram for (setWebhook / getUpdates `allowed_updates`). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export type { TelegramUpdate } from './update-shape.ts';

/** What to do with an update: store the event, skip it (a type the bot does not use), or refuse it. */
export type MappedUpdate =
  | { kind: 'event'; updateId: number; event: IncomingEvent }
  | { kind: 'ignored'; updateId: number; reason: string }
  | { kind: 'invalid'; reason: string };

/** Parses and maps a webhook body (the raw bytes Telegram posted), received at `receivedAt`. */
export function mapUpdateBody(body: Buffer, receivedAt = new Date()): MappedUpdate {
  const text = decodeUtf8(body);
  if (text === undefined) return { kind: 'invalid', reason: 'body is not UTF-8' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'body is not JSON' };
  }
  return mapUpdate(raw, receivedAt);
}

/**
 * Maps a Telegram update to a platform-neutral {@link IncomingEvent}: private chats are `private`,
 * groups and supergroups `group`; text or caption; the largest photo size; location or venue; voice
 * or audio; button presses as `callback`; the bot being added to a group as `join`. A `date` no
 * message can have (`9e15` seconds) reads as `receivedAt`.
 */
export function mapUpdate(raw: unknown, receivedAt = new Date()): MappedUpdate {
  const checked = checkUpdate(raw);
  if (!checked.ok) return { kind: 'invalid', reason: checked.reason };
  const u = checked.update;
  const ignored = (reason: string): MappedUpdate => ({ kind: 'ignored', updateId: u.update_id, reason });
  const eventId = String(u.update_id);

  if (u.message) {
    const m = u.message;
    const chatType = chatKind(m.chat.type);
    if (!chatType) return ignored(`message in a ${m.chat.type}`);
    if (!m.from || m.from.is_bot) return ignored('message from a bot or a channel');
    const content = messageContent(m);
    if (chatType === 'group' && Object.keys(content).length === 0) return ignored('group service message');
    // The event's own fields are written first rather than spread from a shared object: in V8 an object
    // literal that starts with a spread and goes on with more properties is built slowly (~6 µs, more
    // than the rest of the mapping), and this runs for every webhook before its answer.
    const event: IncomingEvent = {
      platform: TELEGRAM_PLATFORM,
      eventId,
      kind: 'message',
      chat: { id: String(m.chat.id), type: chatType },
      sender: person(m.from),
      ...content,
      ...(m.reply_to_message && { replyToMessageId: String(m.reply_to_message.message_id) }),
      occurredAt: occurredAt(m.date * 1000, receivedAt),
    };
    return { kind: 'event', updateId: u.update_id, event };
  }

  if (u.callback_query) {
    const q = u.callback_query;
    // Presses on inline-mode messages have no chat; games have no data. The bot uses neither.
    if (!q.message || q.data === undefined) return ignored('callback without a chat message or data');
    const chatType = chatKind(q.message.chat.type);
    if (!chatType) return ignored(`callback in a ${q.message.chat.type}`);
    const event: IncomingEvent = {
      platform: TELEGRAM_PLATFORM,
      eventId,
      kind: 'callback',
      chat: { id: String(q.message.chat.id), type: chatType },
      sender: person(q.from),
      callbackData: q.data,
      callbackId: q.id,
      // A callback query carries no date; it is as recent as its delivery.
      occurredAt: receivedAt.toISOString(),
    };
    return { kind: 'event', updateId: u.update_id, event };
  }

  if (u.my_chat_member) {
    const c = u.my_chat_member;
    const added =
      ['left', 'kicked'].includes(c.old_chat_member.status) &&
      ['member', 'administrator'].includes(c.new_chat_member.status);
    if (chatKind(c.chat.type) !== 'group' || !added) return ignored('chat member change other than joining a group');
    const event: IncomingEvent = {
      platform: TELEGRAM_PLATFORM,
      eventId,
      kind: 'join',
      chat: { id: String(c.chat.id), type: 'group' },
      sender: person(c.from),
      occurredAt: occurredAt(c.date * 1000, receivedAt),
    };
    return { kind: 'event', updateId: u.update_id, event };
  }

  return ignored('update type not used');
}

function chatKind(type: string): 'private' | 'group' | undefined {
  if (type === 'private') return 'private';
  if (type === 'group' || type === 'supergroup') return 'group';
  return undefined;
}

function person(from: TelegramUser): IncomingEvent['sender'] {
  const name = [from.first_name, from.last_name].filter((s) => s !== undefined && s !== '').join(' ') || from.username;
  return {
    id: String(from.id),
    ...(name && { displayName: name }),
    ...(from.language_code && { languageHint: from.language_code }),
  };
}

type Content = Pick<IncomingEvent, 'text' | 'photo' | 'location' | 'audio'>;

function messageContent(m: TelegramMessage): Content {
  const content: Content = {};
  const text = m.text ?? m.caption;
  if (text !== undefined) content.text = text;
  if (m.photo && m.photo.length > 0) {
    // Sizes come smallest first, but pick by size to be sure: the largest is the one worth keeping.
    const largest = m.photo.reduce((best, p) =>
      area(p) > area(best) || (area(p) === area(best) && (p.file_size ?? 0) > (best.file_size ?? 0)) ? p : best,
    );
    content.photo = {
      fileId: largest.file_id,
      mimeType: 'image/jpeg',
      ...(largest.file_size !== undefined && { sizeBytes: largest.file_size }),
    };
  } else if (m.document?.mime_type?.startsWith('image/')) {
    // A photo sent "as a file" keeps its full quality; treat it as the photo it is.
    content.photo = {
      fileId: m.document.file_id,
      mimeType: m.document.mime_type,
      ...(m.document.file_size !== undefined && { sizeBytes: m.document.file_size }),
    };
  }
  if (m.venue) {
    content.location = {
      latitude: m.venue.location.latitude,
      longitude: m.venue.location.longitude,
      ...(m.venue.title && { title: m.venue.title }),
      ...(m.venue.address && { address: m.venue.address }),
    };
  } else if (m.location) {
    content.location = { latitude: m.location.latitude, longitude: m.location.longitude };
  }
  const sound = m.voice ?? m.audio;
  if (sound) {
    content.audio = {
      fileId: sound.file_id,
      mimeType: sound.mime_type ?? (m.voice ? 'audio/ogg' : 'audio/mpeg'),
      ...(sound.duration !== undefined && { durationSeconds: sound.duration }),
      ...(sound.file_size !== undefined && { sizeBytes: sound.file_size }),
    };
  }
  return content;
}

function area(p: { width?: number | undefined; height?: number | undefined; file_size?: number | undefined }): number {
  return (p.width ?? 0) * (p.height ?? 0) || (p.file_size ?? 0);
}
