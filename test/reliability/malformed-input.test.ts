import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../servers/telegram-api.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { complaintUpdate, inParallel, post, telegramEnv, TELEGRAM_SECRET, TELEGRAM_TOKEN } from './traffic.ts';

const LINE_SECRET = 'line-reliability-channel-secret';
const lineSignature = (body: Buffer, secret = LINE_SECRET) =>
  createHmac('sha256', secret).update(body).digest('base64');

/** A small seeded generator (mulberry32): the same bodies on every run, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Case {
  name: string;
  path: '/webhooks/telegram' | '/webhooks/line';
  body: Buffer;
  headers: Record<string, string>;
  /** Statuses that are right for it. */
  expect: readonly number[];
}

const rand = random(20_261_210);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
const randomBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));

function validUpdate(i: number) {
  return complaintUpdate(50_000 + i, 900 + (i % 50));
}

function lineBody(i: number, text: string): Record<string, unknown> {
  return {
    destination: 'Ubot',
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: `01MALFORMED${i}`,
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId: `U-fuzz-${i % 50}` },
        replyToken: randomUUID().replaceAll('-', ''),
        message: { id: String(i), type: 'text', quoteToken: 'q', text },
      },
    ],
  };
}

/** Bytes that are not UTF-8: a stray continuation byte, 0xff, an overlong '/', a cut-off 3-byte sequence, a lone surrogate. */
const INVALID_UTF8 = [[0x80], [0xff], [0xc0, 0xaf], [0xe5, 0x81], [0xed, 0xa0, 0x80]].map((bytes) =>
  Buffer.from(bytes),
);

/** The JSON of `value` with one string's content replaced by raw invalid bytes. */
function withInvalidUtf8(value: unknown, marker: string): Buffer {
  const [before, after] = JSON.stringify(value).split(marker) as [string, string];
  return Buffer.concat([
    Buffer.from(before),
    Buffer.from('3号楼'),
    pick(INVALID_UTF8),
    Buffer.from('停水'),
    Buffer.from(after),
  ]);
}

/** Puts a wrongly typed value at one place of a valid update. */
function wronglyTyped(i: number): unknown {
  const update = validUpdate(i) as unknown as {
    update_id: unknown;
    message: Record<string, unknown> & { chat: Record<string, unknown>; from: Record<string, unknown> };
  };
  const wrong = pick<unknown>([
    '7',
    -1,
    1.5,
    null,
    {},
    [],
    true,
    'x'.repeat(50),
    { $gt: 0 },
    Number.MAX_SAFE_INTEGER * 4,
  ]);
  switch (int(8)) {
    case 0:
      update.update_id =
        typeof wrong === 'number' && wrong === Number.MAX_SAFE_INTEGER * 4
          ? '1'
          : wrong === -1 || wrong === 1.5
            ? wrong
            : 'abc';
      break;
    case 1:
      update.message = pick<unknown>(['text', 42, [], null, true]) as never;
      break;
    case 2:
      update.message.chat.id = pick<unknown>(['abc', null, {}, 1.5, []]);
      break;
    case 3:
      update.message.text = pick<unknown>([42, {}, [], true]);
      break;
    case 4:
      update.message.date = pick<unknown>(['today', -5, null]);
      break;
    case 5:
      update.message.from.id = pick<unknown>(['me', null, 2.5]);
      break;
    case 6:
      update.message.photo = pick<unknown>(['photo', [{ file_id: 3 }], {}]);
      break;
    default:
      return pick<unknown>([null, [], 1, 'update', true, [validUpdate(i)]]);
  }
  return update;
}

function telegramCases(count: number): Case[] {
  const cases: Case[] = [];
  const secret = { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET };
  for (let i = 0; i < count; i++) {
    const valid = Buffer.from(JSON.stringify(validUpdate(i)));
    switch (i % 6) {
      case 0:
        cases.push({
          name: 'random bytes',
          path: '/webhooks/telegram',
          body: randomBytes(int(2_000)),
          headers: secret,
          expect: [400],
        });
        break;
      case 1:
        cases.push({
          name: 'truncated update',
          path: '/webhooks/telegram',
          body: valid.subarray(0, int(valid.length)),
          headers: secret,
          expect: [400],
        });
        break;
      case 2:
        cases.push({
          name: 'wrongly typed update',
          path: '/webhooks/telegram',
          body: Buffer.from(JSON.stringify(wronglyTyped(i))),
          headers: secret,
          expect: [400],
        });
        break;
      case 3:
        cases.push({
          name: 'invalid UTF-8',
          path: '/webhooks/telegram',
          body: withInvalidUtf8(
            { ...validUpdate(i), message: { ...validUpdate(i).message, text: '@@TEXT@@' } },
            '@@TEXT@@',
          ),
          headers: secret,
          expect: [400],
        });
        break;
      case 4: {
        const forged = pick<Record<string, string>>([
          {},
          { 'x-telegram-bot-api-secret-token': '' },
          { 'x-telegram-bot-api-secret-token': 'wrong' },
          { 'x-telegram-bot-api-secret-token': `${TELEGRAM_SECRET}x` },
          { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET.slice(0, -1) },
          { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET.toUpperCase() },
          { 'x-telegram-bot-api-secret-token': 'a'.repeat(4_000) },
        ]);
        cases.push({
          name: 'forged secret',
          path: '/webhooks/telegram',
          body: valid,
          headers: forged,
          expect: [401, 403],
        });
        break;
      }
      default: {
        // Valid JSON of the wrong shape altogether.
        const body = pick([
          'null',
          '[]',
          '0',
          '"update"',
          'true',
          '{}',
          '{"update_id":',
          '{"update_id":1,"message":{}}',
          ' ',
          '\u0000',
        ]);
        cases.push({
          name: 'not an update',
          path: '/webhooks/telegram',
          body: Buffer.from(body),
          headers: secret,
          expect: [400],
        });
      }
    }
  }
  return cases;
}

