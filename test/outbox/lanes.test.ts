import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyOutboxStore, laneOf } from '../../src/store/outbox-store.ts';
import { leaseDue } from '../../src/store/work-queue.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const NOW = new Date('2026-11-23T02:00:00Z');

for (const dialect of DIALECTS) {
  describe(`${dialect}: outbox lanes`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it('puts button answers and urgent alerts in lanes of their own', () => {
      expect(laneOf({ text: 'x' })).toBe('chat');
      expect(laneOf({ text: 'x', urgent: true })).toBe('urgent');
      expect(laneOf({ text: '', callbackAnswer: { id: '1', alert: false } })).toBe('answer');
      expect(laneOf({ text: '✅ W-0001 已受理', interactive: true })).toBe('reply');
    });

    it('does not hold a button answer or an urgent card behind routine messages to the same group', async () => {
      const outbox = new KyselyOutboxStore(store.db);
      for (let i = 0; i < 5; i++)
        await outbox.enqueue({ platform: 't', chatId: 'staff', message: { text: `routine ${i}` } }, NOW);
      await outbox.enqueue({ platform: 't', chatId: 'staff', message: { text: '🚨 urgent', urgent: true } }, NOW);
      await outbox.enqueue(
        { platform: 't', chatId: 'staff', message: { text: 'ok', callbackAnswer: { id: 'cb', alert: false } } },
        NOW,
      );
      const leased = await leaseDue(store.db, 'outbox', NOW, { limit: 10, leaseMs: 60_000 });
      const texts = await Promise.all(leased.map(async (r) => (await outbox.load(r.id))!.message.text));
      expect(texts).toEqual(['routine 0', '🚨 urgent', 'ok']);
    });
  });
}
