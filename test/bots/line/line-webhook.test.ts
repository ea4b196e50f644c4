import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLineAdapter } from '../../../bots/line/index.ts';
import { loadConfig } from '../../../src/config.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { messages } from '../../../src/i18n/index.ts';
import { fetchAttachments } from '../../../src/inbox/fetch-attachments.ts';
import { KyselyAttachmentFiles } from '../../../src/store/attachment-files.ts';
import { startService, type Service } from '../../../src/main.ts';
import { Metrics } from '../../../src/metrics.ts';
import { KyselyMemberStore } from '../../../src/store/member-store.ts';
import { FakeLineApi, type DeliveredMessage } from '../../servers/line-api.ts';

const SECRET = 'line-channel-secret-for-tests';
const TOKEN = 'line-channel-access-token-DO-NOT-LOG';

const sign = (body: string | Buffer) => createHmac('sha256', SECRET).update(body).digest('base64');

type Source = { type: 'user'; userId: string } | { type: 'group'; groupId: string; userId: string };
const user = (userId: string): Source => ({ type: 'user', userId });
const group = (groupId: string, userId: string): Source => ({ type: 'group', groupId, userId });

function lineEvent(
  source: Source,
  fields: Record<string, unknown>,
  options: { eventId?: string; redelivery?: boolean } = {},
) {
  return {
    timestamp: Date.now(),
    mode: 'active',
    webhookEventId: options.eventId ?? `01${randomUUID().replaceAll('-', '').toUpperCase()}`,
    deliveryContext: { isRedelivery: options.redelivery ?? false },
    source,
    ...fields,
  };
}

/** Text of a delivered message, whatever its kind (Flex cards: their alt text). */
function textOf(d: DeliveredMessage): string {
  return String(d.message.text ?? d.message.altText ?? '');
}

