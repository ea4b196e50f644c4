import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSY_SPACING_MS, QueueWorker } from '../src/queue-worker.ts';
import { KyselyInboxStore } from '../src/store/inbox-store.ts';
import { completeItem } from '../src/store/work-queue.ts';
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
      await inbox.save({ platform: 't', eventId: `e${i}`, kind: 'message', chat: { id: `c${i}`, type: 'private' }, sender: { id: 'u' }, occurredAt: '' }, new Date());
    }
    let busy = true;
    let inHand = 0;
    let most = 0;
    const started: number[] = [];
    const worker = new QueueWorker({
      db: store.db,
      table: 'inbox',
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
    for (const until = Date.now() + 5_000; started.length < 8 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    expect(started).toHaveLength(8);
    expect(most).toBeGreaterThan(1);
  });
});
