import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BotApi } from '../../../bots/telegram/bot-api.ts';
import { fetchTelegramFile, MAX_DOWNLOAD_BYTES } from '../../../bots/telegram/fetch-file.ts';
import { TelegramRateLimiter } from '../../../bots/telegram/rate-limiter.ts';
import { TelegramSender } from '../../../bots/telegram/telegram-sender.ts';
import { FakeTelegramApi } from '../../servers/telegram-api.ts';
import { failure, memoryLogger, TOKEN } from './harness.ts';

describe('TelegramSender', () => {
  let api: FakeTelegramApi;
  const { log, lines } = memoryLogger();
  const unlimited = () =>
    new TelegramRateLimiter({ chatBurst: 1000, chatPerSecond: 1000, groupPerMinute: 1000, overallPerSecond: 1000 });
  const sender = (timeoutMs = 2_000) =>
    new TelegramSender(new BotApi(TOKEN, api.url, timeoutMs), log, { limiter: unlimited() });
  const ctx = (retryKey = `k-${Math.random()}`) => ({ retryKey, attempt: 1 });

  beforeAll(async () => {
    api = await FakeTelegramApi.start(TOKEN);
  });
  afterAll(async () => {
    await api.close();
  });
  afterEach(() => {
    expect(lines.join('')).not.toContain(TOKEN.split(':')[1]);
  });

  it('sends plain text with an inline keyboard and returns the message id', async () => {
    const result = await sender().send(
      '1001',
      {
        text: '请问在哪里？<b>不是HTML</b> *也不是markdown*',
        buttons: [[{ label: '3号楼', data: 'place:b:3' }], [{ label: '跳过', data: 'place:skip' }]],
      },
      ctx(),
    );
    expect(result.kind).toBe('sent');
    const [call] = api.sentTo(1001).slice(-1);
    expect(call!.params.parse_mode).toBeUndefined();
    expect(call!.params.text).toBe('请问在哪里？<b>不是HTML</b> *也不是markdown*');
    expect(call!.params.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: '3号楼', callback_data: 'place:b:3' }],
        [{ text: '跳过', callback_data: 'place:skip' }],
      ],
    });
    expect(result).toEqual({ kind: 'sent', platformMessageId: '101' });
  });

  it('splits text over 4096 characters in order, keyboard on the last part, and returns the last id', async () => {
    const chat = '1002';
    const paragraph = `${'邻'.repeat(3000)}\n`;
    const text = `${paragraph}${paragraph}${paragraph}end`;
    const result = await sender().send(chat, { text, buttons: [[{ label: 'OK', data: 'x' }]] }, ctx());
    const sent = api.sentTo(chat);
    expect(sent).toHaveLength(3);
    expect(sent.map((c) => String(c.params.text)).join('\n')).toBe(text);
    expect(sent.every((c) => String(c.params.text).length <= 4096)).toBe(true);
    expect(sent.map((c) => c.params.reply_markup !== undefined)).toEqual([false, false, true]);
    expect(result).toEqual({ kind: 'sent', platformMessageId: '103' });
  });

  it('leaves out a button whose data is over 64 bytes instead of losing the message', async () => {
    const result = await sender().send(
      '1003',
      {
        text: 'x',
        buttons: [
          [
            { label: 'long', data: `place:s:${'花园'.repeat(20)}` },
            { label: 'ok', data: 'place:skip' },
          ],
        ],
      },
      ctx(),
    );
    expect(result.kind).toBe('sent');
    expect(api.sentTo('1003')[0]!.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'ok', callback_data: 'place:skip' }]],
    });
  });

  it('answers a button press with answerCallbackQuery and show_alert as asked', async () => {
    expect(
      await sender().send(
        '1004',
        { text: '只有物业工作人员可以使用', callbackAnswer: { id: 'cb-1', alert: true } },
        ctx(),
      ),
    ).toEqual({ kind: 'sent' });
    expect(await sender().send('1004', { text: '', callbackAnswer: { id: 'cb-2', alert: false } }, ctx())).toEqual({
      kind: 'sent',
    });
    const answers = api.callsTo('answerCallbackQuery');
    expect(answers.map((a) => a.params)).toEqual([
      { callback_query_id: 'cb-1', text: '只有物业工作人员可以使用', show_alert: true },
      { callback_query_id: 'cb-2', show_alert: false },
    ]);
    expect(api.sentTo('1004')).toHaveLength(0);
  });

  it('sends a photo by file id with the caption and keyboard, and makes urgent messages stand out', async () => {
    api.addFile('photo-big', Buffer.from('jpeg'), 'photos/file_1.jpg');
    const result = await sender().send(
      '-100200',
      {
        text: '⚠ 水管爆裂',
        urgent: true,
        image: { platformFileId: 'photo-big' },
        buttons: [[{ label: '受理', data: 'st:ack:1' }]],
      },
      ctx(),
    );
    expect(result.kind).toBe('sent');
    const [photo] = api.callsTo('sendPhoto', (p) => String(p.chat_id) === '-100200');
    expect(photo!.params).toMatchObject({
      photo: 'photo-big',
      caption: '🚨 ⚠ 水管爆裂',
      reply_markup: { inline_keyboard: [[{ text: '受理', callback_data: 'st:ack:1' }]] },
    });
    expect(photo!.params.disable_notification).toBeUndefined();
  });

  it('falls back to text alone when Telegram refuses the photo', async () => {
    const result = await sender().send('1005', { text: '卡片', image: { platformFileId: 'expired-file' } }, ctx());
    expect(result.kind).toBe('sent');
    expect(api.sentTo('1005').map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage']);
  });

  it('turns 429 into a retry after retry_after, and then succeeds', async () => {
    api.fail('sendMessage', { status: 429, retryAfter: 7 });
    const s = sender();
    expect(await s.send('1006', { text: 'hello' }, ctx('r1'))).toMatchObject({ kind: 'retry', afterMs: 7000 });
    expect(await s.send('1006', { text: 'hello' }, ctx('r1'))).toMatchObject({ kind: 'sent' });
  });

  it('retries 5xx, a network error and a request that never answers', async () => {
    api.fail('sendMessage', { status: 502 });
    expect(await sender().send('1007', { text: 'a' }, ctx())).toMatchObject({ kind: 'retry' });
    api.fail('sendMessage', { hang: true });
    expect(await sender(300).send('1007', { text: 'b' }, ctx())).toEqual({ kind: 'retry', reason: 'timed out' });
    const down = new TelegramSender(new BotApi(TOKEN, 'http://127.0.0.1:9', 1000), log, { limiter: unlimited() });
    expect(await down.send('1007', { text: 'c' }, ctx())).toMatchObject({ kind: 'retry' });
  });

  it('gives up on 403 (blocked) and 400 chat not found', async () => {
    api.block('1008');
    expect(await sender().send('1008', { text: 'a' }, ctx())).toEqual({
      kind: 'failed',
      reason: '403 Forbidden: bot was blocked by the user',
    });
    api.fail('sendMessage', { status: 400, description: 'Bad Request: chat not found' });
    expect(await sender().send('1009', { text: 'a' }, ctx())).toEqual({
      kind: 'failed',
      reason: '400 Bad Request: chat not found',
    });
  });

  it('resumes a split message after the parts already delivered when a later part fails', async () => {
    const chat = '1010';
    const s = sender();
    const text = `${'a'.repeat(4000)}\n${'b'.repeat(4000)}`;
    api.fail('sendMessage', { status: 500 }, 1, { skip: 1 });
    expect(await s.send(chat, { text }, ctx('split'))).toMatchObject({ kind: 'retry' });
    expect(await s.send(chat, { text }, ctx('split'))).toMatchObject({ kind: 'sent' });
    expect(api.sentTo(chat).map((c) => String(c.params.text)[0])).toEqual(['a', 'b', 'b']);
  });

  it('never puts the token in a result or a log line', async () => {
    const wrong = new TelegramSender(new BotApi('999:wrong-token-abcdefghij', api.url, 1000), log, {
      limiter: unlimited(),
    });
    const result = await wrong.send('1', { text: 'x' }, ctx());
    expect(result.kind).toBe('retry');
    expect(JSON.stringify(result)).not.toContain('wrong-token');
    expect(lines.join('')).not.toContain('wrong-token');
  });
});

