import type { Outbox } from '../outbox/outbox.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { IncomingEvent } from './incoming-event.ts';

/**
 * Messages produced while handling one event, queued in the same transaction. The first message to
 * the event's own chat carries the LINE reply token (usable once).
 */
export class Replies {
  private readonly queued: Array<{
    platform: string;
    chatId: string;
    message: OutgoingMessage;
    ticketId: number | null;
  }> = [];
  private replyTokenUsed = false;
  /** Whether a pressed button was answered (Telegram shows a spinner until it is). */
  answered = false;
  private readonly committed: Array<() => Promise<void>> = [];

  constructor(private readonly event: IncomingEvent | null) {}

  /** The platform of the event being handled, if any. */
  get platform(): string | undefined {
    return this.event?.platform;
  }

  /** A message back to the chat the event came from. */
  reply(message: OutgoingMessage, ticketId: number | null = null): void {
    if (!this.event) throw new Error('Replies.reply needs an event; use to() in jobs');
    // In a group, an answer to the person who just acted goes ahead of the group's routine backlog.
    const lane = this.event.chat.type === 'group' && !message.urgent ? { ...message, interactive: true } : message;
    const withToken =
      !this.replyTokenUsed && this.event.replyToken ? { ...lane, replyToken: this.event.replyToken } : lane;
    if (this.event.replyToken) this.replyTokenUsed = true;
    this.queued.push({ platform: this.event.platform, chatId: this.event.chat.id, message: withToken, ticketId });
  }

  /** Answers a pressed button with a short notice (a Telegram alert); other platforms send it as a message. */
  answerButton(text: string, alert = true): void {
    if (!this.event?.callbackId) {
      // Without button answers (LINE, the console) only a refusal needs saying; a confirmation
      // reaches the chat as the ordinary reply that follows.
      if (alert && text !== '') this.reply({ text });
      return;
    }
    this.answered = true;
    this.queued.push({
      platform: this.event.platform,
      chatId: this.event.chat.id,
      message: { text, callbackAnswer: { id: this.event.callbackId, alert } },
      ticketId: null,
    });
  }

  /** A message to another chat (staff group, another reporter). */
  to(platform: string, chatId: string, message: OutgoingMessage, ticketId: number | null = null): void {
    this.queued.push({ platform, chatId, message, ticketId });
  }

  /**
   * Work that must wait until the turn's changes are committed and must not happen if they roll back
   * (deleting the files of an erasure).
   */
  afterCommit(task: () => Promise<void>): void {
    this.committed.push(task);
  }

  /** Runs the after-commit work, in order; called once the unit of work has committed. */
  async runAfterCommit(): Promise<void> {
    for (const task of this.committed.splice(0)) await task();
  }

  /** Queues everything in the outbox (of the turn's unit of work); returns how many messages. */
  async flush(outbox: Outbox, at: Date): Promise<number> {
    for (const item of this.queued) await outbox.enqueue(item, at);
    return this.queued.length;
  }
}
