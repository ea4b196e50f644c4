import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../../bots/telegram/index.ts';
import { loadConfig } from '../../../src/config.ts';
import type { IncomingEvent } from '../../../src/turn/incoming-event.ts';
import { saveIncoming } from '../../../src/inbox/save-incoming.ts';
import { Metrics } from '../../../src/metrics.ts';
import { createTestStore, type TestStore } from '../../support/databases.ts';
import { FakeTelegramApi } from '../../servers/telegram-api.ts';
import { eventually, failure, memoryLogger, RESIDENT, startLinli, textUpdate, TOKEN, type Linli } from './harness.ts';
import { KyselyUnitOfWork } from '../../../src/store/unit-of-work.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function linliFor(options: Parameters<typeof startLinli>[0]): Promise<Linli> {
  const linli = await startLinli(options);
  cleanups.push(() => linli.close());
  return linli;
}

describe('Telegram long polling (end to end)', () => {
  it('deletes any webhook, then turns updates from getUpdates into tickets and confirms them', async () => {
    const linli = await linliFor({ polling: true });
    expect(linli.api.callsTo('deleteWebhook')).toHaveLength(1);
    expect(linli.service.adapters[0]!.routes).toEqual([]);
    const who = { ...RESIDENT, id: 1601 };
    const update = textUpdate('3号楼停水了，一滴都没有', { from: who });
    linli.api.pushUpdate(update);
    const [receipt] = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id));
    expect(receipt!.params.text).toMatch(/已登记，编号 W-\d{4}/);
    const polls = await linli.api.waitFor('getUpdates', (p) => p.offset === update.update_id + 1);
    expect(polls[0]!.params.allowed_updates).toEqual(['message', 'callback_query', 'my_chat_member']);
    expect(linli.lines.join('')).not.toContain(TOKEN.split(':')[1]);
  });
});

describe('Telegram long polling when saving fails', () => {
  let store: TestStore;
  afterEach(async () => {
    await store?.cleanup();
  });

  it('retries the same update and does not move past it until it is saved', async () => {
    store = await createTestStore('sqlite');
    const api = await FakeTelegramApi.start(TOKEN);
    cleanups.push(() => api.close());
    const { log } = memoryLogger();
    const attempts: string[] = [];
    let failures = 2;
    let savedAt = Infinity;
    const adapter = createTelegramAdapter(
      {
        config: loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url }),
        log,
        metrics: new Metrics(),
        saveIncoming: async (event: IncomingEvent) => {
          attempts.push(event.eventId);
          if (event.eventId === '900' && failures-- > 0) throw new Error('SQLITE_BUSY: database is locked');
          const result = await saveIncoming(new KyselyUnitOfWork(store.db), event);
          if (event.eventId === '900') savedAt = Date.now();
          return result;
        },
      },
      { backoffMs: 20, pollTimeoutSeconds: 1 },
    );
    await adapter.start();
    cleanups.push(() => adapter.stop());
    api.pushUpdate(textUpdate('停水了', { updateId: 900 })).pushUpdate(textUpdate('还是停水', { updateId: 901 }));
    await eventually(() => attempts.includes('901'), 'the second update saved');
    expect(attempts).toEqual(['900', '900', '900', '901']);
    const saved = await store.db.selectFrom('inbox').select('event_id').orderBy('id').execute();
    expect(saved.map((r) => r.event_id)).toEqual(['900', '901']);
    // No getUpdates confirmed 900 (offset 901) before 900 was in the inbox.
    const confirming = await api.waitFor('getUpdates', (p) => Number(p.offset) === 902);
    expect(api.callsTo('getUpdates', (p) => Number(p.offset) > 900).every((c) => c.at >= savedAt)).toBe(true);
    expect(confirming).toHaveLength(1);
    await adapter.stop();
    expect(attempts.filter((id) => id === '900')).toHaveLength(3);
  });
});

describe('Telegram adapter across restarts', () => {
  it('handles an update saved just before a crash once, after the restart', async () => {
    const linli = await linliFor({});
    const who = { ...RESIDENT, id: 1701 };
    // The worker stops, as in a crash right after the webhook answered 200.
    await linli.service.inbox.stop();
    const update = textUpdate('11号楼地下车库漏水', { from: who });
    expect(await linli.post(update)).toBe(200);
    const row = await linli.service.store.db
      .selectFrom('inbox')
      .select('status')
      .where('event_id', '=', String(update.update_id))
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(linli.api.sentTo(who.id)).toHaveLength(0);

    await linli.restart();
    await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id));
    // Telegram delivers it again (the first answer was lost, say): still handled once.
    expect(await linli.post(update)).toBe(200);
    const db = linli.service.store.db;
    await eventually(
      async () =>
        (await db.selectFrom('outbox').select('status').where('chat_id', '=', String(who.id)).execute()).every(
          (r) => r.status === 'sent',
        ),
      'outbox drained',
    );
    expect(linli.api.sentTo(who.id)).toHaveLength(1);
    expect(
      await db.selectFrom('inbox').select('status').where('event_id', '=', String(update.update_id)).execute(),
    ).toEqual([{ status: 'done' }]);
  });

  it('starts while Telegram is unreachable and sets the webhook once it answers', async () => {
    const api = await FakeTelegramApi.start(TOKEN);
    api.fail('getMe', { status: 502 });
    const linli = await linliFor({ api });
    expect(linli.api.webhook).toBeUndefined();
    await linli.api.waitFor('setWebhook');
    expect(linli.api.webhook?.url).toBe('https://linli.example.org/webhooks/telegram');
  });

  it('fails to start, naming TELEGRAM_BOT_TOKEN, when Telegram refuses the token', async () => {
    const api = await FakeTelegramApi.start('42:another-bot-token-xyz');
    cleanups.push(() => api.close());
    const error = await failure(startLinli({ api }));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^TELEGRAM_BOT_TOKEN: was refused by the Bot API/);
    expect(error.message).not.toContain(TOKEN.split(':')[1]);
  });
});