function lineCases(count: number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const valid = Buffer.from(JSON.stringify(lineBody(i, `${i % 40}号楼停水了`)));
    const signed = (body: Buffer, name: string): Case => ({
      name,
      path: '/webhooks/line',
      body,
      headers: { 'x-line-signature': lineSignature(body) },
      expect: [400],
    });
    switch (i % 6) {
      case 0:
        cases.push(signed(randomBytes(int(2_000)), 'random bytes'));
        break;
      case 1:
        cases.push(signed(valid.subarray(0, int(valid.length)), 'truncated body'));
        break;
      case 2: {
        const body = pick<unknown>([
          null,
          [],
          1,
          'events',
          { events: 'x' },
          { events: {} },
          { events: null },
          { destination: 'Ubot' },
          { events: 1 },
          [lineBody(i, 'x')],
        ]);
        cases.push(signed(Buffer.from(JSON.stringify(body)), 'wrongly typed body'));
        break;
      }
      case 3:
        cases.push(signed(withInvalidUtf8(lineBody(i, '@@TEXT@@'), '@@TEXT@@'), 'invalid UTF-8'));
        break;
      default: {
        const tampered = Buffer.from(valid);
        const at = int(tampered.length);
        tampered[at] = tampered[at]! ^ 0x01;
        const forged = pick<Record<string, string>>([
          {},
          { 'x-line-signature': '' },
          { 'x-line-signature': lineSignature(valid, 'another-channel-secret') },
          { 'x-line-signature': lineSignature(valid).slice(0, -4) },
          { 'x-line-signature': 'not base64 at all!' },
          { 'x-line-signature': lineSignature(tampered) },
        ]);
        cases.push({
          name: 'forged signature',
          path: '/webhooks/line',
          body: i % 2 === 0 ? tampered : valid,
          headers: i % 2 === 0 ? { 'x-line-signature': lineSignature(valid) } : forged,
          expect: [401],
        });
      }
    }
  }
  return cases;
}

function oversized(): Case[] {
  const big = (path: Case['path']) => {
    const padding = '停'.repeat(400_000); // 1.2 MB of UTF-8
    if (path === '/webhooks/telegram') {
      const update = validUpdate(999);
      return Buffer.from(JSON.stringify({ ...update, message: { ...update.message, text: padding } }));
    }
    return Buffer.from(JSON.stringify(lineBody(999, padding)));
  };
  const telegram = big('/webhooks/telegram');
  const line = big('/webhooks/line');
  return [
    ...Array.from({ length: 4 }, (): Case => ({
      name: 'oversized',
      path: '/webhooks/telegram',
      body: telegram,
      headers: { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
      expect: [413],
    })),
    ...Array.from({ length: 4 }, (): Case => ({
      name: 'oversized',
      path: '/webhooks/line',
      body: line,
      headers: { 'x-line-signature': lineSignature(line) },
      expect: [413],
    })),
  ];
}

describe('malformed webhook bodies against linli serve (Telegram and LINE)', () => {
  let store: TestStore;
  let api: FakeTelegramApi;
  let service: ServiceProcess;

  beforeAll(async () => {
    store = await createTestStore('sqlite');
    api = await FakeTelegramApi.start(TELEGRAM_TOKEN);
    service = await startServiceProcess({
      ...telegramEnv(api, store.config.url),
      LINE_CHANNEL_SECRET: LINE_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'line-reliability-access-token',
      // Nothing listens there: the start-up token check fails quietly; no message is ever sent.
      LINE_API_BASE_URL: 'http://127.0.0.1:9',
      LINE_DATA_API_BASE_URL: 'http://127.0.0.1:9',
    });
  });
  afterAll(async () => {
    await service?.kill9();
    await api?.close();
    await store?.cleanup();
  });

  it('answers every malformed, forged or oversized body with a 4xx, stores nothing and stays up', async () => {
    const inboxBefore = await store.db.selectFrom('inbox').select('id').execute();
    expect(inboxBefore).toEqual([]);
    const cases = [...telegramCases(1_500), ...lineCases(1_500), ...oversized()];
    const wrong: string[] = [];
    await inParallel(cases, 16, async (c) => {
      const status = await post(`${service.url}${c.path}`, c.body, c.headers);
      if (!c.expect.includes(status))
        wrong.push(
          `${c.path} ${c.name}: ${status}, expected ${c.expect.join(' or ')} (body ${JSON.stringify(c.body.subarray(0, 120).toString('latin1'))})`,
        );
    });
    expect(wrong.slice(0, 20), `${wrong.length} of ${cases.length} answers were wrong`).toEqual([]);

    expect(service.alive()).toBe(true);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    for (const table of ['inbox', 'outbox', 'tickets', 'residents'] as const) {
      expect(await store.db.selectFrom(table).select('id').execute(), `rows in ${table}`).toEqual([]);
    }
    // The service logged no failure of its own (a 500 would have been logged as "request failed").
    expect(service.output.stderr).not.toMatch(/"level":(50|60)/);

    // And it still takes a real update afterwards.
    const real = validUpdate(1);
    expect(
      await post(`${service.url}/webhooks/telegram`, JSON.stringify(real), {
        'x-telegram-bot-api-secret-token': TELEGRAM_SECRET,
      }),
    ).toBe(200);
    expect(await store.db.selectFrom('inbox').select('event_id').execute()).toEqual([
      { event_id: String(real.update_id) },
    ]);
  });
});