describe('fetchTelegramFile', () => {
  let api: FakeTelegramApi;
  beforeAll(async () => {
    api = await FakeTelegramApi.start(TOKEN);
  });
  afterAll(async () => {
    await api.close();
  });

  it('downloads a file through getFile and the file URL', async () => {
    api.addFile('ph-1', Buffer.from('\xff\xd8 a photo'), 'photos/file_7.jpg');
    const file = await fetchTelegramFile(new BotApi(TOKEN, api.url), 'ph-1');
    expect(file).toEqual({ data: Buffer.from('\xff\xd8 a photo'), mimeType: 'image/jpeg' });
    expect(api.callsTo('file').map((c) => c.params.path)).toContain('photos/file_7.jpg');
  });

  it('refuses files over 20 MB, whatever getFile says', async () => {
    api.addFile('big', Buffer.alloc(MAX_DOWNLOAD_BYTES + 1), 'documents/big.jpg', { reportedSize: 1000 });
    await expect(fetchTelegramFile(new BotApi(TOKEN, api.url), 'big')).rejects.toThrow(/over the 20971520-byte limit/);
  });

  it('fails without showing the token when the file is gone or unknown', async () => {
    api.addFile('gone', Buffer.from('x'), 'photos/gone.jpg', { missing: true });
    const gone = await failure(fetchTelegramFile(new BotApi(TOKEN, api.url), 'gone'));
    expect(gone.message).toBe('download failed: HTTP 404');
    const unknown = await failure(fetchTelegramFile(new BotApi(TOKEN, api.url), 'nope'));
    expect(unknown.message).toMatch(/400 Bad Request: invalid file_id/);
    const down = await failure(fetchTelegramFile(new BotApi(TOKEN, 'http://127.0.0.1:9'), 'nope'));
    for (const error of [gone, unknown, down])
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(TOKEN.split(':')[1]);
  });
});
