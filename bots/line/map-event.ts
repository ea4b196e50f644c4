import { createHash } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import type { IncomingEvent } from '../../src/turn/incoming-event.ts';
import { occurredAt } from '../../src/intake/occurred-at.ts';

export const LINE_PLATFORM = 'line';

/** What the webhook knows besides the event itself. */
export interface MapContext {
  /** When the webhook request arrived: the reply token's freshness counts from here. */
  receivedAt: Date;
  /** The profile language of the sender, when it was fetched (follow events). */
  languageHint?: string;
  displayName?: string;
}

type Chat = Pick<IncomingEvent, 'chat' | 'sender'>;

// PostgreSQL text cannot hold NUL; the core cleans message text, names and titles are cleaned here.
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = value.replace(NUL, '');
  return clean === '' ? undefined : clean;
}

function number(value: unknown, min = -Infinity, max = Infinity): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

/** Longest id LINE could send (its ids are 33 characters or a 26-character ULID); longer is not LINE's. */
const MAX_ID_LENGTH = 200;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function badId(value: unknown): boolean {
  return (
    value !== undefined &&
    (typeof value !== 'string' || value === '' || value.length > MAX_ID_LENGTH || CONTROL.test(value))
  );
}

/**
 * Why an event of a signed body is malformed, or undefined when it is well formed (whether or not
 * Linli handles its kind). LINE would never send such an event; it is refused on its own, so the
 * other events of the same body are still saved.
 */
export function lineEventProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'event is not an object';
  const event = raw as Record<string, unknown>;
  if (typeof event.type !== 'string' || event.type === '') return 'event has no type';
  if (badId(event.webhookEventId)) return 'webhookEventId is not an id';
  if (event.source !== undefined) {
    if (typeof event.source !== 'object' || event.source === null) return 'source is not an object';
    const source = event.source as Record<string, unknown>;
    for (const field of ['userId', 'groupId', 'roomId'] as const)
      if (badId(source[field])) return `source.${field} is not an id`;
  }
  if (event.type === 'message' && (typeof event.message !== 'object' || event.message === null))
    return 'message event without a message';
  return undefined;
}

/**
 * The platform event id: LINE's `webhookEventId`, the same on every redelivery. Events from before
 * LINE added it fall back to a digest of the event, which a redelivery repeats as well.
 */
export function lineEventId(event: Record<string, unknown>): string {
  return (
    text(event.webhookEventId) ??
    `sha256:${createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 32)}`
  );
}

/**
 * Who wrote and where. A user's own chat is private (chat id = user id); groups and multi-person
 * rooms are groups. A group event without a user id (LINE omits it for some clients) gets a sender id
 * that is unique to the event, so it can never match a registered staff member.
 */
function chatOf(source: webhook.Source | undefined, eventId: string, context: MapContext): Chat | undefined {
  if (!source) return undefined;
  const sender = (id: string): IncomingEvent['sender'] => ({
    id,
    ...(context.displayName !== undefined && { displayName: context.displayName }),
    ...(context.languageHint !== undefined && { languageHint: context.languageHint }),
  });
  const userId = text(source.userId);
  if (source.type === 'user')
    return userId ? { chat: { id: userId, type: 'private' }, sender: sender(userId) } : undefined;
  const groupId =
    source.type === 'group' ? text(source.groupId) : source.type === 'room' ? text(source.roomId) : undefined;
  if (!groupId) return undefined;
  return { chat: { id: groupId, type: 'group' }, sender: sender(userId ?? `anonymous:${eventId}`) };
}

/** The part of a message event the core understands; undefined for kinds it does not (stickers, video, files). */
function messageContent(message: webhook.MessageContent): Partial<IncomingEvent> | undefined {
  const id = text(message.id);
  switch (message.type) {
    case 'text':
      return {
        text: typeof message.text === 'string' ? message.text : '',
        // A staff member quoting a card answers that ticket, as a Telegram reply-to does.
        ...(text(message.quotedMessageId) && { replyToMessageId: text(message.quotedMessageId) }),
      };
    case 'image':
      return id ? { photo: { fileId: id } } : undefined;
    case 'audio': {
      const duration = number(message.duration, 0, 24 * 60 * 60_000);
      return id
        ? {
            audio: {
              fileId: id,
              // LINE records and serves audio as m4a; the download's own type replaces this.
              mimeType: 'audio/x-m4a',
              ...(duration !== undefined && { durationSeconds: Math.round(duration / 1000) }),
            },
          }
        : undefined;
    }
    case 'location': {
      const latitude = number(message.latitude, -90, 90);
      const longitude = number(message.longitude, -180, 180);
      if (latitude === undefined || longitude === undefined) return undefined;
      return {
        location: {
          latitude,
          longitude,
          ...(text(message.title) && { title: text(message.title) }),
          ...(text(message.address) && { address: text(message.address) }),
        },
      };
    }
    default:
      return undefined;
  }
}

/**
 * Translates one LINE webhook event into an IncomingEvent, or undefined for events Linli does not
 * handle (unfollow, leave, stickers, standby-mode events of a module channel…). Never throws on odd
 * input: the body is signed by LINE but its shape is still checked field by field.
 */
export function mapLineEvent(raw: unknown, context: MapContext): IncomingEvent | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const event = raw as webhook.Event;
  // In standby mode another channel (a chat module) is in charge of the conversation.
  if (event.mode === 'standby') return undefined;
  const eventId = lineEventId(raw as Record<string, unknown>);
  const who = chatOf(event.source, eventId, context);
  if (!who) return undefined;
  const at = occurredAt(number(event.timestamp), context.receivedAt);
  // A redelivered event's token is from the first delivery and most likely spent or stale: push instead.
  const token = 'replyToken' in event && !event.deliveryContext?.isRedelivery ? text(event.replyToken) : undefined;
  const replyToken = token ? { replyToken: { token, receivedAt: context.receivedAt.toISOString() } } : {};
  // The common fields are written out, not spread from a shared object in front of the kind's own: in V8
  // an object literal that starts with a spread and goes on with more properties is built slowly (~5 µs,
  // more than the rest of the mapping), and this runs for every event before the webhook's answer.
  const incoming = (kind: IncomingEvent['kind'], fields: Partial<IncomingEvent> = {}): IncomingEvent => ({
    platform: LINE_PLATFORM,
    eventId,
    chat: who.chat,
    sender: who.sender,
    occurredAt: at,
    kind,
    ...fields,
    ...replyToken,
  });

  switch (event.type) {
    case 'message': {
      if (typeof event.message !== 'object' || event.message === null) return undefined;
      const content = messageContent(event.message);
      return content && incoming('message', content);
    }
    case 'postback': {
      const data = text(event.postback?.data);
      return data === undefined ? undefined : incoming('callback', { callbackData: data });
    }
    case 'follow':
      return who.chat.type === 'private' ? incoming('follow') : undefined;
    case 'join':
      return who.chat.type === 'group' ? incoming('join') : undefined;
    default:
      return undefined;
  }
}
