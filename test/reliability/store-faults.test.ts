import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../bots/telegram/index.ts';
import { loadConfig } from '../../src/config.ts';
import { HttpServer } from '../../src/http/server.ts';
import type { Core } from '../../src/turn/core.ts';
import { createInboxProcessor } from '../../src/inbox/inbox-processor.ts';
import { InboxWriter } from '../../src/inbox/inbox-writer.ts';
import { startService } from '../../src/main.ts';
import { Metrics } from '../../src/metrics.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import type { Database } from '../../src/store/schema.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { FakeTelegramApi } from '../servers/telegram-api.ts';
import { sharedClassifier } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { diskFullError, FailingWrites } from '../support/failing-writes.ts';
import { waitUntil } from '../support/service-process.ts';
import {
  acceptedTexts,
  complaintUpdate,
  postUpdate,
  statusCounts,
  telegramEnv,
  ticketCount,
  TELEGRAM_TOKEN,
} from './traffic.ts';

const log = pino({ level: 'silent' });

/** Rows in the tables a handled complaint writes to: all zero means nothing was half-written. */
async function written(db: TestStore['db']): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'inbox',
    'residents',
    'tickets',
    'ticket_reporters',
    'ticket_events',
    'conversations',
    'outbox',
  ] as const satisfies ReadonlyArray<keyof Database>) {
    counts[table] = Number(
      (
        await db
          .selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
  return counts;
}

describe('sqlite: the database is busy or the disk is full (linli serve in-process)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    cleanups.length = 0;
  });

  it('answers 500 while another connection holds the write lock, and takes the redelivery once it is released', async () => {
    const store = await createTestStore('sqlite');
    cleanups.push(() => store.cleanup());
    const api = await FakeTelegramApi.start(TELEGRAM_TOKEN);
    cleanups.push(() => api.close());
    const config = loadConfig({
      ...telegramEnv(api, store.config.url),
      PORT: '0',
      HOST: '127.0.0.1',
      SQLITE_BUSY_TIMEOUT_MS: '150',
    });
    const service = await startService(config, log);
    cleanups.push(() => service.stop());
    const url = `http://127.0.0.1:${service.port}`;

    const holder = new SqliteDatabase(store.config.kind === 'sqlite' ? store.config.file : '');
    cleanups.push(async () => holder.close());
    holder.exec('BEGIN IMMEDIATE');
    const update = complaintUpdate(4_001, 41);
    expect(await postUpdate(url, update)).toBe(500);
    expect(await postUpdate(url, update)).toBe(500);
    expect(await written(store.db)).toMatchObject({ inbox: 0, tickets: 0, outbox: 0 });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    holder.exec('ROLLBACK');

    // Telegram delivers the update again; this time it is stored and handled, once.
    expect(await postUpdate(url, update)).toBe(200);
    await waitUntil(async () => (await statusCounts(store.db, 'outbox')).sent === 1, 'the receipt to be sent');
    expect(await statusCounts(store.db, 'inbox')).toEqual({ done: 1 });
    expect(await ticketCount(store.db)).toBe(1);
    expect(acceptedTexts(api, 41)).toHaveLength(1);
  });

  it('answers 500 when SQLite finds the disk full (max_page_count reached), and takes the redelivery once there is room', async () => {
    const store = await createTestStore('sqlite');
    cleanups.push(() => store.cleanup());
    const api = await FakeTelegramApi.start(TELEGRAM_TOKEN);
    cleanups.push(() => api.close());
    const service = await startService(
      loadConfig({ ...telegramEnv(api, store.config.url), PORT: '0', HOST: '127.0.0.1' }),
      log,
    );
    cleanups.push(() => service.stop());
    const url = `http://127.0.0.1:${service.port}`;

    // On the service's own connection: the file may not grow by a single page, and has no free page
    // inside (a migration that drops an index leaves some) for the insert to take instead.
    await sql`vacuum`.execute(service.store.db);
    expect(
      Number(
        (await sql<{ freelist_count: number }>`pragma freelist_count`.execute(service.store.db)).rows[0]!
          .freelist_count,
      ),
    ).toBe(0);
    const pages = Number(
      (await sql<{ page_count: number }>`pragma page_count`.execute(service.store.db)).rows[0]!.page_count,
    );
    await sql.raw(`pragma max_page_count = ${pages}`).execute(service.store.db);
    const update = complaintUpdate(4_002, 42);
    // A long complaint (about 12 KB) needs new pages: SQLITE_FULL, a real one.
    update.message.text = `42号楼${'楼道的灯坏了很久，晚上出入非常不便。'.repeat(200)}`;
    expect(await postUpdate(url, update)).toBe(500);
    expect(await written(store.db)).toMatchObject({ inbox: 0, tickets: 0, outbox: 0 });

    await sql.raw('pragma max_page_count = 1073741823').execute(service.store.db);
    expect(await postUpdate(url, update)).toBe(200);
    await waitUntil(async () => (await statusCounts(store.db, 'outbox')).sent !== undefined, 'a reply to be sent');
    expect(await statusCounts(store.db, 'inbox')).toEqual({ done: 1 });
    expect(await ticketCount(store.db)).toBe(1);
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: a full disk at the store layer`, () => {
    const cleanups: Array<() => Promise<unknown>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
      cleanups.length = 0;
    });

    /** The service's parts (webhook route, inbox worker, dispatcher) on the store seen through `faults`. */
    async function serviceOn(store: TestStore, api: FakeTelegramApi, faults: FailingWrites): Promise<string> {
      const db = store.db.withPlugin(faults);
      const config = loadConfig(telegramEnv(api, store.config.url));
      const core: Core = {
        unitOfWork: new KyselyUnitOfWork(db),
        classifier: await sharedClassifier(),
        config,
        now: () => new Date(),
        log,
      };
      const inbox = createInboxProcessor(core, { pollMs: 50 });
      const writer = new InboxWriter(core.unitOfWork, { wake: () => inbox.wake() });
      const adapter = createTelegramAdapter({
        config,
        log,
        metrics: new Metrics(),
        saveIncoming: (event) => writer.save(event),
      });
      const dispatcher = createDispatcher({ unitOfWork: core.unitOfWork, senders: [adapter.sender], log, pollMs: 50 });
      core.wakeOutbox = () => dispatcher.wake();
      const http = new HttpServer(log);
      for (const route of adapter.routes) http.add(route);
      const { port } = await http.listen(0, '127.0.0.1');
      inbox.start();
      dispatcher.start();
      cleanups.push(async () => {
        await http.close();
        await inbox.stop();
        await dispatcher.stop();
      });
      return `http://127.0.0.1:${port}`;
    }

    it('answers 500 when the inbox insert fails, stores nothing, and takes the redelivery', async () => {
      const store = await createTestStore(dialect);
      cleanups.push(() => store.cleanup());
      const api = await FakeTelegramApi.start(TELEGRAM_TOKEN);
      cleanups.push(() => api.close());
      const faults = new FailingWrites();
      const url = await serviceOn(store, api, faults);

      faults.arm(['inbox'], () => diskFullError(dialect));
      const update = complaintUpdate(4_100, 51);
      expect(await postUpdate(url, update)).toBe(500);
      expect(faults.failures).toBe(1);
      expect(await written(store.db)).toEqual({
        inbox: 0,
        residents: 0,
        tickets: 0,
        ticket_reporters: 0,
        ticket_events: 0,
        conversations: 0,
        outbox: 0,
      });

      faults.disarm();
      expect(await postUpdate(url, update)).toBe(200);
      await waitUntil(async () => (await statusCounts(store.db, 'outbox')).sent === 1, 'the receipt to be sent');
      expect(await ticketCount(store.db)).toBe(1);
      expect(acceptedTexts(api, 51)).toHaveLength(1);
    });

    it('rolls back the whole handling when a write fails after the ticket insert, and handles the event later', async () => {
      const store = await createTestStore(dialect);
      cleanups.push(() => store.cleanup());
      const api = await FakeTelegramApi.start(TELEGRAM_TOKEN);
      cleanups.push(() => api.close());
      const faults = new FailingWrites();
      const url = await serviceOn(store, api, faults);

      // The receipt is the outbox row written in the handler's transaction after the ticket.
      faults.arm(['outbox'], () => diskFullError(dialect));
      const update = complaintUpdate(4_200, 61);
      expect(await postUpdate(url, update)).toBe(200);
      const failed = await waitUntil(
        () =>
          store.db
            .selectFrom('inbox')
            .select(['status', 'attempts', 'last_error'])
            .where('attempts', '>=', 1)
            .executeTakeFirst(),
        'the first handling to fail',
      );
      faults.disarm();
      expect(faults.seen.indexOf('tickets')).toBeGreaterThanOrEqual(0);
      expect(faults.seen.indexOf('tickets')).toBeLessThan(faults.seen.lastIndexOf('outbox'));
      expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
      expect(failed.last_error).toMatch(/disk is full|No space left/);
      // Nothing of the failed handling remains: no ticket without its receipt, no resident, no history.
      // (The retry may already have started; it commits everything or nothing, so count only when it has not.)
      const afterFailure = await written(store.db);
      if (afterFailure.tickets === 0)
        expect(afterFailure).toEqual({
          inbox: 1,
          residents: 0,
          tickets: 0,
          ticket_reporters: 0,
          ticket_events: 0,
          conversations: 0,
          outbox: 0,
        });
      else expect(afterFailure.outbox).toBeGreaterThanOrEqual(1);

      // The worker retries after its back-off (about a second) and now everything is written, once.
      await waitUntil(async () => (await statusCounts(store.db, 'outbox')).sent === 1, 'the receipt after the retry');
      expect(await statusCounts(store.db, 'inbox')).toEqual({ done: 1 });
      expect(await ticketCount(store.db)).toBe(1);
      const texts = acceptedTexts(api, 61);
      expect(texts).toHaveLength(1);
      const ticket = await store.db.selectFrom('tickets').select('reference').executeTakeFirstOrThrow();
      expect(texts[0]).toContain(ticket.reference);
    });
  });
}
