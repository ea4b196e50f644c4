import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUSY_MAX_PAUSE_MS,
  BUSY_PAUSE_FACTOR,
  BUSY_SPACING_MS,
  DEFAULT_LEASE_MS,
  QueueWorker,
} from '../src/queue-worker.ts';
import { KyselyInboxStore } from '../src/store/inbox-store.ts';
import { LEASE_HOLDER } from '../src/lease-holder.ts';
import { completeItem, KyselyWorkQueue, leaseDue } from '../src/store/work-queue.ts';
import { createTestStore, type TestStore } from './support/databases.ts';

describe('QueueWorker', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore('sqlite');
  });
  afterAll(async () => {
    await store.cleanup();
  });

  it('gives way while the server is busy: one item at a time, spaced, and catches up after', async () => {
    const inbox = new KyselyInboxStore(store.db);
    for (let i = 0; i < 8; i++) {
      await inbox.save(
        {
          platform: 't',
          eventId: `e${i}`,
          kind: 'message',
          chat: { id: `c${i}`, type: 'private' },
          sender: { id: 'u' },
          occurredAt: '',
        },
        new Date(),
      );
    }
    let busy = true;
    let inHand = 0;
    let most = 0;
    const started: number[] = [];
    const worker = new QueueWorker({
      queue: new KyselyWorkQueue(store.db, 'inbox'),
      log: pino({ level: 'silent' }),
      concurrency: 4,
      pollMs: 10,
      busy: () => busy,
      handle: async (item) => {
        inHand++;
        most = Math.max(most, inHand);
        started.push(performance.now());
        await new Promise((resolve) => setTimeout(resolve, 5));
        await completeItem(store.db, 'inbox', item.id, new Date());
        inHand--;
      },
      onError: async () => {},
    });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, BUSY_SPACING_MS * 3));
    const whileBusy = started.length;
    expect(most).toBe(1);
    expect(whileBusy).toBeGreaterThanOrEqual(1);
    expect(whileBusy).toBeLessThanOrEqual(4);
    busy = false;
    for (const until = Date.now() + 5_000; started.length < 8 && Date.now() < until;)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    expect(started).toHaveLength(8);
    expect(most).toBeGreaterThan(1);
  });

  it('under a load that never ends, pauses after each item for longer the longer it took, and still handles every one', async () => {
    const inbox = new KyselyInboxStore(store.db);
    // The second item is costly (matching against many open tickets, a loaded machine): its pause is the longest allowed.
    const takes = [20, 150, 20];
    for (let i = 0; i < takes.length; i++) {
      await inbox.save(
        {
          platform: 'load',
          eventId: `l${i}`,
          kind: 'message',
          chat: { id: `load${i}`, type: 'private' },
          sender: { id: 'u' },
          occurredAt: '',
        },
        new Date(),
      );
    }
    const spans: Array<{ start: number; end: number }> = [];
    const worker = new QueueWorker({
      queue: new KyselyWorkQueue(store.db, 'inbox'),
      log: pino({ level: 'silent' }),
      pollMs: 10,
      platforms: ['load'],
      busy: () => true,
      handle: async (item) => {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, takes[spans.length]));
        await completeItem(store.db, 'inbox', item.id, new Date());
        spans.push({ start, end: performance.now() });
      },
      onError: async () => {},
    });
    worker.start();
    for (const until = Date.now() + 30_000; spans.length < takes.length && Date.now() < until;)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await worker.stop();
    // Every item handled although the server never stopped being busy (an urgent report is never held for good)…
    expect(spans).toHaveLength(takes.length);
    // …each taken up only after a pause of BUSY_PAUSE_FACTOR times what the one before took, at most BUSY_MAX_PAUSE_MS.
    for (let i = 1; i < spans.length; i++) {
      const before = spans[i - 1]!;
      const pause = Math.min(BUSY_MAX_PAUSE_MS, BUSY_PAUSE_FACTOR * (before.end - before.start));
      expect(spans[i]!.start - before.end).toBeGreaterThanOrEqual(pause);
    }
    expect(BUSY_PAUSE_FACTOR * takes[1]!).toBeGreaterThan(BUSY_MAX_PAUSE_MS);
  });

  it('answers HTTP requests while it works through a full queue on SQLite, not only once the queue is empty', async () => {
    const inbox = new KyselyInboxStore(store.db);
    const queued = 300;
    for (let i = 0; i < queued; i++) {
      await inbox.save(
        {
          platform: 'full',
          eventId: `f${i}`,
          kind: 'message',
          chat: { id: `full${i}`, type: 'private' },
          sender: { id: 'u' },
          occurredAt: '',
        },
        new Date(),
      );
    }
    const server = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    let handled = 0;
    const worker = new QueueWorker({
      queue: new KyselyWorkQueue(store.db, 'inbox'),
      log: pino({ level: 'silent' }),
      pollMs: 10,
      platforms: ['full'],
      // Every query of SQLite answers at once: handling an item never waits for the event loop.
      handle: async (item) => {
        await completeItem(store.db, 'inbox', item.id, new Date());
        handled++;
      },
      onError: async () => {},
    });
    try {
      worker.start();
      const answer = await fetch(`http://127.0.0.1:${port}/`);
      expect(await answer.text()).toBe('ok');
      // The request was read and answered between the worker's rounds, long before the queue ran dry.
      expect(handled).toBeLessThan(queued / 2);
      for (const until = Date.now() + 30_000; handled < queued && Date.now() < until;)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(handled).toBe(queued);
    } finally {
      await worker.stop();
      server.close();
    }
  });

  const event = (eventId: string, chatId: string) => ({
    platform: 't',
    eventId,
    kind: 'message' as const,
    chat: { id: chatId, type: 'private' as const },
    sender: { id: 'u' },
    occurredAt: '',
  });
  const worker = (holder: string, handle: (id: number) => Promise<void>, leaseMs = 300) =>
    new QueueWorker({
      queue: new KyselyWorkQueue(store.db, 'inbox'),
      log: pino({ level: 'silent' }),
      pollMs: 20,
      leaseMs,
      holder,
      handle: (item) => handle(item.id),
      onError: async () => {},
    });

  it('leases for 15 s by default, whatever the LLM timeout', async () => {
    const saved = await new KyselyInboxStore(store.db).save(event('default', 'default-chat'), new Date());
    if (saved.kind !== 'saved') throw new Error('not saved');
    let lockedFor = 0;
    const plain = new QueueWorker({
      queue: new KyselyWorkQueue(store.db, 'inbox'),
      log: pino({ level: 'silent' }),
      handle: async (item) => {
        const row = await store.db
          .selectFrom('inbox')
          .select(['locked_until', 'locked_by'])
          .where('id', '=', item.id)
          .executeTakeFirstOrThrow();
        expect(row.locked_by).toBe(LEASE_HOLDER);
        lockedFor = Date.parse(row.locked_until!) - Date.now();
        await completeItem(store.db, 'inbox', item.id, new Date());
      },
      onError: async () => {},
    });
    await plain.drain();
    expect(DEFAULT_LEASE_MS).toBe(15_000);
    expect(lockedFor).toBeGreaterThan(10_000);
    expect(lockedFor).toBeLessThanOrEqual(15_000);
  });

  it('keeps the lease of an item in hand far beyond one lease: another worker never takes it meanwhile', async () => {
    const saved = await new KyselyInboxStore(store.db).save(event('slow', 'slow-chat'), new Date());
    if (saved.kind !== 'saved') throw new Error('not saved');
    const handled: string[] = [];
    let release!: () => void;
    const slow = worker('host#1#slow', async (id) => {
      handled.push(`slow:${id}`);
      // An LLM call that takes five leases.
      await new Promise<void>((resolve) => (release = resolve));
      await completeItem(store.db, 'inbox', id, new Date());
    });
    const other = worker('host#2#other', async (id) => {
      handled.push(`other:${id}`);
      await completeItem(store.db, 'inbox', id, new Date());
    });
    slow.start();
    for (const until = Date.now() + 5_000; handled.length === 0 && Date.now() < until;)
      await new Promise((resolve) => setTimeout(resolve, 10));
    other.start();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    release();
    await slow.stop();
    await other.stop();
    expect(handled).toEqual([`slow:${saved.id}`]);
    expect(
      (await store.db.selectFrom('inbox').select('status').where('id', '=', saved.id).executeTakeFirstOrThrow()).status,
    ).toBe('done');
  });

  it('on start takes back at once what a dead process on this host held, and leaves a live one’s alone', async () => {
    const inbox = new KyselyInboxStore(store.db);
    const orphan = await inbox.save(event('orphan', 'orphan-chat'), new Date());
    const held = await inbox.save(event('held', 'held-chat'), new Date());
    if (orphan.kind !== 'saved' || held.kind !== 'saved') throw new Error('not saved');
    const host = LEASE_HOLDER.split('#')[0]!;
    // A pid beyond pid_max cannot be running: the holder crashed with the item in hand, leased for a minute.
    await leaseDue(store.db, 'inbox', new Date(), {
      limit: 1,
      leaseMs: 60_000,
      holder: `${host}#999999999#dead`,
      chatIds: ['orphan-chat'],
    });
    // The test's own pid is alive (another start of this process would be this one): its lease stands.
    await leaseDue(store.db, 'inbox', new Date(), {
      limit: 1,
      leaseMs: 60_000,
      holder: `${host}#${process.ppid}#alive`,
      chatIds: ['held-chat'],
    });
    const handled: number[] = [];
    const restarted = worker(
      LEASE_HOLDER,
      async (id) => {
        handled.push(id);
        await completeItem(store.db, 'inbox', id, new Date());
      },
      60_000,
    );
    const started = Date.now();
    restarted.start();
    for (const until = Date.now() + 5_000; handled.length === 0 && Date.now() < until;)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const tookMs = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await restarted.stop();
    expect(handled).toEqual([orphan.id]);
    expect(tookMs).toBeLessThan(5_000);
  });
});
