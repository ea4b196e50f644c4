import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InboxWriter } from '../../src/inbox/inbox-writer.ts';
import type { IncomingEvent } from '../../src/turn/incoming-event.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';

const event = (id: string, chat = `c-${id}`): IncomingEvent => ({
  platform: 'test',
  eventId: id,
  kind: 'message',
  chat: { id: chat, type: 'private' },
  sender: { id: chat },
  text: `text ${id}`,
  occurredAt: '2026-11-23T02:00:00.000Z',
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: inbox writer (group commit)`, () => {
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

    it('writes concurrent saves together and tells each caller its own outcome', async () => {
      let wakes = 0;
      const writer = new InboxWriter(new KyselyUnitOfWork(store.db), { wake: () => wakes++ });
      await writer.save(event('old'));
      const outcomes = await Promise.all([
        writer.save(event('a')),
        writer.save(event('b')),
        writer.save(event('old')),
        writer.save(event('a')),
        writer.save(event('c')),
      ]);
      expect(outcomes).toEqual(['saved', 'saved', 'duplicate', 'duplicate', 'saved']);
      const rows = await store.db.selectFrom('inbox').select(['event_id', 'payload']).orderBy('id').execute();
      expect(rows.map((r) => r.event_id)).toEqual(['old', 'a', 'b', 'c']);
      expect(JSON.parse(rows[1]!.payload)).toMatchObject({ eventId: 'a', text: 'text a' });
      expect(wakes).toBe(2);
    });

    it('fails every caller of a group whose write fails, and stores none of it', async () => {
      const writer = new InboxWriter(new KyselyUnitOfWork(store.db));
      const huge = { ...event('bad'), chat: { id: null as unknown as string, type: 'private' as const } };
      const results = await Promise.allSettled([writer.save(event('x')), writer.save(huge)]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(await store.db.selectFrom('inbox').select('id').execute()).toEqual([]);
      expect(await writer.save(event('x'))).toBe('saved');
    });
  });
}
