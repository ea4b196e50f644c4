import { createHash } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import type { IncomingEvent } from '../../src/intake/incoming-event.ts';

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

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The platform event id: LINE's `webhookEventId`, the same on every redelivery. Events from before
 * LINE added it fall back to a digest of the event, which a redelivery repeats as well.
 */
export function lineEventId(event: Record<string, unknown>): string {
  return text(event.webhookEventId) ?? `sha256:${createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 32)}`;
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
  if (source.type === 'user') return userId ? { chat: { id: userId, type: 'private' }, sender: sender(userId) } : undefined;
  const groupId = source.type === 'group' ? text(source.groupId) : source.type === 'room' ? text(source.roomId) : undefined;
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
        ...(text(message.quotedMessageId) && { replyToMessageId: message.quotedMessageId }),
      };
    case 'image':
      return id ? { photo: { fileId: id } } : undefined;
    case 'audio': {
      const duration = number(message.duration);
      return id ? { audio: { fileId: id, ...(duration !== undefined && { durationSeconds: Math.round(duration / 1000) }) } } : undefined;
    }
    case 'location': {
      const latitude = number(message.latitude);
      const longitude = number(message.longitude);
      if (latitude === undefined || longitude === undefined) return undefined;
      return {
        location: { latitude, longitude, ...(text(message.title) && { title: message.title }), ...(text(message.address) && { address: message.address }) },
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
  const timestamp = number(event.timestamp);
  const base = {
    platform: LINE_PLATFORM,
    eventId,
    ...who,
    occurredAt: new Date(timestamp ?? context.receivedAt.getTime()).toISOString(),
  };
  // A redelivered event's token is from the first delivery and most likely spent or stale: push instead.
  const token = 'replyToken' in event && !event.deliveryContext?.isRedelivery ? text(event.replyToken) : undefined;
  const replyToken = token ? { replyToken: { token, receivedAt: context.receivedAt.toISOString() } } : {};

  switch (event.type) {
    case 'message': {
      if (typeof event.message !== 'object' || event.message === null) return undefined;
      const content = messageContent(event.message);
      return content && { ...base, kind: 'message', ...content, ...replyToken };
    }
    case 'postback': {
      const data = text(event.postback?.data);
      return data === undefined ? undefined : { ...base, kind: 'callback', callbackData: data, ...replyToken };
    }
    case 'follow':
      return who.chat.type === 'private' ? { ...base, kind: 'follow', ...replyToken } : undefined;
    case 'join':
      return who.chat.type === 'group' ? { ...base, kind: 'join', ...replyToken } : undefined;
    default:
      return undefined;
  }
}
