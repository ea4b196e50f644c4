import type { OutgoingMessage } from './outgoing-message.ts';

export interface QueuedMessage {
  platform: string;
  chatId: string;
  message: OutgoingMessage;
  ticketId?: number | null;
  /** A logical message with this key is queued once, however often it is asked for. */
  dedupeKey?: string;
}

/**
 * The outbox, as the use cases see it: messages queued in the same unit of work as the change that
 * caused them, delivered later by the dispatcher.
 */
export interface Outbox {
  /** Queues a message; false when its dedupe key was already queued. */
  enqueue(item: QueuedMessage, at: Date): Promise<boolean>;
  /** The ticket whose message (a staff card, usually) has this platform message id in this chat. */
  ticketOfMessage(platform: string, chatId: string, platformMessageId: string): Promise<number | undefined>;
  /** Messages to a chat, oldest first, with their delivery status (`pending`, `sent`, `failed`). */
  forChat(platform: string, chatId: string): Promise<Array<{ message: OutgoingMessage; status: string }>>;
}

/** A queued message as the dispatcher delivers it. */
export interface OutboxItem {
  id: number;
  platform: string;
  chatId: string;
  message: OutgoingMessage;
  attempts: number;
  retryKey: string;
  ticketId: number | null;
  createdAt: Date;
}

/** The outbox, as the dispatcher sees it (the queue itself is a `WorkQueue`). */
export interface Deliveries {
  load(id: number): Promise<OutboxItem | undefined>;
  /** Remembers what the platform called a sent message (a staff card, to find its ticket on a reply). */
  setPlatformMessageId(id: number, platformMessageId: string): Promise<void>;
}
