import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyInboxStore } from '../../src/store/inbox-store.ts';
import { KyselyOutboxStore } from '../../src/store/outbox-store.ts';
import {
  completeItem,
  countByStatus,
  failItem,
  leaseDue,
  leaseHolders,
  releaseLeasesOf,
  renewLeases,
  type QueueTable,
} from '../../src/store/work-queue.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { backoff } from '../../src/work-queue.ts';

const T0 = new Date('2026-03-02T01:00:00.000Z');
const LEASE_MS = 60_000;

function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

for (const dialect of DIALECTS) {
  for (const table of ['inbox', 'outbox'] as const satisfies readonly QueueTable[]) {
    describe(`${dialect}: work queue (${table})`, () => {
      let store: TestStore;
      let sequence = 0;

      beforeAll(async () => {
        store = await createTestStore(dialect);
      });
      beforeEach(() => store.reset());
      afterAll(() => store.cleanup());

      /** Queues an item for a chat and returns its id. */
      async function push(chatId: string, platform = 'telegram', when = T0): Promise<number> {
        sequence += 1;
        if (table === 'inbox') {
          const saved = await new KyselyInboxStore(store.db).save(
            {
              platform,
              eventId: `e${sequence}`,
              kind: 'message',
              chat: { id: chatId, type: 'private' },
              sender: { id: chatId },
              text: `m${sequence}`,
              occurredAt: when.toISOString(),
            },
            when,
          );
          if (saved.kind !== 'saved') throw new Error('not saved');
          return saved.id;
        }
        await new KyselyOutboxStore(store.db).enqueue({ platform, chatId, message: { text: `m${sequence}` } }, when);
        const rows = await store.db.selectFrom('outbox').select('id').orderBy('id', 'desc').limit(1).execute();
        return rows[0]!.id;
      }

      async function lease(now: Date, limit = 10, platforms?: readonly string[]): Promise<number[]> {
        const items = await leaseDue(store.db, table, now, {
          limit,
          leaseMs: LEASE_MS,
          ...(platforms && { platforms }),
        });
        return items.map((i) => i.id);
      }

      async function row(id: number) {
        return store.db
          .selectFrom(table as 'inbox')
          .select(['status', 'attempts', 'next_attempt_at', 'locked_until', 'last_error'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
      }

      it('leases only the oldest pending item of each chat, and different chats side by side', async () => {
        const a1 = await push('A');
        const a2 = await push('A');
        const b1 = await push('B');
        const b2 = await push('B');
        const c1 = await push('C');
        expect(await lease(T0)).toEqual([a1, b1, c1]);
        expect([a2, b2]).not.toContain(a1);
      });

      it('reports the platform, chat and attempts of what it leased', async () => {
        const a1 = await push('A', 'line');
        expect(await leaseDue(store.db, table, T0, { limit: 10, leaseMs: LEASE_MS })).toEqual([
          { id: a1, platform: 'line', chat_id: 'A', attempts: 0 },
        ]);
      });

      it('leases no more than the limit, oldest first', async () => {
        const a = await push('A');
        const b = await push('B');
        await push('C');
        expect(await lease(T0, 2)).toEqual([a, b]);
      });

      it('does not lease a leased item again until its lease runs out', async () => {
        const a1 = await push('A');
        const b1 = await push('B');
        expect(await lease(T0)).toEqual([a1, b1]);
        expect(await lease(at(1000))).toEqual([]);
        expect(await lease(at(LEASE_MS - 1))).toEqual([]);
        // A crashed worker's items come back after the lease.
        expect(await lease(at(LEASE_MS + 1))).toEqual([a1, b1]);
      });

      it('keeps the next item of a chat waiting while the first is leased, then hands it out once the first is done', async () => {
        const a1 = await push('A');
        const a2 = await push('A');
        expect(await lease(T0)).toEqual([a1]);
        expect(await lease(at(1))).toEqual([]);
        await completeItem(store.db, table, a1, at(2));
        expect(await lease(at(3))).toEqual([a2]);
        const done = await store.db
          .selectFrom(table as 'inbox')
          .selectAll()
          .where('id', '=', a1)
          .executeTakeFirstOrThrow();
        expect(done.status).toBe(table === 'inbox' ? 'done' : 'sent');
        expect(done.locked_until).toBeNull();
        expect((done as unknown as Record<string, unknown>)[table === 'inbox' ? 'handled_at' : 'sent_at']).toBe(
          at(2).toISOString(),
        );
      });

      it('does not let a failed item block its chat', async () => {
        const a1 = await push('A');
        const a2 = await push('A');
        await lease(T0);
        await failItem(store.db, table, a1, 'chat not found', undefined);
        expect(await row(a1)).toEqual({
          status: 'failed',
          attempts: 1,
          next_attempt_at: T0.toISOString(),
          locked_until: null,
          last_error: 'chat not found',
        });
        expect(await lease(at(1))).toEqual([a2]);
        expect(await lease(at(LEASE_MS * 10))).not.toContain(a1);
      });

      it('retries a failed attempt at the time asked, keeping the chat in order meanwhile', async () => {
        const a1 = await push('A');
        const a2 = await push('A');
        const b1 = await push('B');
        await lease(T0);
        const retryAt = at(5_000);
        await failItem(store.db, table, a1, '429 Too Many Requests', retryAt);
        expect(await row(a1)).toEqual({
          status: 'pending',
          attempts: 1,
          next_attempt_at: retryAt.toISOString(),
          locked_until: null,
          last_error: '429 Too Many Requests',
        });
        // Neither the retried item nor the one behind it before the retry time; other chats go on.
        await completeItem(store.db, table, b1, at(1));
        expect(await lease(at(4_999))).toEqual([]);
        expect(await lease(retryAt)).toEqual([a1]);
        await failItem(store.db, table, a1, 'again', at(10_000));
        expect((await row(a1)).attempts).toBe(2);
        expect(await lease(at(10_000))).toEqual([a1]);
        await completeItem(store.db, table, a1, at(10_001));
        expect(await lease(at(10_002))).toEqual([a2]);
      });

      it('keeps a long error message short', async () => {
        const a1 = await push('A');
        await failItem(store.db, table, a1, 'x'.repeat(10_000), undefined);
        expect((await row(a1)).last_error).toHaveLength(2000);
      });

      it('leases only items of the platforms asked for', async () => {
        const t = await push('A', 'telegram');
        const l = await push('A', 'line');
        expect(await lease(T0, 10, ['line'])).toEqual([l]);
        expect(await lease(T0, 10, ['telegram'])).toEqual([t]);
      });

      it('does not lease an item before it is due', async () => {
        const later = await push('A', 'telegram', at(60_000));
        expect(await lease(T0)).toEqual([]);
        expect(await lease(at(60_000))).toEqual([later]);
      });

      it('never hands one item to two workers on two instances', async () => {
        const ids: number[] = [];
        for (let i = 0; i < 12; i++) ids.push(await push(`chat${i}`));
        const other = store.reopen();
        const [mine, theirs] = await Promise.all([
          leaseDue(store.db, table, T0, { limit: 12, leaseMs: LEASE_MS }),
          leaseDue(other.db, table, T0, { limit: 12, leaseMs: LEASE_MS }),
        ]);
        const leased = [...mine!, ...theirs!].map((i) => i.id);
        expect(new Set(leased).size).toBe(leased.length);
        expect(leased.sort((x, y) => x - y)).toEqual(ids);
      });

      it('renews the leases its holder still has, so a slow item is not handed out again', async () => {
        const a1 = await push('A');
        const b1 = await push('B');
        const c1 = await push('C');
        const lease = (now: Date, holder: string) =>
          leaseDue(store.db, table, now, { limit: 10, leaseMs: 10_000, holder }).then((items) =>
            items.map((i) => i.id),
          );
        expect(await lease(T0, 'host#1#one')).toEqual([a1, b1, c1]);
        await completeItem(store.db, table, c1, at(1_000));
        // Beats every few seconds: a1 and b1 stay leased far beyond one lease; c1 is done, not renewed.
        for (let t = 3_000; t <= 30_000; t += 3_000)
          expect(await renewLeases(store.db, table, [a1, b1, c1], 'host#1#one', at(t), 10_000)).toBe(2);
        expect(await lease(at(39_999), 'host#2#two')).toEqual([]);
        // A holder renews only its own leases: not those another worker holds, or that ran out and were taken.
        expect(await renewLeases(store.db, table, [a1], 'host#2#two', at(31_000), 10_000)).toBe(0);
        expect(await lease(at(40_001), 'host#2#two')).toEqual([a1, b1]);
        expect(await renewLeases(store.db, table, [a1, b1], 'host#1#one', at(40_002), 10_000)).toBe(0);
        expect(await renewLeases(store.db, table, [], 'host#1#one', at(40_002), 10_000)).toBe(0);
      });

      it('names the holders of running leases and frees those of a dead one at once, and only those', async () => {
        const a1 = await push('A');
        const b1 = await push('B');
        const c1 = await push('C');
        await leaseDue(store.db, table, T0, { limit: 1, leaseMs: 60_000, holder: 'host#1#dead' });
        await leaseDue(store.db, table, T0, { limit: 1, leaseMs: 60_000, holder: 'host#2#alive' });
        expect((await leaseHolders(store.db, table, at(1_000))).sort()).toEqual(['host#1#dead', 'host#2#alive']);
        // A lease that ran out has no holder worth naming.
        expect(await leaseHolders(store.db, table, at(60_001))).toEqual([]);

        expect(await releaseLeasesOf(store.db, table, ['host#1#dead'])).toBe(1);
        expect(await releaseLeasesOf(store.db, table, [])).toBe(0);
        // The dead holder's item is free now, long before its lease would have run out; the live one's is not.
        expect(
          await leaseDue(store.db, table, at(2_000), { limit: 10, leaseMs: 60_000, holder: 'host#3#new' }).then((r) =>
            r.map((i) => i.id),
          ),
        ).toEqual([a1, c1]);
        expect(await leaseHolders(store.db, table, at(2_000)).then((h) => h.sort())).toEqual([
          'host#2#alive',
          'host#3#new',
        ]);
        // A finished item is never freed again (nothing is handled twice).
        await completeItem(store.db, table, b1, at(3_000));
        expect(await releaseLeasesOf(store.db, table, ['host#2#alive'])).toBe(0);
        expect((await row(b1)).status).toBe(table === 'inbox' ? 'done' : 'sent');
      });

      it('does not turn an item another worker finished back into a pending one', async () => {
        const a1 = await push('A');
        await lease(T0);
        await completeItem(store.db, table, a1, at(1));
        // The slow first worker fails late, after its lease ran out and another worker finished the item.
        await failItem(store.db, table, a1, 'LLM timeout', at(5_000));
        expect((await row(a1)).status).toBe(table === 'inbox' ? 'done' : 'sent');
        expect(await lease(at(LEASE_MS * 2))).toEqual([]);
      });

      it('counts items by status', async () => {
        const a1 = await push('A');
        const b1 = await push('B');
        await push('C');
        await completeItem(store.db, table, a1, T0);
        await failItem(store.db, table, b1, 'boom', undefined);
        expect(await countByStatus(store.db, table)).toEqual({
          pending: 1,
          failed: 1,
          [table === 'inbox' ? 'done' : 'sent']: 1,
        });
      });
    });
  }
}

describe('backoff', () => {
  it('doubles from about a second and stops at the cap', () => {
    for (let i = 0; i < 20; i++) {
      expect(backoff(1)).toBeGreaterThanOrEqual(800);
      expect(backoff(1)).toBeLessThanOrEqual(1200);
      expect(backoff(3)).toBeGreaterThanOrEqual(3200);
      expect(backoff(3)).toBeLessThanOrEqual(4800);
      expect(backoff(30, 60_000)).toBeLessThanOrEqual(72_000);
      expect(backoff(30, 60_000)).toBeGreaterThanOrEqual(48_000);
    }
  });
});