describe('LINE adapter, end to end (webhook → inbox → core → outbox → Messaging API)', () => {
  let fake: FakeLineApi;
  let service: Service;
  let dir: string;
  let base: string;
  const logLines: string[] = [];

  const post = async (body: string, signature: string | null = sign(body)) =>
    fetch(`${base}/webhooks/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature !== null && { 'x-line-signature': signature }) },
      body,
    });
  const send = async (...events: object[]) => {
    const response = await post(JSON.stringify({ destination: 'Ubot', events }));
    expect(response.status).toBe(200);
  };
  const inboxCount = async () =>
    Number(
      (
        await service.store.db
          .selectFrom('inbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const ticketOf = async (reference: string) =>
    service.store.db.selectFrom('tickets').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
  const waitForText = (chatId: string, what: string, test: (text: string) => boolean) =>
    fake.waitFor(`${what} in ${chatId}`, () => fake.messagesTo(chatId).find((d) => test(textOf(d))));
  const referenceIn = (text: string) => /[A-Z]{1,3}-\d{4}/.exec(text)?.[0];

  beforeAll(async () => {
    fake = await FakeLineApi.start({ channelAccessToken: TOKEN });
    dir = mkdtempSync(join(tmpdir(), 'linli-line-'));
    const log = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(chunk.toString());
          done();
        },
      }),
    );
    const config = loadConfig({
      DATABASE_URL: `sqlite:${join(dir, 'x.db')}`,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_API_BASE_URL: fake.apiBaseUrl,
      LINE_DATA_API_BASE_URL: fake.dataApiBaseUrl,
      DEFAULT_LOCALE: 'zh-CN',
      LOG_FORMAT: 'json',
    });
    service = await startService(config, log);
    base = `http://127.0.0.1:${service.port}`;
  });

  afterAll(async () => {
    await service?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
    // The access token never reaches a log line.
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('answers LINE’s verification call (no events) with 200 and stores nothing', async () => {
    const before = await inboxCount();
    const body = JSON.stringify({ destination: 'Ubot', events: [] });
    expect((await post(body)).status).toBe(200);
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a tampered body, a forged signature and a missing one with 401, storing nothing', async () => {
    const before = await inboxCount();
    const body = JSON.stringify({
      destination: 'Ubot',
      events: [lineEvent(user('U-forger'), { type: 'message', message: { id: '1', type: 'text', text: '3號樓停水' } })],
    });
    const tampered = body.replace('3號樓', '4號樓');
    expect((await post(tampered, sign(body))).status).toBe(401);
    expect((await post(body, createHmac('sha256', 'guessed').update(body).digest('base64'))).status).toBe(401);
    expect((await post(body, null)).status).toBe(401);
    expect(await inboxCount()).toBe(before);
    expect(fake.messagesTo('U-forger')).toHaveLength(0);
  });

  it('verifies escaped emoji over the raw bytes and keeps the text as written', async () => {
    const body = `{"destination":"Ubot","events":[${JSON.stringify(lineEvent(user('U-emoji'), { type: 'message', message: { id: '2', type: 'text', text: 'EMOJI' } })).replace('EMOJI', '\\ud83d\\ude00 \\u8b1d\\u8b1d')}]}`;
    expect(body).toContain('\\ud83d\\ude00');
    expect((await post(body)).status).toBe(200);
    const row = await service.store.db
      .selectFrom('inbox')
      .select('payload')
      .where('chat_id', '=', 'U-emoji')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload).text).toBe('😀 謝謝');
  });

  it('saves the good events of a body around malformed ones, refuses those on their own and answers 200', async () => {
    const good1 = lineEvent(user('U-around-1'), {
      type: 'message',
      message: { id: '31', type: 'text', text: '7号楼门口路灯坏了' },
    });
    const good2 = lineEvent(user('U-around-2'), {
      type: 'message',
      message: { id: '32', type: 'text', text: '8号楼停水了' },
    });
    // The platform's time is nonsense, the event is not: saved, with the time it was received.
    const farFuture = lineEvent(user('U-around-3'), {
      type: 'message',
      timestamp: 1e300,
      message: { id: '33', type: 'text', text: '9号楼电梯坏了' },
    });
    const malformed = [
      'not an event',
      null,
      { ...good1, webhookEventId: 'NUL\u0000ID', source: user('U-bad-1') },
      { ...good1, webhookEventId: '01BADSOURCE', source: { type: 'user', userId: 42 } },
      { ...good1, webhookEventId: '01BADMESSAGE', source: user('U-bad-2'), message: 'text' },
      { ...good1, webhookEventId: '01HUGEID', source: user(`U${'x'.repeat(5_000)}`) },
    ];
    const body = JSON.stringify({ destination: 'Ubot', events: [good1, ...malformed, farFuture, good2] });
    const before = Date.now();
    const response = await post(body);
    expect(response.status).toBe(200);
    // And a redelivery of the same body changes nothing: still 200, nothing stored twice.
    expect((await post(body)).status).toBe(200);

    const rows = await service.store.db
      .selectFrom('inbox')
      .select(['chat_id', 'payload'])
      .where('chat_id', 'like', 'U-%')
      .execute();
    const chats = rows.map((r) => r.chat_id);
    for (const saved of ['U-around-1', 'U-around-2', 'U-around-3'])
      expect(chats.filter((c) => c === saved)).toHaveLength(1);
    expect(chats.filter((c) => c.startsWith('U-bad') || c.startsWith('Uxxx'))).toEqual([]);
    const occurred = Date.parse(JSON.parse(rows.find((r) => r.chat_id === 'U-around-3')!.payload).occurredAt);
    expect(occurred).toBeGreaterThanOrEqual(before - 1_000);
    expect(occurred).toBeLessThanOrEqual(Date.now());
    for (const chat of ['U-around-1', 'U-around-2', 'U-around-3'])
      await waitForText(chat, 'a receipt', (t) => referenceIn(t) !== undefined);

    // Each refused event is in the log with its JSON, for the operator; twice, as the body came twice.
    const refused = logLines.filter((l) => l.includes('malformed LINE event refused'));
    expect(refused).toHaveLength(2 * malformed.length);
    expect(refused.some((l) => l.includes('01BADSOURCE') && l.includes('source.userId is not an id'))).toBe(true);
    expect(await service.metrics.registry.getSingleMetricAsString('linli_webhook_rejected_total')).toContain(
      `platform="line",reason="invalid-event"} ${2 * malformed.length}`,
    );
  });

  it('handles a redelivered event once: one ticket, one receipt, sent with the fresh reply token', async () => {
    const token = fake.issueReplyToken('U-redeliver');
    const event = lineEvent(
      user('U-redeliver'),
      {
        type: 'message',
        replyToken: token,
        message: { id: '3', type: 'text', text: '12栋的路灯坏了好几天了，晚上很黑' },
      },
      { eventId: '01REDELIVERY0000000000000001' },
    );
    await send(event);
    const receipt = await waitForText('U-redeliver', 'a receipt', (t) => referenceIn(t) !== undefined);
    await send({ ...event, deliveryContext: { isRedelivery: true } });
    await send(event);
    await service.inbox.drain();
    await service.dispatcher.drain();
    const reference = referenceIn(textOf(receipt))!;
    expect(receipt.via).toBe('reply');
    expect(
      fake.calls('/v2/bot/message/reply').some((r) => (r.body as { replyToken: string }).replyToken === token),
    ).toBe(true);
    expect(fake.messagesTo('U-redeliver').filter((d) => textOf(d).includes(reference))).toHaveLength(1);
    const tickets = await service.store.db
      .selectFrom('tickets')
      .select('reference')
      .where('description', 'like', '%12栋的路灯%')
      .execute();
    expect(tickets.map((t) => t.reference)).toEqual([reference]);
    expect(
      Number(
        (
          await service.store.db
            .selectFrom('inbox')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('chat_id', '=', 'U-redeliver')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
  });

  it('delivers after a 429: the dispatcher retries the push with the same retry key', async () => {
    fake.failNext('/v2/bot/message/push', {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { message: 'Too Many Requests' },
    });
    await send(
      lineEvent(user('U-429'), {
        type: 'message',
        message: { id: '4', type: 'text', text: '9号楼门口的大树倒了，挡住了路' },
      }),
    );
    await waitForText('U-429', 'a receipt after the 429', (t) => referenceIn(t) !== undefined);
    const pushes = fake.calls('/v2/bot/message/push').filter((r) => (r.body as { to: string }).to === 'U-429');
    expect(pushes.length).toBeGreaterThanOrEqual(2);
    expect(pushes[1]!.headers['x-line-retry-key']).toBe(pushes[0]!.headers['x-line-retry-key']);
  });

  it('stores a resident’s photo: the content is fetched from the data API', async () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('a small jpeg')]);
    fake.contents.set('555001', { data: photo, mimeType: 'image/jpeg' });
    await send(
      lineEvent(user('U-photo'), {
        type: 'message',
        message: { id: '555001', type: 'image', contentProvider: { type: 'line' } },
      }),
    );
    await waitForText('U-photo', 'the describe prompt', (t) => t !== '');
    await send(
      lineEvent(user('U-photo'), {
        type: 'message',
        message: { id: '5', type: 'text', text: '5號樓樓下的垃圾好幾天沒人清，很臭' },
      }),
    );
    await waitForText('U-photo', 'a receipt', (t) => referenceIn(t) !== undefined);
    expect(
      await fetchAttachments({
        attachments: new KyselyAttachmentFiles(service.store.db),
        adapters: service.adapters,
        dataDir: dir,
        log: pino({ level: 'silent' }),
      }),
    ).toBeGreaterThanOrEqual(1);
    const attachment = await service.store.db
      .selectFrom('attachments')
      .selectAll()
      .where('platform_file_id', '=', '555001')
      .executeTakeFirstOrThrow();
    expect(attachment.mime_type).toBe('image/jpeg');
    expect(readFileSync(attachment.path!)).toEqual(photo);
    const download = fake.calls('/v2/bot/message/555001/content');
    expect(download.map((r) => r.api)).toEqual(['data']);
    expect(download[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('staff Flex card round trip: group joins, card arrives, only staff can acknowledge, residents are told', async () => {
    const { code } = await new KyselyMemberStore(service.store.db).createInvite(
      'staff',
      new Date(Date.now() + 86_400_000),
      new Date(),
    );
    fake.profiles.set('U-wang', { displayName: '王师傅' });
    await send(lineEvent(group('C-staff', 'U-wang'), { type: 'join', replyToken: fake.issueReplyToken('C-staff') }));
    await send(
      lineEvent(group('C-staff', 'U-wang'), {
        type: 'message',
        message: { id: '6', type: 'text', text: `/join ${code}` },
      }),
    );
    // LINE group events carry no name: the adapter asks for the member's, so staff actions show it.
    expect(fake.calls('/v2/bot/group/C-staff/member/U-wang')).toHaveLength(1);
    const s = messages('zh-CN').staff;
    await waitForText('C-staff', 'the group registration', (t) => t === s.joinedGroup(s.roleName.staff));

    await send(
      lineEvent(user('U-resident'), {
        type: 'message',
        message: { id: '7', type: 'text', text: '7栋门口有陌生人在撬电动车' },
      }),
    );
    const receipt = await waitForText('U-resident', 'a receipt', (t) => referenceIn(t) !== undefined);
    const reference = referenceIn(textOf(receipt))!;
    const card = await fake.waitFor('a Flex card in the staff group', () =>
      fake.messagesTo('C-staff').find((d) => d.message.type === 'flex' && textOf(d).includes(reference)),
    );
    const contents = JSON.stringify(card.message.contents);
    const ack = /"data":"(st:ack:\d+)"/.exec(contents)?.[1];
    expect(ack).toBeDefined();
    expect(contents).toContain(`"fillInText":"/reply ${reference} "`);

    // Someone in the group who is not staff presses "acknowledge": refused, nothing changes.
    await send(
      lineEvent(group('C-staff', 'U-stranger'), {
        type: 'postback',
        replyToken: fake.issueReplyToken('C-staff'),
        postback: { data: ack },
      }),
    );
    await service.inbox.drain();
    await service.dispatcher.drain();
    expect((await ticketOf(reference)).status).toBe('open');
    const residentMessages = fake.messagesTo('U-resident').length;

    await send(
      lineEvent(group('C-staff', 'U-wang'), {
        type: 'postback',
        replyToken: fake.issueReplyToken('C-staff'),
        postback: { data: ack },
      }),
    );
    await fake.waitFor(
      'the resident told of the acknowledgement',
      () => fake.messagesTo('U-resident').length > residentMessages,
    );
    expect((await ticketOf(reference)).status).toBe('acknowledged');
    await fake.waitFor('the confirmation in the group, with the name', () =>
      fake.messagesTo('C-staff').find((d) => textOf(d).includes('✅') && textOf(d).includes('王师傅')),
    );
    expect(textOf(fake.messagesTo('U-resident').at(-1)!)).toContain(reference);

    // A staff member quotes the card: the answer goes to the resident, as a Telegram reply-to would.
    await send(
      lineEvent(group('C-staff', 'U-wang'), {
        type: 'message',
        message: { id: '8', type: 'text', text: '保安已经过去了', quotedMessageId: card.id },
      }),
    );
    await waitForText('U-resident', 'the staff answer', (t) => t.includes('保安已经过去了'));
    // And by command, with the reference.
    await send(
      lineEvent(group('C-staff', 'U-wang'), {
        type: 'message',
        message: { id: '9', type: 'text', text: `/reply ${reference} 监控已调取` },
      }),
    );
    await waitForText('U-resident', 'the /reply answer', (t) => t.includes('监控已调取'));
  });

  it('a zh-TW resident from first contact to receipt: welcome and receipt in traditional Chinese', async () => {
    fake.profiles.set('U-taipei', { displayName: '陳太太', language: 'zh-TW' });
    await send(
      lineEvent(user('U-taipei'), {
        type: 'follow',
        replyToken: fake.issueReplyToken('U-taipei'),
        follow: { isUnblocked: false },
      }),
    );
    const welcome = await waitForText('U-taipei', 'a welcome', (t) => t !== '');
    expect(fake.calls('/v2/bot/profile/U-taipei')).toHaveLength(1);
    expect(textOf(welcome)).toBe(
      messages('zh-TW').welcome({ community: service.config.communityName ?? messages('zh-TW').defaultCommunity }),
    );

    await send(
      lineEvent(user('U-taipei'), {
        type: 'message',
        replyToken: fake.issueReplyToken('U-taipei'),
        message: { id: '10', type: 'text', text: '3號樓停水了，已經一整天，家裡有老人' },
      }),
    );
    const receipt = await waitForText('U-taipei', 'a receipt', (t) => referenceIn(t) !== undefined);
    expect(receipt.via).toBe('reply');
    expect(textOf(receipt)).toContain('案件編號');
    expect(textOf(receipt)).not.toMatch(/[编号单处会这们说]/);
  });

  it('a resident whose profile has no language: the first message decides, not the default', async () => {
    await send(
      lineEvent(user('U-kaohsiung'), {
        type: 'follow',
        replyToken: fake.issueReplyToken('U-kaohsiung'),
        follow: { isUnblocked: false },
      }),
    );
    const welcome = await waitForText('U-kaohsiung', 'a welcome', (t) => t !== '');
    expect(textOf(welcome)).toBe(
      messages('zh-CN').welcome({ community: service.config.communityName ?? messages('zh-CN').defaultCommunity }),
    );
    await send(
      lineEvent(user('U-kaohsiung'), {
        type: 'message',
        message: { id: '11', type: 'text', text: '14號樓的電梯壞了，卡在三樓' },
      }),
    );
    const receipt = await waitForText('U-kaohsiung', 'a receipt', (t) => referenceIn(t) !== undefined);
    expect(textOf(receipt)).toContain('案件編號');
  });
});

describe('LINE webhook when the inbox cannot store', () => {
  it('answers 500 so LINE delivers again, and start() survives a rejected token', async () => {
    const fake = await FakeLineApi.start({ channelAccessToken: 'the-real-token' });
    const log = pino({ level: 'silent' });
    const config = loadConfig({
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'a-revoked-token',
      LINE_API_BASE_URL: fake.apiBaseUrl,
      LINE_DATA_API_BASE_URL: fake.dataApiBaseUrl,
    });
    const adapter = createLineAdapter({
      config,
      log,
      metrics: new Metrics(),
      saveIncoming: async () => {
        throw new Error('SQLITE_BUSY: database is locked');
      },
    });
    await adapter.start();
    const http = new HttpServer(log);
    for (const route of adapter.routes) http.add(route);
    const { port } = await http.listen(0, '127.0.0.1');
    try {
      const body = JSON.stringify({
        destination: 'Ubot',
        events: [lineEvent(user('U-busy'), { type: 'message', message: { id: '1', type: 'text', text: '停水' } })],
      });
      const response = await fetch(`http://127.0.0.1:${port}/webhooks/line`, {
        method: 'POST',
        headers: { 'x-line-signature': sign(body) },
        body,
      });
      expect(response.status).toBe(500);
      await fake.waitFor('the token check', () => fake.calls('/v2/bot/info').length > 0);
    } finally {
      await adapter.stop();
      await http.close();
      await fake.close();
    }
  });
});
