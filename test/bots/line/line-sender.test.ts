import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { messagingApi } from '@line/bot-sdk';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatLimiter } from '../../../bots/line/chat-limiter.ts';
import { LineSender } from '../../../bots/line/line-sender.ts';
import { FakeLineApi } from '../../servers/line-api.ts';

const TOKEN = 'line-access-token-SECRET-123';

describe('LineSender', () => {
  let fake: FakeLineApi;
  const logLines: string[] = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  let clock = Date.now();

  const sender = (options: { timeoutMs?: number; token?: string; baseURL?: string } = {}) =>
    new LineSender({
      client: new messagingApi.MessagingApiClient({
        channelAccessToken: options.token ?? TOKEN,
        baseURL: options.baseURL ?? fake.apiBaseUrl,
      }),
      log,
      texts: { replyButton: '回覆住戶', recordingLink: (url) => url },
      timeoutMs: options.timeoutMs ?? 2_000,
      limiter: new ChatLimiter(0, () => clock),
      now: () => clock,
    });
  const context = (retryKey: string = randomUUID()) => ({ retryKey, attempt: 1 });

  beforeAll(async () => {
    fake = await FakeLineApi.start({ channelAccessToken: TOKEN });
  });
  afterAll(async () => {
    await fake.close();
  });
  afterEach(() => {
    clock = Date.now();
    // No reason, result or log line may ever show the access token.
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('replies with a fresh reply token, once, and returns the sent message id', async () => {
    const s = sender();
    const token = fake.issueReplyToken('U-reply');
    const replyToken = { token, receivedAt: new Date(clock - 5_000).toISOString() };
    const first = await s.send('U-reply', { text: '已登記', replyToken }, context());
    expect(first.kind).toBe('sent');
    expect(fake.calls('/v2/bot/message/reply')).toHaveLength(1);
    expect(first).toEqual({ kind: 'sent', platformMessageId: fake.messagesTo('U-reply')[0]!.id });

    const second = await s.send('U-reply', { text: '第二則', replyToken }, context());
    expect(second.kind).toBe('sent');
    expect(fake.calls('/v2/bot/message/reply')).toHaveLength(1);
    expect(fake.messagesTo('U-reply').map((d) => d.via)).toEqual(['reply', 'push']);
  });

  it('pushes with X-Line-Retry-Key when the reply token is older than 50 seconds', async () => {
    const retryKey = randomUUID();
    const replyToken = { token: fake.issueReplyToken('U-late'), receivedAt: new Date(clock - 55_000).toISOString() };
    const result = await sender().send('U-late', { text: '已登記' }, context(retryKey));
    expect(result.kind).toBe('sent');
    const late = await sender().send('U-late', { text: '遲到的回覆', replyToken }, context(randomUUID()));
    expect(late.kind).toBe('sent');
    const pushes = fake.calls('/v2/bot/message/push').filter((r) => (r.body as { to: string }).to === 'U-late');
    expect(pushes).toHaveLength(2);
    expect(pushes[0]!.headers['x-line-retry-key']).toBe(retryKey);
    expect(fake.messagesTo('U-late').every((d) => d.via === 'push')).toBe(true);
  });

  it('falls back to a push when LINE refuses the reply token', async () => {
    const replyToken = { token: 'never-issued', receivedAt: new Date(clock).toISOString() };
    const result = await sender().send('U-refused', { text: '你好' }, context());
    expect(result.kind).toBe('sent');
    const again = await sender().send('U-refused', { text: '你好', replyToken }, context());
    expect(again.kind).toBe('sent');
    expect(fake.messagesTo('U-refused').map((d) => d.via)).toEqual(['push', 'push']);
  });

  it('counts a 409 for a retry key already accepted as delivered, with the first message id', async () => {
    const key = randomUUID();
    const first = await sender().send('U-409', { text: '收到' }, context(key));
    const retry = await sender().send('U-409', { text: '收到' }, context(key));
    expect(retry).toEqual(first);
    expect(fake.calls('/v2/bot/message/push').filter((r) => r.headers['x-line-retry-key'] === key)).toHaveLength(2);
    expect(fake.messagesTo('U-409')).toHaveLength(1);
  });

  it('retries after a timeout, and the retry of a push LINE had accepted is a 409, not a second message', async () => {
    const key = randomUUID();
    fake.failNext('/v2/bot/message/push', { hang: true, accept: true });
    const lost = await sender({ timeoutMs: 200 }).send('U-lost', { text: '收到' }, context(key));
    expect(lost).toMatchObject({ kind: 'retry', reason: expect.stringContaining('longer than 200 ms') });
    const retry = await sender().send('U-lost', { text: '收到' }, context(key));
    expect(retry.kind).toBe('sent');
    expect(fake.messagesTo('U-lost')).toHaveLength(1);
  });

  it('retries a 429 after Retry-After and pauses every chat meanwhile', async () => {
    const s = sender();
    fake.failNext('/v2/bot/message/push', {
      status: 429,
      headers: { 'retry-after': '2' },
      body: { message: 'Too Many Requests' },
    });
    expect(await s.send('U-429', { text: 'a' }, context())).toEqual({
      kind: 'retry',
      reason: 'LINE 429: Too Many Requests',
      afterMs: 2000,
    });
    const before = fake.requests.length;
    const paused = await s.send('U-other', { text: 'b' }, context());
    expect(paused).toMatchObject({ kind: 'retry' });
    expect(fake.requests.length).toBe(before);
    clock += 2_001;
    expect((await s.send('U-429', { text: 'a' }, context())).kind).toBe('sent');
  });

  it('retries 5xx and network errors; records 400 and 403 as failed with LINE’s reason', async () => {
    fake.failNext('/v2/bot/message/push', { status: 500, body: { message: 'Internal error' } });
    expect(await sender().send('U-err', { text: 'a' }, context())).toMatchObject({
      kind: 'retry',
      reason: 'LINE 500: Internal error',
    });
    fake.failNext('/v2/bot/message/push', {
      status: 403,
      body: { message: "The user hasn't added the LINE Official Account as a friend." },
    });
    expect(await sender().send('U-err', { text: 'a' }, context())).toEqual({
      kind: 'failed',
      reason: "LINE 403: The user hasn't added the LINE Official Account as a friend.",
    });
    expect(await sender().send('U-err', { text: 'x'.repeat(10) }, context('not-a-uuid'))).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('LINE 400'),
    });
    const offline = await sender({ baseURL: 'http://127.0.0.1:9' }).send('U-err', { text: 'a' }, context());
    expect(offline).toMatchObject({ kind: 'retry', reason: expect.stringContaining('network error') });
  });

  it('keeps a wrong access token out of its answer and retries later (an operator can fix it)', async () => {
    const result = await sender({ token: 'wrong-token-XYZ' }).send('U-auth', { text: 'a' }, context());
    expect(result).toMatchObject({ kind: 'retry', reason: expect.stringContaining('LINE 401') });
    expect(JSON.stringify(result)).not.toContain('wrong-token-XYZ');
    expect(logLines.join('\n')).not.toContain('wrong-token-XYZ');
  });

  it('sends long text in pieces within LINE’s limits and quick replies LINE accepts', async () => {
    const result = await sender().send(
      'U-long',
      {
        text: '水'.repeat(12_000),
        buttons: [
          [
            { label: '1號樓', data: 'place:b:1' },
            { label: '跳過', data: 'place:skip' },
          ],
        ],
        style: 'quick-replies',
      },
      context(),
    );
    expect(result.kind).toBe('sent');
    const sent = fake.messagesTo('U-long');
    expect(sent.map((d) => (d.message.text as string).length)).toEqual([5000, 5000, 2000]);
    expect(sent[2]!.message.quickReply).toBeDefined();
    expect(result).toEqual({ kind: 'sent', platformMessageId: sent[2]!.id });
  });

  it('answers a button press only with an alert worth reading', async () => {
    expect(await sender().send('C-group', { text: '', callbackAnswer: { id: 'x', alert: false } }, context())).toEqual({
      kind: 'sent',
    });
    expect(
      await sender().send('C-group', { text: '已受理', callbackAnswer: { id: 'x', alert: false } }, context()),
    ).toEqual({ kind: 'sent' });
    expect(fake.messagesTo('C-group')).toHaveLength(0);
    expect(
      (
        await sender().send(
          'C-group',
          { text: '只有工作人員可以操作', callbackAnswer: { id: 'x', alert: true } },
          context(),
        )
      ).kind,
    ).toBe('sent');
    expect(fake.messagesTo('C-group').map((d) => d.message)).toEqual([{ type: 'text', text: '只有工作人員可以操作' }]);
  });
});
