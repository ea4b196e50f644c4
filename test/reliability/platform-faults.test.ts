import { messagingApi } from '@line/bot-sdk';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatLimiter } from '../../bots/line/chat-limiter.ts';
import { LineSender } from '../../bots/line/line-sender.ts';
import { BotApi } from '../../bots/telegram/bot-api.ts';
import { TelegramRateLimiter } from '../../bots/telegram/rate-limiter.ts';
import { TelegramSender } from '../../bots/telegram/telegram-sender.ts';
import type { OutgoingMessage, Sender, SendResult } from '../../src/outbox/outgoing-message.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import { KyselyOutboxStore } from '../../src/store/outbox-store.ts';
import { fromDbTime, toDbTime } from '../../src/store/time.ts';
import { FakeLineApi } from '../servers/line-api.ts';
import { FakeTelegramApi } from '../servers/telegram-api.ts';
import { FakeClock } from '../support/core-harness.ts';
import { createTestStore, DIALECTS } from '../support/databases.ts';
import { TELEGRAM_TOKEN } from './traffic.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';

const LINE_TOKEN = 'line-reliability-access-token';
/** Long enough for a loopback answer, short enough that a hung call costs little. */
const CALL_TIMEOUT_MS = 400;
const PER_CHAT = 6;

/** One attempt the dispatcher made, on the dispatcher's clock. */
interface Attempt {
  retryKey: string;
  chatId: string;
  text: string;
  at: number;
  result: SendResult;
}

/** Our Sender port around a real sender: records each attempt and its result. */
class ObservedSender implements Sender {
  readonly platform: string;
  constructor(
    private readonly inner: Sender,
    private readonly attempts: Attempt[],
    private readonly clock: FakeClock,
  ) {
    this.platform = inner.platform;
  }

