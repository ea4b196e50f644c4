import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startService, type Service } from '../../src/main.ts';
import { FakeLineApi, type DeliveredMessage } from '../servers/line-api.ts';
import { FakeOpenAiServer } from '../servers/openai-api.ts';
import { toneWav } from '../support/audio.ts';

const SECRET = 'line-channel-secret-for-voice-tests';
const TOKEN = 'line-channel-access-token-voice';
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64');

/** Text of a delivered message, whatever its kind (Flex cards: their alt text). */
const textOf = (d: DeliveredMessage) => String(d.message.text ?? d.message.altText ?? '');

describe('LINE audio messages (end to end, local speech endpoint)', () => {
  let line: FakeLineApi;
  let speech: FakeOpenAiServer;
  let service: Service;
  let dir: string;
  let nextMessage = 880_001;

  /** A resident sends an m4a recording (the content waits on the data API); resolves with the first answer. */
  async function sendAudio(userId: string): Promise<{ messageId: string; text: string }> {
    const messageId = String(nextMessage++);
    line.contents.set(messageId, { data: toneWav(), mimeType: 'audio/x-m4a' });
    const body = JSON.stringify({
      destination: 'Ubot',
      events: [
        {
          type: 'message',
          mode: 'active',
          timestamp: Date.now(),
          webhookEventId: `01${randomUUID().replaceAll('-', '').toUpperCase()}`,
          deliveryContext: { isRedelivery: false },
          source: { type: 'user', userId },
          replyToken: randomUUID(),
          message: { id: messageId, type: 'audio', duration: 5200, contentProvider: { type: 'line' } },
        },
      ],
    });
    const response = await fetch(`http://127.0.0.1:${service.port}/webhooks/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
      body,
    });
    expect(response.status).toBe(200);
    const answer = await line.waitFor(
      `an answer to ${userId}`,
      () => line.messagesTo(userId).find((d) => textOf(d) !== ''),
      15_000,
    );
    return { messageId, text: textOf(answer) };
  }

  const ticketOf = (text: string) =>
    service.store.db
      .selectFrom('tickets')
      .selectAll()
      .where('reference', '=', /[A-Z]-\d{4}/.exec(text)![0])
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    line = await FakeLineApi.start({ channelAccessToken: TOKEN });
    speech = await new FakeOpenAiServer({ kind: 'transcript', text: '3號樓停水一整天了，到現在還沒有水' }).start();
    dir = mkdtempSync(join(tmpdir(), 'linli-line-voice-'));
    service = await startService(
      loadConfig({
        DATABASE_URL: `sqlite:${join(dir, 'x.db')}`,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        LINE_CHANNEL_SECRET: SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
        LINE_API_BASE_URL: line.apiBaseUrl,
        LINE_DATA_API_BASE_URL: line.dataApiBaseUrl,
        CLASSIFIER: 'offline',
        TRANSCRIBE_MODEL: 'sensevoice-small',
        TRANSCRIBE_BASE_URL: speech.baseUrl,
        TRANSCRIBE_RESPONSE_FORMAT: 'verbose_json',
        TRANSCRIBE_TIMEOUT_MS: '1500',
      }),
      pino({ level: 'silent' }),
    );
  });
  afterAll(async () => {
    await service?.stop();
    await speech?.stop();
    await line?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches the m4a from the data API, transcribes it and answers in the language heard', async () => {
    const { messageId, text } = await sendAudio('U-voice-1');
    expect(line.calls(`/v2/bot/message/${messageId}/content`).length).toBeGreaterThanOrEqual(1);
    expect(text).toContain('我聽到的是：「3號樓停水一整天了，到現在還沒有水」');
    expect(text).toMatch(/W-\d{4}/);
    expect(await ticketOf(text)).toMatchObject({ category: 'water_supply', place_building: '3' });
    const upload = speech.uploads.at(-1)!;
    expect(upload.fields).toMatchObject({ model: 'sensevoice-small', response_format: 'verbose_json' });
    expect(upload.file).toMatchObject({ type: 'audio/x-m4a' });
    expect(upload.file.name).toMatch(/\.m4a$/);
    const attachment = await service.store.db
      .selectFrom('attachments')
      .selectAll()
      .where('platform_file_id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(attachment).toMatchObject({ mime_type: 'audio/x-m4a', duration_seconds: 5, transcript_status: 'done' });
  });

  it('files a voice report for staff to listen to when the endpoint hangs', async () => {
    speech.script.push({ kind: 'hang' });
    const { text } = await sendAudio('U-voice-2');
    expect(text).toContain('工作人员会亲自收听您的语音');
    expect(await ticketOf(text)).toMatchObject({ category: 'other', description: '语音留言（请物业收听）' });
  });
});
