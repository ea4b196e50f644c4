import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';
import type { FakeTelegramApi } from '../servers/telegram-api.ts';

/*
 * What the reliability tests send and count: Telegram updates as the Bot API posts them, posts that
 * record the status (0 when the connection failed), and the state of the queues and tickets.
 */

export const TELEGRAM_TOKEN = '123456789:AAreliability-token_0123';
export const TELEGRAM_SECRET = 'reliability_webhook_secret-7';

const COMPLAINTS = [
  '停水了一整天',
  '电梯坏了',
  '门口路灯不亮',
  '楼道垃圾没人清理',
  '门禁坏了陌生人随便进',
  '旁边的树枯死了',
];

/**
 * A resident's complaint with a building of its own (`resident` is also the building number), so no
 * two complaints are the same problem: each must become one ticket and one receipt.
 */
export function complaintUpdate(updateId: number, resident: number) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      from: { id: resident, is_bot: false, first_name: `居民${resident}`, language_code: 'zh-hans' },
      chat: { id: resident, type: 'private', first_name: `居民${resident}` },
      text: `${resident}号楼${COMPLAINTS[resident % COMPLAINTS.length]}`,
    },
  };
}

/** Posts a body to `url` and returns the status, or 0 when no answer came (refused, reset). */
export async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<number> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Posts a Telegram update to a service's webhook with the right secret. */
export function postUpdate(baseUrl: string, update: unknown): Promise<number> {
  return post(`${baseUrl}/webhooks/telegram`, JSON.stringify(update), {
    'x-telegram-bot-api-secret-token': TELEGRAM_SECRET,
  });
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** The environment of a `linli serve` child in Telegram webhook mode against a fake Bot API. */
export function telegramEnv(api: FakeTelegramApi, databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: api.url,
    PUBLIC_URL: 'https://linli.example.org',
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    CLASSIFIER: 'offline',
  };
}

/** Rows per status in a queue table. */
export async function statusCounts(db: Kysely<Database>, table: 'inbox' | 'outbox'): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom(table)
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Whether every inbox event is handled and every outbox message is out of the queue (sent or failed). */
export async function settled(db: Kysely<Database>, expectedInbox: number): Promise<boolean> {
  const inbox = await statusCounts(db, 'inbox');
  const outbox = await statusCounts(db, 'outbox');
  return (inbox.done ?? 0) === expectedInbox && Object.keys(inbox).length === 1 && (outbox.pending ?? 0) === 0;
}

/** Messages the fake Bot API accepted (answered with a message) for a chat, in the order it got them. */
export function acceptedTexts(api: FakeTelegramApi, chatId: number | string): string[] {
  return api
    .sentTo(chatId)
    .filter((call) => call.result !== undefined)
    .map((call) => String(call.params.text ?? call.params.caption ?? ''));
}

/**
 * The tickets each Telegram chat reported (its references), through the resident behind the chat.
 * Every complaint update here comes from a chat of its own, so these are the tickets of that update.
 */
export async function ticketsByChat(db: Kysely<Database>): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('tickets')
    .innerJoin('ticket_reporters', 'ticket_reporters.ticket_id', 'tickets.id')
    .innerJoin('resident_identities', 'resident_identities.resident_id', 'ticket_reporters.resident_id')
    .select(['resident_identities.chat_id', 'tickets.reference'])
    .where('resident_identities.platform', '=', 'telegram')
    .orderBy('tickets.id')
    .execute();
  const byChat = new Map<string, string[]>();
  for (const row of rows) byChat.set(row.chat_id, [...(byChat.get(row.chat_id) ?? []), row.reference]);
  return byChat;
}

/** How many tickets exist. */
export async function ticketCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('tickets')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
