import { createHash, createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/index.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { FakeLineApi, type DeliveredMessage } from '../servers/line-api.ts';
import { GROUP, RESIDENT, STAFF, startLinli, textUpdate, voiceUpdate, type Linli } from '../bots/telegram/harness.ts';
import { toneWav } from '../support/audio.ts';

const LINE_SECRET = 'line-channel-secret-held-cards';
const LINE_TOKEN = 'line-channel-access-token-held';
const PUBLIC_URL = 'https://linli.example.org';
const LINE_GROUP = 'C-held-staff';
const TELEGRAM_GROUP = String(GROUP.id);
const s = messages('zh-CN').staff;
const zh = messages('zh-CN');
/** The download answers this long after it is asked: LINE preparing audio, a slow file server. */
const SLOW_MS = 2_500;

/** Text of a delivered LINE message, whatever its kind (Flex cards: their alt text). */
const textOf = (d: DeliveredMessage) => String(d.message.text ?? d.message.altText ?? '');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Without a speech endpoint, a voice note is filed at once and the resident told a person will listen;
 * the staff card waits until the recording is saved (or given up), so that what it carries — the
 * recording uploaded to a Telegram group, the signed link a LINE group fetches — works when it comes.
 * One service with both platforms, a staff group on each.
 */
describe('a voice report’s staff card waits for its recording (transcription off, slow media servers)', () => {
  let line: FakeLineApi;
  let linli: Linli;
  let nextLineMessage = 990_001;
  let nextResident = 6100;
  const db = () => linli.service.store.db;
  const local = (url: string) => url.replace(PUBLIC_URL, `http://127.0.0.1:${linli.service.port}`);

  async function postLine(events: unknown[]): Promise<void> {
    const body = JSON.stringify({ destination: 'Ubot', events });
    const response = await fetch(`http://127.0.0.1:${linli.service.port}/webhooks/line`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-line-signature': createHmac('sha256', LINE_SECRET).update(body).digest('base64'),
      },
      body,
    });
    expect(response.status).toBe(200);
  }
  const lineEvent = (source: Record<string, unknown>, fields: Record<string, unknown>) => ({
    timestamp: Date.now(),
    mode: 'active',
    webhookEventId: `01${randomUUID().replaceAll('-', '').toUpperCase()}`,
    deliveryContext: { isRedelivery: false },
    source,
    ...fields,
  });

  /** Cards about any ticket in each staff group so far. */
  const lineCards = () => line.messagesTo(LINE_GROUP).filter((d) => /[A-Z]-\d{4}/.test(textOf(d)));
  const telegramCards = () =>
    linli.api.callsTo('sendMessage', (p) => String(p.chat_id) === TELEGRAM_GROUP && /[A-Z]-\d{4}/.test(String(p.text)));

  /** A LINE resident sends an audio message; resolves with the reference their answer (a person will listen) gives. */
  async function sendLineAudio(userId: string, messageId: string, durationMs: number): Promise<string> {
    await postLine([
      lineEvent(
        { type: 'user', userId },
        {
          type: 'message',
          replyToken: randomUUID(),
          message: { id: messageId, type: 'audio', duration: durationMs, contentProvider: { type: 'line' } },
        },
      ),
    ]);
    const answer = await line.waitFor(
      'the resident’s answer',
      () => line.messagesTo(userId).find((d) => textOf(d).includes(zh.voiceListen)),
      15_000,
    );
    return /[A-Z]-\d{4}/.exec(textOf(answer))![0];
  }

  /** The LINE group's card about `reference` and the message before it (the recording). */
  const lineRecordingAndCard = (reference: string) =>
    line.waitFor(
      'the card in the LINE group',
      () => {
        const all = line.messagesTo(LINE_GROUP);
        const at = all.findIndex((d) => d.message.type === 'flex' && textOf(d).includes(reference));
        return at > 0 ? ([all[at - 1]!, all[at]!] as const) : undefined;
      },
      15_000,
    );

  beforeAll(async () => {
    line = await FakeLineApi.start({ channelAccessToken: LINE_TOKEN });
    linli = await startLinli({
      env: {
        PUBLIC_URL,
        LINE_CHANNEL_SECRET: LINE_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: LINE_TOKEN,
        LINE_API_BASE_URL: line.apiBaseUrl,
        LINE_DATA_API_BASE_URL: line.dataApiBaseUrl,
      },
    });
    const members = new KyselyMemberStore(db());
    const invite = () => members.createInvite('staff', new Date(Date.now() + 86_400_000), new Date());
    await linli.post(textUpdate(`/join ${(await invite()).code}`, { from: STAFF, chat: GROUP }));
    await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === TELEGRAM_GROUP);
    const group = { type: 'group', groupId: LINE_GROUP, userId: 'U-wang' };
    line.profiles.set('U-wang', { displayName: '王师傅' });
    await postLine([lineEvent(group, { type: 'join', replyToken: line.issueReplyToken(LINE_GROUP) })]);
    await postLine([
      lineEvent(group, {
        type: 'message',
        replyToken: line.issueReplyToken(LINE_GROUP),
        message: { id: '990000', type: 'text', text: `/join ${(await invite()).code}` },
      }),
    ]);
    await line.waitFor('the LINE group registration', () => line.messagesTo(LINE_GROUP).length > 0);
  });
  afterAll(async () => {
    await linli?.close();
    await line?.close();
  });

  it('LINE: the resident hears at once; the cards follow the saved m4a, uploaded to Telegram and linked on LINE', async () => {
    const userId = 'U-held-1';
    const messageId = String(nextLineMessage++);
    const recording = toneWav(0.4);
    line.contents.set(messageId, { data: recording, mimeType: 'audio/x-m4a', delayMs: SLOW_MS });
    const cardsBefore = { line: lineCards().length, telegram: telegramCards().length };
    const reference = await sendLineAudio(userId, messageId, 6400);

    // The download has begun (and answers only later): no card has gone to either group.
    await line.waitFor('the content download', () => line.calls(`/v2/bot/message/${messageId}/content`).length > 0);
    expect(lineCards().length).toBe(cardsBefore.line);
    expect(telegramCards().length).toBe(cardsBefore.telegram);

    // The LINE group: the audio at its signed link, then the card; the link opens the saved recording.
    const [audio, card] = await lineRecordingAndCard(reference);
    expect(audio.message).toMatchObject({ type: 'audio', duration: 6000 });
    expect(textOf(card)).toContain(s.cardVoiceListen);
    const fetched = await fetch(local(String(audio.message.originalContentUrl)));
    expect(fetched.status).toBe(200);
    expect(sha256(Buffer.from(await fetched.arrayBuffer()))).toBe(sha256(recording));

    // The Telegram group: the saved file uploaded as audio (m4a is no voice note there), then the card.
    const [telegramCard] = await linli.api.waitFor(
      'sendMessage',
      (p) => String(p.chat_id) === TELEGRAM_GROUP && String(p.text).includes(reference),
      { timeoutMs: 15_000 },
    );
    expect(String(telegramCard!.params.text)).toContain(s.cardVoiceListen);
    expect(String(telegramCard!.params.text)).not.toContain(s.cardRecordingInConsole);
    const uploads = linli.api.callsTo(
      'sendAudio',
      (p) => String(p.chat_id) === TELEGRAM_GROUP && (p.audio as { sha256?: string }).sha256 === sha256(recording),
    );
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.at).toBeLessThanOrEqual(telegramCard!.at);
    expect(String((uploads[0]!.params.audio as { filename: string }).filename)).toMatch(/\.m4a$/);
  });

  it('Telegram: the card comes after the download finished; the LINE group gets the Ogg recording as its link', async () => {
    const who = { ...RESIDENT, id: nextResident++ };
    const fileId = 'held-voice-1';
    const recording = toneWav(0.3, 660);
    linli.api.addFile(fileId, recording, `voice/${fileId}.oga`, { delayMs: SLOW_MS });
    expect(await linli.post(voiceUpdate(fileId, { from: who, duration: 7 }))).toBe(200);
    const [answer] = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id), {
      timeoutMs: 15_000,
    });
    expect(String(answer!.params.text)).toContain(zh.voiceListen);
    const reference = /[A-Z]-\d{4}/.exec(String(answer!.params.text))![0];

    const [card] = await linli.api.waitFor(
      'sendMessage',
      (p) => String(p.chat_id) === TELEGRAM_GROUP && String(p.text).includes(reference),
      { timeoutMs: 15_000 },
    );
    // The file server answered SLOW_MS after it was asked: the card was sent after that (a few
    // milliseconds spared for the two clocks' rounding; sent at filing, it would come before the ask).
    const download = linli.api.calls.find((c) => c.method === 'file' && String(c.params.path).includes(fileId))!;
    expect(card!.at - download.at).toBeGreaterThanOrEqual(SLOW_MS - 20);
    // Telegram resends its own voice note by its file id.
    expect(
      linli.api.callsTo('sendVoice', (p) => String(p.chat_id) === TELEGRAM_GROUP && p.voice === fileId),
    ).toHaveLength(1);

    // LINE cannot play Ogg/Opus: the link, which opens the saved recording, then the card.
    const [link, lineCard] = await lineRecordingAndCard(reference);
    expect(textOf(lineCard)).toContain(s.cardVoiceListen);
    const url = /https:\/\/\S+/.exec(textOf(link))![0];
    expect(textOf(link)).toBe(s.recordingLink({ url, days: 7 }));
    const fetched = await fetch(local(url));
    expect(fetched.status).toBe(200);
    expect(sha256(Buffer.from(await fetched.arrayBuffer()))).toBe(sha256(recording));
  });

  it('a recording the platform will not hand over: the card goes out saying it could not be fetched', async () => {
    const who = { ...RESIDENT, id: nextResident++ };
    const fileId = 'held-voice-too-large';
    // getFile reports more than bots may download: given up, for good.
    linli.api.addFile(fileId, toneWav(), `voice/${fileId}.oga`, { reportedSize: 25 * 1024 * 1024 });
    expect(await linli.post(voiceUpdate(fileId, { from: who, duration: 9 }))).toBe(200);
    const [answer] = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id), {
      timeoutMs: 15_000,
    });
    const reference = /[A-Z]-\d{4}/.exec(String(answer!.params.text))![0];
    const lineCard = await line.waitFor(
      'the card in the LINE group',
      () => line.messagesTo(LINE_GROUP).find((d) => d.message.type === 'flex' && textOf(d).includes(reference)),
      15_000,
    );
    expect(textOf(lineCard)).toContain(s.cardRecordingUnavailable);
    const attachment = await db()
      .selectFrom('attachments')
      .select(['path', 'held_card'])
      .where('platform_file_id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(attachment.path).toMatch(/^unavailable:/);
    expect(attachment.held_card).toBeNull();
    // Telegram still has it, and resends it by its file id.
    const [telegramCard] = await linli.api.waitFor(
      'sendMessage',
      (p) => String(p.chat_id) === TELEGRAM_GROUP && String(p.text).includes(reference),
      { timeoutMs: 15_000 },
    );
    expect(String(telegramCard!.params.text)).not.toContain(s.cardRecordingUnavailable);
    expect(
      linli.api.callsTo('sendVoice', (p) => String(p.chat_id) === TELEGRAM_GROUP && p.voice === fileId),
    ).toHaveLength(1);
  });

  it('LINE: content the data API no longer has (404) is given up at once, and the cards say so', async () => {
    const userId = 'U-held-gone';
    const messageId = String(nextLineMessage++); // never put on the data API: it answers 404
    const reference = await sendLineAudio(userId, messageId, 3100);
    const lineCard = await line.waitFor(
      'the card in the LINE group',
      () => line.messagesTo(LINE_GROUP).find((d) => d.message.type === 'flex' && textOf(d).includes(reference)),
      15_000,
    );
    expect(textOf(lineCard)).toContain(s.cardRecordingUnavailable);
    const [telegramCard] = await linli.api.waitFor(
      'sendMessage',
      (p) => String(p.chat_id) === TELEGRAM_GROUP && String(p.text).includes(reference),
      { timeoutMs: 15_000 },
    );
    expect(String(telegramCard!.params.text)).toContain(s.cardRecordingUnavailable);
    // Given up for good (not asked again): the 404 said the content is gone.
    expect(line.calls(`/v2/bot/message/${messageId}/content`).length).toBeGreaterThanOrEqual(1);
    const attachment = await db()
      .selectFrom('attachments')
      .select('path')
      .where('platform_file_id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(attachment.path).toMatch(/^unavailable: LINE has no content/);
  });

  it('counts the cards on /metrics by what their recording came to, all of them having waited for it', async () => {
    const text = await (await fetch(`http://127.0.0.1:${linli.service.port}/metrics`)).text();
    const count = (recording: string, held: string) =>
      Number(
        new RegExp(`^linli_voice_cards_total\\{recording="${recording}",held="${held}"\\} (\\d+)$`, 'm').exec(
          text,
        )?.[1] ?? 0,
      );
    expect([count('saved', 'yes'), count('unavailable', 'yes'), count('waited', 'yes')]).toEqual([2, 2, 0]);
    expect([count('saved', 'no'), count('unavailable', 'no')]).toEqual([0, 0]);
  });
});
