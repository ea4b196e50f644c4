import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyOutboxStore } from '../../src/store/outbox-store.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-03-02T01:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`${dialect}: outbox store`, () => {
    let store: TestStore;
    let outbox: KyselyOutboxStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
      outbox = new KyselyOutboxStore(store.db);
    });
    beforeEach(() => store.reset());
    afterAll(() => store.cleanup());

    it('queues a message with buttons and gives it back', async () => {
      const message = {
        text: '收到：W-0001',
        buttons: [[{ label: '解决了', data: 'fixed:1' }]],
        style: 'quick-replies' as const,
      };
      expect(await outbox.enqueue({ platform: 'telegram', chatId: '42', message }, T0)).toBe(true);
      const [item] = await outbox.forChat('telegram', '42');
      expect(item).toMatchObject({
        platform: 'telegram',
        chatId: '42',
        message,
        attempts: 0,
        ticketId: null,
        createdAt: T0,
        status: 'pending',
      });
      expect(item!.retryKey).toMatch(/^[0-9a-f-]{36}$/);
      const { status: _status, ...loaded } = item!;
      expect(await outbox.load(item!.id)).toEqual(loaded);
      expect(await outbox.load(item!.id + 1000)).toBeUndefined();
    });

    it('queues a message with a dedupe key once, however often it is asked for', async () => {
      const item = {
        platform: 'telegram',
        chatId: '-1001',
        message: { text: 'agenda' },
        dedupeKey: 'agenda:2026-W10:telegram:-1001',
      };
      expect(await outbox.enqueue(item, T0)).toBe(true);
      expect(await outbox.enqueue({ ...item, message: { text: 'agenda again' } }, T0)).toBe(false);
      expect(await outbox.enqueue({ ...item, dedupeKey: 'agenda:2026-W11:telegram:-1001' }, T0)).toBe(true);
      expect((await outbox.forChat('telegram', '-1001')).map((m) => m.message.text)).toEqual(['agenda', 'agenda']);
    });

    it('queues messages without a dedupe key every time', async () => {
      expect(await outbox.enqueue({ platform: 'line', chatId: 'U1', message: { text: 'hi' } }, T0)).toBe(true);
      expect(await outbox.enqueue({ platform: 'line', chatId: 'U1', message: { text: 'hi' } }, T0)).toBe(true);
      const items = await outbox.forChat('line', 'U1');
      expect(items).toHaveLength(2);
      expect(items[0]!.retryKey).not.toBe(items[1]!.retryKey);
    });

    it('finds the ticket of a delivered card by the platform message id', async () => {
      const ticket = await store.db
        .insertInto('tickets')
        .values({
          reference: 'W-0001',
          category: 'water_supply',
          urgency: 'normal',
          status: 'open',
          summary: 's',
          description: 'd',
          place_building: null,
          place_unit: null,
          place_spot: null,
          place_text: null,
          latitude: null,
          longitude: null,
          language: 'zh-CN',
          classifier_source: 'offline',
          classifier_model: null,
          classifier_latency_ms: null,
          confidence: null,
          duplicate_of: null,
          assignee_id: null,
          reopened_count: 0,
          explanation_reason: null,
          explanation_plan: null,
          created_at: T0.toISOString(),
          updated_at: T0.toISOString(),
          first_response_at: null,
          resolved_at: null,
          closed_at: null,
          response_due_at: T0.toISOString(),
          resolution_due_at: T0.toISOString(),
          response_overdue_notified_at: null,
          resolution_overdue_notified_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await outbox.enqueue(
        { platform: 'telegram', chatId: '-1001', message: { text: 'card' }, ticketId: ticket.id },
        T0,
      );
      const [card] = await outbox.forChat('telegram', '-1001');
      await outbox.setPlatformMessageId(card!.id, '555');
      expect(await outbox.ticketOfMessage('telegram', '-1001', '555')).toBe(ticket.id);
      expect(await outbox.ticketOfMessage('telegram', '-1001', '556')).toBeUndefined();
      expect(await outbox.ticketOfMessage('telegram', '-1002', '555')).toBeUndefined();
    });
  });
}
