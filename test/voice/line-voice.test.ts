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
import { messages } from '../../src/i18n/index.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { RecordingLinks } from '../../src/voice/recording-links.ts';

const SECRET = 'line-channel-secret-for-voice-tests';
const TOKEN = 'line-channel-access-token-voice';
const PUBLIC_URL = 'https://linli.example.org';
const STAFF_GROUP = 'C-voice-staff';
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64');

/** Text of a delivered message, whatever its kind (Flex cards: their alt text). */
const textOf = (d: DeliveredMessage) => String(d.message.text ?? d.message.altText ?? '');

describe('LINE audio messages (end to end, local speech endpoint)', () => {
  let line: FakeLineApi;
  let speech: FakeOpenAiServer;
  let service: Service;
  let dir: string;
  let nextMessage = 880_001;

  /** Posts LINE webhook events, signed. */
  async function post(events: unknown[]): Promise<void> {
    const body = JSON.stringify({ destination: 'Ubot', events });
    const response = await fetch(`http://127.0.0.1:${service.port}/webhooks/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
      body,
    });
    expect(response.status).toBe(200);
  }
  const groupEvent = (fields: Record<string, unknown>) => ({
    timestamp: Date.now(),
    mode: 'active',
    webhookEventId: `01${randomUUID().replaceAll('-', '').toUpperCase()}`,
    deliveryContext: { isRedelivery: false },
    source: { type: 'group', groupId: STAFF_GROUP, userId: 'U-wang' },
    ...fields,
  });
  /** The signed link as the service serves it here (PUBLIC_URL is the proxy's https address). */
  const local = (url: string) => url.replace(PUBLIC_URL, `http://127.0.0.1:${service.port}`);

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
        PUBLIC_URL,
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

  it('registers the staff group', async () => {
    const { code } = await new KyselyMemberStore(service.store.db).createInvite(
      'staff',
      new Date(Date.now() + 86_400_000),
      new Date(),
    );
    line.profiles.set('U-wang', { displayName: '王师傅' });
    await post([groupEvent({ type: 'join', replyToken: line.issueReplyToken(STAFF_GROUP) })]);
    await post([
      groupEvent({
        type: 'message',
        replyToken: line.issueReplyToken(STAFF_GROUP),
        message: { id: '880000', type: 'text', text: `/join ${code}` },
      }),
    ]);
    await line.waitFor('the group registration', () => line.messagesTo(STAFF_GROUP).length > 0);
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

  it('gives the staff LINE group the recording as an audio message at a signed link, then the card', async () => {
    speech.script.push({ kind: 'transcript', text: '5號樓大堂的燈壞了，晚上很黑' });
    const { messageId, text } = await sendAudio('U-voice-3');
    const reference = /[A-Z]-\d{4}/.exec(text)![0];
    const sent = await line.waitFor('the card in the staff group', () => {
      const all = line.messagesTo(STAFF_GROUP);
      const card = all.findIndex((d) => d.message.type === 'flex' && textOf(d).includes(reference));
      return card > 0 ? all.slice(card - 1, card + 1) : undefined;
    });
    const [audio, card] = sent as [DeliveredMessage, DeliveredMessage];
    const { id } = await service.store.db
      .selectFrom('attachments')
      .select('id')
      .where('platform_file_id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(audio.message).toMatchObject({ type: 'audio', duration: 5000 });
    const url = String(audio.message.originalContentUrl);
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/media/${id}\\?exp=\\d+&sig=[\\w-]{43}$`));
    // The link works for a week.
    const exp = Number(new URL(url).searchParams.get('exp'));
    expect(exp * 1000 - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(exp * 1000 - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect(textOf(card)).toContain(messages('zh-CN').staff.cardVoiceHeard);
    expect(textOf(card)).not.toContain(messages('zh-CN').staff.cardRecordingInConsole);

    // LINE fetches it: the same bytes as the resident's recording, as m4a.
    const fetched = await fetch(local(url));
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('audio/x-m4a');
    expect(Buffer.from(await fetched.arrayBuffer()).equals(toneWav())).toBe(true);

    // Anything else about the link, and it opens nothing.
    const link = new URL(local(url));
    const other = (change: (u: URL) => void) => {
      const u = new URL(link);
      change(u);
      return fetch(u).then((r) => r.status);
    };
    // A forged signature: its first character changed (the last one carries padding bits, and was 'A' one time in 16).
    const forged = (sig: string) => `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect(await other((u) => u.searchParams.set('sig', forged(u.searchParams.get('sig')!)))).toBe(404);
    expect(await other((u) => u.searchParams.set('exp', String(exp + 86_400)))).toBe(404);
    expect(await other((u) => (u.pathname = `/media/${id + 1}`))).toBe(404);
    expect(await other((u) => u.searchParams.delete('sig'))).toBe(404);
    expect(await other((u) => ((u.pathname = '/media/'), (u.search = '')))).toBe(404);
    // A link signed for a week ago has expired; one signed with another secret is forged.
    const lastWeek = new RecordingLinks(PUBLIC_URL, SECRET).url(id, new Date(Date.now() - 8 * 86_400_000));
    expect((await fetch(local(lastWeek))).status).toBe(403);
    const stranger = new RecordingLinks(PUBLIC_URL, 'another-channel-secret').url(id, new Date());
    expect((await fetch(local(stranger))).status).toBe(404);
  });

  it('files a voice report for staff to listen to when the endpoint hangs', async () => {
    speech.script.push({ kind: 'hang' });
    const { text } = await sendAudio('U-voice-2');
    expect(text).toContain('工作人员会亲自收听您的语音');
    expect(await ticketOf(text)).toMatchObject({ category: 'other', description: '语音留言（请物业收听）' });
  });
});