  async send(
    chatId: string,
    message: OutgoingMessage,
    context: { retryKey: string; attempt: number },
  ): Promise<SendResult> {
    const at = this.clock.current.getTime();
    const result = await this.inner.send(chatId, message, context);
    this.attempts.push({ retryKey: context.retryKey, chatId, text: message.text, at, result });
    return result;
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: outbox delivery through platform API faults`, () => {
    const cleanups: Array<() => Promise<unknown>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
      cleanups.length = 0;
    });

    it('delivers every message exactly once or records it failed with the reason, in order per chat', async () => {
      const store = await createTestStore(dialect);
      cleanups.push(() => store.cleanup());
      const telegram = await FakeTelegramApi.start(TELEGRAM_TOKEN);
      cleanups.push(() => telegram.close());
      const line = await FakeLineApi.start({ channelAccessToken: LINE_TOKEN });
      cleanups.push(() => line.close());
      const clock = new FakeClock();
      const log = pino({ level: 'silent' });
      const attempts: Attempt[] = [];
      const unlimited = { chatBurst: 1_000, chatPerSecond: 1_000, groupPerMinute: 1_000, overallPerSecond: 1_000 };
      const senders = [
        new TelegramSender(new BotApi(TELEGRAM_TOKEN, telegram.url, CALL_TIMEOUT_MS), log, {
          limiter: new TelegramRateLimiter(unlimited),
        }),
        new LineSender({
          client: new messagingApi.MessagingApiClient({ channelAccessToken: LINE_TOKEN, baseURL: line.apiBaseUrl }),
          log,
          texts: { replyButton: '回复', recordingLink: (url) => url },
          timeoutMs: CALL_TIMEOUT_MS,
          limiter: new ChatLimiter(0, () => clock.current.getTime()),
          now: () => clock.current.getTime(),
        }),
      ].map((sender) => new ObservedSender(sender, attempts, clock));
      const dispatcher = createDispatcher({ unitOfWork: new KyselyUnitOfWork(store.db), senders, log, now: clock.now });

      const telegramChats = ['1101', '1102', '1103', '1104'];
      const lineChats = ['U-line-1', 'U-line-2', 'U-line-3'];
      const outbox = new KyselyOutboxStore(store.db);
      for (let n = 1; n <= PER_CHAT; n++) {
        for (const chatId of telegramChats)
          await outbox.enqueue({ platform: 'telegram', chatId, message: { text: `${chatId} 第${n}条` } }, clock.now());
        for (const chatId of lineChats)
          await outbox.enqueue({ platform: 'line', chatId, message: { text: `${chatId} 第${n}条` } }, clock.now());
      }

      // Telegram: a blocked user (every send 403), rate limits, server errors, calls that never answer,
      // and one message refused for good in a chat that otherwise works.
      telegram.block('1104');
      telegram.fail('sendMessage', { status: 429, retryAfter: 30 }, 2);
      telegram.fail('sendMessage', { status: 500 }, 3, { skip: 2 });
      telegram.fail('sendMessage', { hang: true }, 2, { skip: 3 });
      telegram.fail('sendMessage', { status: 502 }, 1, { skip: 1 });
      telegram.fail('sendMessage', { status: 403, description: 'Forbidden: bot was kicked from the group chat' }, 1, {
        skip: 4,
      });
      // LINE: 429 with Retry-After, 5xx, a push LINE accepts but whose answer is lost, a 403.
      // (The 403 comes first: after the lost answer, LINE's answer to the retry is the 409 of its key.)
      line.failNext('/v2/bot/message/push', { status: 403, body: { message: 'The user has blocked this account' } });
      line.failNext('/v2/bot/message/push', {
        status: 429,
        headers: { 'retry-after': '30' },
        body: { message: 'Too many requests' },
      });
      line.failNext('/v2/bot/message/push', { status: 500 }, 2);
      line.failNext('/v2/bot/message/push', { hang: true, accept: true });
      line.failNext('/v2/bot/message/push', { status: 503 });
      line.failNext('/v2/bot/message/push', { hang: true });

      // Deliver what is due; when nothing is, jump the clock to the next retry, as time would pass. Bounded.
      for (let round = 0; round < 200; round++) {
        if ((await dispatcher.drain()) > 0) continue;
        const next = await store.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.min('next_attempt_at').as('at'))
          .where('status', '=', 'pending')
          .where('next_attempt_at', '>', toDbTime(clock.now()))
          .executeTakeFirst();
        if (next?.at == null) break;
        clock.current = fromDbTime(String(next.at));
      }

      const rows = await store.db
        .selectFrom('outbox')
        .select(['id', 'platform', 'chat_id', 'payload', 'status', 'last_error'])
        .orderBy('id')
        .execute();
      expect(rows).toHaveLength((telegramChats.length + lineChats.length) * PER_CHAT);
      expect(rows.filter((r) => r.status !== 'sent' && r.status !== 'failed')).toEqual([]);
      const textOf = (row: (typeof rows)[number]) => (JSON.parse(row.payload) as OutgoingMessage).text;

      // Failed for good only on a permanent refusal, with the platform's reason.
      for (const row of rows.filter((r) => r.status === 'failed')) expect(row.last_error).toMatch(/403/);
      expect(rows.filter((r) => r.chat_id === '1104').every((r) => r.status === 'failed')).toBe(true);
      const failures = rows.filter((r) => r.status === 'failed').map((r) => r.last_error ?? '');
      expect(failures.filter((e) => e.includes('kicked'))).toHaveLength(1);
      expect(failures.filter((e) => e.includes('blocked this account'))).toHaveLength(1);
      expect(failures.filter((e) => e.includes('blocked by the user')).length).toBeGreaterThanOrEqual(PER_CHAT - 1);
      expect(failures).toHaveLength(rows.filter((r) => r.chat_id === '1104' || r.status === 'failed').length);

      // Each chat got each sent message exactly once, in the order it was queued.
      for (const chatId of telegramChats) {
        const sent = rows.filter((r) => r.chat_id === chatId && r.status === 'sent').map(textOf);
        const received = telegram
          .sentTo(chatId)
          .filter((c) => c.result !== undefined)
          .map((c) => String(c.params.text));
        expect(received, `Telegram chat ${chatId}`).toEqual(sent);
      }
      for (const chatId of lineChats) {
        const sent = rows.filter((r) => r.chat_id === chatId && r.status === 'sent').map(textOf);
        const received = line.messagesTo(chatId).map((d) => String(d.message.text));
        expect(received, `LINE chat ${chatId}`).toEqual(sent);
      }

      // Every fault was met, and a rate-limited message waited what the platform asked before its retry.
      const reasons = attempts
        .filter((a) => a.result.kind !== 'sent')
        .map((a) => (a.result as { reason: string }).reason);
      for (const expected of [
        /^429 /,
        /^500 /,
        /^502 /,
        /timed out/,
        /^403 .*blocked/,
        /^403 .*kicked/,
        /LINE 429/,
        /LINE 500/,
        /LINE 503/,
        /LINE push took longer/,
        /LINE 403/,
      ]) {
        expect(
          reasons.some((r) => expected.test(r)),
          `an attempt failing with ${expected}`,
        ).toBe(true);
      }
      const rateLimited = attempts.filter((a) => a.result.kind === 'retry' && /429/.test(a.result.reason));
      expect(rateLimited.length).toBeGreaterThanOrEqual(3);
      for (const limited of rateLimited) {
        const asked = (limited.result as { afterMs?: number }).afterMs;
        // The platform's own 429 asks 30 s; LINE's pause of every chat asks what is left of it.
        if (/^(LINE )?429/.test((limited.result as { reason: string }).reason)) expect(asked).toBe(30_000);
        expect(asked).toBeGreaterThan(0);
        const next = attempts.find((a) => a.retryKey === limited.retryKey && a.at > limited.at);
        expect(next, `a retry of ${limited.text}`).toBeDefined();
        expect(next!.at - limited.at).toBeGreaterThanOrEqual(asked!);
      }
    });
  });
}
