import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261229100000_outbox_ahead_lanes.ts';
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
      expect(texts).toEqual(['🚨 urgent', 'ok', 'routine 0']);
    });

    it('sends an urgent alert, a button answer and a reply to staff before the receipts queued across other chats', async () => {
      const outbox = new KyselyOutboxStore(store.db);
      for (let i = 0; i < 5; i++)
        await outbox.enqueue({ platform: 't', chatId: `resident-${i}`, message: { text: `receipt ${i}` } }, NOW);
      await outbox.enqueue({ platform: 't', chatId: 'staff', message: { text: '🚨 trapped', urgent: true } }, NOW);
      await outbox.enqueue(
        { platform: 't', chatId: 'staff-2', message: { text: '✅ W-0001', interactive: true } },
        NOW,
      );
      const lease = async (limit: number) =>
        Promise.all(
          (await leaseDue(store.db, 'outbox', NOW, { limit, leaseMs: 60_000 })).map(
            async (r) => (await outbox.load(r.id))!.message.text,
          ),
        );
      // One at a time, as the dispatcher leases under webhook load: the alert first, then the reply.
      expect(await lease(1)).toEqual(['🚨 trapped']);
      expect(await lease(1)).toEqual(['✅ W-0001']);
      expect(await lease(3)).toEqual(['receipt 0', 'receipt 1', 'receipt 2']);
    });

    it('finds the lanes that go first through their index, not by walking the backlog', async () => {
      await down(store.db as never);
      await up(store.db as never);
      const query = `select id from outbox where status = 'pending' and lane in ('answer', 'urgent', 'reply')`;
      const plan =
        dialect === 'sqlite'
          ? (await sql<{ detail: string }>`explain query plan ${sql.raw(query)}`.execute(store.db)).rows
              .map((r) => r.detail)
              .join('\n')
          : await store.db.connection().execute(async (conn) => {
              await sql`set enable_seqscan = off`.execute(conn);
              const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(query)}`.execute(conn);
              await sql`reset enable_seqscan`.execute(conn);
              return rows.map((r) => r['QUERY PLAN']).join('\n');
            });
      expect(plan).toContain('outbox_ahead_pending');
    });
  });
}
