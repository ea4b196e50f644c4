import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { Database, OutboxRow } from './schema.ts';
import { toDbTime } from './time.ts';
import type { Deliveries, Outbox, OutboxItem, QueuedMessage } from '../outbox/outbox.ts';

export type { OutboxItem, QueuedMessage } from '../outbox/outbox.ts';

/**
 * Button answers, urgent alerts and answers to what someone in a group just did travel in lanes of
 * their own, so they are not held up behind routine messages to the same chat (a busy staff group is
 * rate-limited to 20 messages a minute).
 */
export function laneOf(message: OutgoingMessage): 'answer' | 'urgent' | 'reply' | 'chat' {
  if (message.callbackAnswer) return 'answer';
  if (message.urgent) return 'urgent';
  return message.interactive ? 'reply' : 'chat';
}

function outboxRowToItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    platform: row.platform,
    chatId: row.chat_id,
    message: JSON.parse(row.payload) as OutgoingMessage,
    attempts: row.attempts,
    retryKey: row.retry_key,
    ticketId: row.ticket_id,
    createdAt: new Date(row.created_at),
  };
}

/**
 * The outbox: messages are written here in the same transaction as the change that caused them, and a
 * dispatcher delivers them later. Construct it on the caller's transaction.
 */
export class KyselyOutboxStore implements Outbox, Deliveries {
  constructor(private readonly db: Kysely<Database>) {}

  /** Queues a message; returns false when its dedupe key was already queued. */
  async enqueue(item: QueuedMessage, at: Date): Promise<boolean> {
    const now = toDbTime(at);
    const result = await this.db
      .insertInto('outbox')
      .values({
        platform: item.platform,
        chat_id: item.chatId,
        payload: JSON.stringify(item.message),
        lane: laneOf(item.message),
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        locked_until: null,
        last_error: null,
        retry_key: randomUUID(),
        dedupe_key: item.dedupeKey ?? null,
        ticket_id: item.ticketId ?? null,
        platform_message_id: null,
        created_at: now,
        sent_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async load(id: number): Promise<OutboxItem | undefined> {
    const row = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row && outboxRowToItem(row);
  }

  async setPlatformMessageId(id: number, platformMessageId: string): Promise<void> {
    await this.db.updateTable('outbox').set({ platform_message_id: platformMessageId }).where('id', '=', id).execute();
  }

  /** The ticket whose message (a staff card, usually) has this platform message id in this chat. */
  async ticketOfMessage(platform: string, chatId: string, platformMessageId: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('outbox')
      .select('ticket_id')
      .where('platform', '=', platform)
      .where('chat_id', '=', chatId)
      .where('platform_message_id', '=', platformMessageId)
      .executeTakeFirst();
    return row?.ticket_id ?? undefined;
  }

  /** Messages to a chat, oldest first (tests and the console use it). */
  async forChat(platform: string, chatId: string): Promise<Array<OutboxItem & { status: string }>> {
    const rows = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('platform', '=', platform)
      .where('chat_id', '=', chatId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ ...outboxRowToItem(row), status: row.status }));
  }
}
