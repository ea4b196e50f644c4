import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../../bots/telegram/index.ts';
import { loadConfig } from '../../../src/config.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { fetchAttachments } from '../../../src/inbox/fetch-attachments.ts';
import { KyselyAttachmentFiles } from '../../../src/store/attachment-files.ts';
import { Metrics } from '../../../src/metrics.ts';
import { KyselyOutboxStore } from '../../../src/store/outbox-store.ts';
import {
  callbackUpdate,
  eventually,
  memoryLogger,
  photoUpdate,
  RESIDENT,
  SECRET,
  startLinli,
  textUpdate,
  TOKEN,
  type Linli,
} from './harness.ts';

let nextResident = 1100;
/** A resident of their own per test: a conversation's state would otherwise carry over. */
function resident(language_code = 'zh-hans') {
  const id = nextResident++;
  return { ...RESIDENT, id, first_name: `居民${id}`, language_code };
}

describe('Telegram webhook (end to end)', () => {
  let linli: Linli;
  const db = () => linli.service.store.db;
  const inboxCount = async () =>
    (
      await db()
        .selectFrom('inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    linli = await startLinli();
  });
  afterAll(async () => {
    const logs = linli.lines.join('');
    await linli.close();
    expect(logs).not.toContain(TOKEN.split(':')[1]);
  });

  it('registers the webhook with its secret at start', async () => {
    expect(linli.api.callsTo('getMe')).toHaveLength(1);
    expect(linli.api.webhook).toEqual({ url: 'https://linli.example.org/webhooks/telegram', secret: SECRET });
    expect(linli.api.callsTo('setWebhook')[0]!.params.allowed_updates).toEqual([
      'message',
      'callback_query',
      'my_chat_member',
    ]);
  });

  it('takes a Chinese complaint from the first message to a receipt in Chinese', async () => {
    const who = resident();
    expect(await linli.post(textUpdate('/start', { from: who }))).toBe(200);
    const [welcome] = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id));
    expect(welcome!.params.text).toContain('邻里服务助手');

    expect(await linli.post(textUpdate('3号楼2单元停水一天了', { from: who }))).toBe(200);
    const sent = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id), { count: 2 });
    expect(sent[1]!.params.text).toMatch(/^已登记，编号 W-\d{4}（供水）/);
    const ticket = await db()
      .selectFrom('tickets')
      .selectAll()
      .where('reference', '=', /W-\d{4}/.exec(String(sent[1]!.params.text))![0])
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ category: 'water_supply', place_building: '3', status: 'open' });
  });

  it('asks where with inline buttons when the place is missing, and files the ticket when one is pressed', async () => {
    const who = resident();
    await linli.post(textUpdate('电梯坏了，困在里面好几次', { from: who }));
    const [question] = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id));
    expect(question!.params.text).toContain('哪栋楼');
    const keyboard = (
      question!.params.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }
    ).inline_keyboard;
    const garden = keyboard.flat().find((b) => b.text === '中心花园')!;
    expect(garden.callback_data).toBe('place:s:中心花园');

    const messageId = linli.api.sentTo(who.id).length + 100;
    const press = callbackUpdate(garden.callback_data, messageId, { from: who });
    expect(await linli.post(press)).toBe(200);
    await linli.api.waitFor('answerCallbackQuery', (p) => p.callback_query_id === press.callback_query.id);
    const [, receipt] = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id), {
      count: 2,
    });
    expect(receipt!.params.text).toMatch(/编号 U-\d{4}.*位置：中心花园/);
  });

  it('refuses a missing or forged secret and stores nothing', async () => {
    const before = await inboxCount();
    expect(await linli.post(textUpdate('伪造的消息'), null)).toBe(401);
    expect(await linli.post(textUpdate('伪造的消息'), 'wrong-secret')).toBe(403);
    expect(await linli.post(textUpdate('伪造的消息'), `${SECRET}x`)).toBe(403);
    expect(await inboxCount()).toBe(before);
  });

  it('answers 400 to a body that is not an update, and stores nothing', async () => {
    const before = await inboxCount();
    expect(await linli.post('{"update_id": 1, "message": ')).toBe(400);
    expect(await linli.post({ hello: 'world' })).toBe(400);
    expect(await inboxCount()).toBe(before);
  });

  it('takes an update whose date no message can have, with the time it was received', async () => {
    const who = resident();
    const update = textUpdate('6号楼门口路灯不亮了', { from: who });
    const before = Date.now();
    expect(await linli.post({ ...update, message: { ...update.message, date: 9e15 } })).toBe(200);
    const row = await db()
      .selectFrom('inbox')
      .select('payload')
      .where('event_id', '=', String(update.update_id))
      .executeTakeFirstOrThrow();
    const occurred = Date.parse(JSON.parse(row.payload).occurredAt);
    expect(occurred).toBeGreaterThanOrEqual(before - 1_000);
    expect(occurred).toBeLessThanOrEqual(Date.now());
    const [receipt] = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id));
    expect(receipt!.params.text).toMatch(/编号 [A-Z]-\d{4}/);
  });

  it('answers 200 to update types it does not use, without storing them', async () => {
    const before = await inboxCount();
    expect(
      await linli.post({
        update_id: 424242,
        edited_message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'x' },
      }),
    ).toBe(200);
    expect(await inboxCount()).toBe(before);
  });

  it('handles a re-delivered update once: one ticket, one receipt', async () => {
    const who = resident();
    const update = textUpdate('5号楼门口路灯不亮了', { from: who });
    expect(await linli.post(update)).toBe(200);
    expect(await linli.post(update)).toBe(200);
    await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id));
    expect(await linli.post(update)).toBe(200);
    const rows = await db()
      .selectFrom('inbox')
      .select(['status'])
      .where('event_id', '=', String(update.update_id))
      .execute();
    expect(rows).toEqual([{ status: 'done' }]);
    await eventually(
      async () =>
        (await db().selectFrom('outbox').select('status').where('chat_id', '=', String(who.id)).execute()).every(
          (r) => r.status === 'sent',
        ),
      'outbox drained',
    );
    expect(linli.api.sentTo(who.id)).toHaveLength(1);
    const tickets = await db()
      .selectFrom('ticket_reporters')
      .innerJoin('residents', 'residents.id', 'ticket_reporters.resident_id')
      .select('ticket_id')
      .where('residents.display_name', '=', `${who.first_name} ${who.last_name}`)
      .execute();
    expect(tickets).toHaveLength(1);
  });

  it('waits out a 429 and then delivers the receipt', async () => {
    const who = resident();
    linli.api.fail('sendMessage', { status: 429, retryAfter: 1 });
    await linli.post(textUpdate('7号楼水压太低了', { from: who }));
    const calls = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id), { count: 2 });
    expect(calls[1]!.params.text).toContain('已登记');
    const row = await eventually(
      () =>
        db()
          .selectFrom('outbox')
          .selectAll()
          .where('chat_id', '=', String(who.id))
          .where('status', '=', 'sent')
          .executeTakeFirst(),
      'receipt sent',
    );
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBeNull();
  });

  it('records a 403 (bot blocked) as failed on the outbox row and on the ticket', async () => {
    const who = resident();
    linli.api.block(who.id);
    await linli.post(textUpdate('8号楼电梯又坏了，12楼', { from: who }));
    const row = await eventually(
      () =>
        db()
          .selectFrom('outbox')
          .selectAll()
          .where('chat_id', '=', String(who.id))
          .where('status', '=', 'failed')
          .executeTakeFirst(),
      'receipt failed',
    );
    expect(row.last_error).toContain('403');
    const events = await db()
      .selectFrom('ticket_events')
      .select(['kind', 'data'])
      .where('ticket_id', '=', row.ticket_id!)
      .execute();
    expect(events.find((e) => e.kind === 'delivery_failed')?.data).toContain('blocked');
    expect(linli.api.sentTo(who.id)).toHaveLength(1);
  });

  it('keeps the largest photo of a complaint and downloads it', async () => {
    const who = resident();
    const bytes = Buffer.from('\xff\xd8\xff large jpeg bytes');
    linli.api.addFile('photo-large', bytes, 'photos/file_42.jpg');
    await linli.post(
      photoUpdate(
        '6号楼楼道灯坏了',
        [
          { file_id: 'photo-small', width: 90, height: 90, file_size: 900 },
          { file_id: 'photo-large', width: 1280, height: 1280, file_size: bytes.length },
        ],
        who,
      ),
    );
    await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id));
    const attachment = await db()
      .selectFrom('attachments')
      .selectAll()
      .where('platform_file_id', 'in', ['photo-small', 'photo-large'])
      .executeTakeFirstOrThrow();
    expect(attachment).toMatchObject({ platform: 'telegram', platform_file_id: 'photo-large', kind: 'photo' });
    expect(
      await fetchAttachments({
        attachments: new KyselyAttachmentFiles(db()),
        adapters: linli.service.adapters,
        dataDir: linli.service.config.dataDir,
        log: memoryLogger().log,
      }),
    ).toBeGreaterThanOrEqual(1);
    const stored = await db()
      .selectFrom('attachments')
      .select(['path', 'mime_type'])
      .where('id', '=', attachment.id)
      .executeTakeFirstOrThrow();
    expect(stored.mime_type).toBe('image/jpeg');
    expect(readFileSync(stored.path!)).toEqual(bytes);
  });

  it('splits a long message over 4096 characters and delivers every part in order', async () => {
    const who = resident();
    const long = `${'很长的说明。'.repeat(600)}\n${'第二段。'.repeat(600)}`;
    await new KyselyOutboxStore(db()).enqueue(
      { platform: 'telegram', chatId: String(who.id), message: { text: long } },
      new Date(),
    );
    linli.service.dispatcher.wake();
    const parts = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id), { count: 2 });
    expect(parts.map((p) => String(p.params.text)).join('\n')).toBe(long);
  });
});

describe('Telegram webhook when the database fails', () => {
  it('answers 500 so that Telegram delivers the update again', async () => {
    const { log } = memoryLogger();
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
      PUBLIC_URL: 'https://linli.example.org',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
    let attempts = 0;
    const adapter = createTelegramAdapter({
      config,
      log,
      metrics: new Metrics(),
      saveIncoming: async () => {
        attempts++;
        throw new Error('SQLITE_BUSY: database is locked');
      },
    });
    const http = new HttpServer(log);
    for (const route of adapter.routes) http.add(route);
    const { port } = await http.listen(0, '127.0.0.1');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(textUpdate('停水了')),
      });
      expect(response.status).toBe(500);
      expect(attempts).toBe(1);
    } finally {
      await http.close();
    }
  });
});
