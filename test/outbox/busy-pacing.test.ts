import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import type { OutgoingMessage, Sender, SendResult } from '../../src/outbox/outgoing-message.ts';
import { BUSY_MAX_PAUSE_MS, BUSY_SPACING_MS } from '../../src/queue-worker.ts';
import { KyselyOutboxStore } from '../../src/store/outbox-store.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';

const SEND_MS = 150;

/** A platform that answers every send after {@link SEND_MS}, recording when each was in hand. */
class SlowPlatform implements Sender {
  readonly platform = 'slow';
  readonly spans: Array<{ start: number; end: number }> = [];
  inHand = 0;
  most = 0;

  async send(_chatId: string, _message: OutgoingMessage): Promise<SendResult> {
    const start = performance.now();
    this.most = Math.max(this.most, ++this.inHand);
    await new Promise((resolve) => setTimeout(resolve, SEND_MS));
    this.inHand--;
    this.spans.push({ start, end: performance.now() });
    return { kind: 'sent' };
  }
}

describe('outbox dispatcher under webhook load', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore('sqlite');
  });
  afterAll(async () => {
    await store.cleanup();
  });

  it('sends one message at a time, spaced, and a slow platform does not lengthen the pause between them', async () => {
    const outbox = new KyselyOutboxStore(store.db);
    for (let i = 0; i < 4; i++)
      await outbox.enqueue({ platform: 'slow', chatId: `resident${i}`, message: { text: `受理 ${i}` } }, new Date());
    const platform = new SlowPlatform();
    const dispatcher = createDispatcher({
      unitOfWork: new KyselyUnitOfWork(store.db),
      senders: [platform],
      log: pino({ level: 'silent' }),
      pollMs: 10,
      busy: () => true,
    });
    dispatcher.start();
    for (const until = Date.now() + 10_000; platform.spans.length < 4 && Date.now() < until;)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await dispatcher.stop();

    // Every receipt sent although the server never stopped being busy, one at a time…
    expect(platform.spans).toHaveLength(4);
    expect(platform.most).toBe(1);
    for (let i = 1; i < platform.spans.length; i++) {
      const before = platform.spans[i - 1]!;
      const next = platform.spans[i]!;
      expect(next.start - before.start).toBeGreaterThanOrEqual(BUSY_SPACING_MS);
      // …and the next taken up soon after: paced as the inbox's events are (eight times the send's
      // duration), each would wait BUSY_MAX_PAUSE_MS, an urgent alert as long as a receipt.
      expect(next.start - before.end).toBeLessThan(BUSY_MAX_PAUSE_MS / 2);
    }
  });
});
