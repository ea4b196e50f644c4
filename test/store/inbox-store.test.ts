import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/config.ts';
import { openStore } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import type { Database } from '../../src/store/schema.ts';
import type { IncomingEvent } from '../../src/turn/incoming-event.ts';
import { KyselyInboxStore } from '../../src/store/inbox-store.ts';
import { failItem } from '../../src/store/work-queue.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-03-02T01:00:00.000Z');

function event(eventId: string, overrides: Partial<IncomingEvent> = {}): IncomingEvent {
  return {
    platform: 'telegram',
    eventId,
    kind: 'message',
    chat: { id: '42', type: 'private' },
    sender: { id: '42', displayName: '王阿姨' },
    text: '3号楼2单元停水一天了',
    occurredAt: T0.toISOString(),
    ...overrides,
  };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: inbox store`, () => {
    let store: TestStore;
    let inbox: KyselyInboxStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
      inbox = new KyselyInboxStore(store.db);
    });
    beforeEach(() => store.reset());
    afterAll(() => store.cleanup());

    it('saves an event and gives it back as it came', async () => {
      const saved = await inbox.save(event('1001'), T0);
      expect(saved.kind).toBe('saved');
      const id = saved.kind === 'saved' ? saved.id : -1;
      expect(await inbox.load(id)).toEqual({ id, event: event('1001'), attempts: 0 });
      expect(await inbox.load(id + 1000)).toBeUndefined();
    });

    it('ignores a repeat of a platform event id', async () => {
      expect((await inbox.save(event('1001'), T0)).kind).toBe('saved');
      expect(await inbox.save(event('1001', { text: 'changed' }), T0)).toEqual({ kind: 'duplicate' });
      const rows = await store.db.selectFrom('inbox').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]!.payload)).toMatchObject({ text: '3号楼2单元停水一天了' });
    });

    it('ignores a repeat that arrives at two instances at once', async () => {
      const other = new KyselyInboxStore(store.reopen().db);
      const results = await Promise.all([
        inbox.save(event('7'), T0),
        other.save(event('7'), T0),
        inbox.save(event('7'), T0),
      ]);
      expect(results.map((r) => r.kind).sort()).toEqual(['duplicate', 'duplicate', 'saved']);
    });

    it('keeps the same event id of two platforms apart', async () => {
      expect((await inbox.save(event('1001'), T0)).kind).toBe('saved');
      expect((await inbox.save(event('1001', { platform: 'line' }), T0)).kind).toBe('saved');
    });

    it('keeps events that failed for good and can put them back in the queue', async () => {
      const saved = await inbox.save(event('1001'), T0);
      await inbox.save(event('1002'), T0);
      const id = saved.kind === 'saved' ? saved.id : -1;
      await failItem(store.db, 'inbox', id, 'handler threw', undefined);
      expect(await inbox.failed()).toEqual([
        {
          id,
          platform: 'telegram',
          eventId: '1001',
          chatId: '42',
          attempts: 1,
          lastError: 'handler threw',
          receivedAt: T0,
        },
      ]);
      const later = new Date(T0.getTime() + 60_000);
      expect(await inbox.retryFailed(later)).toBe(1);
      expect(await inbox.failed()).toEqual([]);
      expect(
        await store.db
          .selectFrom('inbox')
          .select(['status', 'attempts', 'next_attempt_at'])
          .where('id', '=', id)
          .executeTakeFirst(),
      ).toEqual({
        status: 'pending',
        attempts: 0,
        next_attempt_at: later.toISOString(),
      });
    });
  });
}

// SQLite runs with synchronous = NORMAL, whose commits a power cut may take back. The inbox's is the
// commit the webhook's 200 stands on, so it alone is synced: read from the statements SQLite runs.
describe('sqlite: inbox store on the disk', () => {
  it('commits a save with synchronous = FULL and leaves the connection at NORMAL; in a transaction the caller commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-inbox-durable-'));
    try {
      const file = join(dir, 'linli.db');
      const store = openStore(parseDatabaseUrl(`sqlite:${file}`));
      await migrateToLatest(store);
      await store.close();
      const statements: string[] = [];
      const raw = new SqliteDatabase(file, { verbose: (statement) => statements.push(String(statement)) });
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
      try {
        statements.length = 0;
        expect(await new KyselyInboxStore(db).saveMany([event('1'), event('2')], T0)).toEqual([
          { kind: 'saved', id: 1 },
          { kind: 'saved', id: 2 },
        ]);
        const at = (pattern: RegExp) => statements.findIndex((statement) => pattern.test(statement));
        expect(at(/pragma synchronous = FULL/i)).toBeGreaterThanOrEqual(0);
        expect(at(/pragma synchronous = FULL/i)).toBeLessThan(at(/insert into inbox/i));
        expect(at(/insert into inbox/i)).toBeLessThan(at(/pragma synchronous = NORMAL/i));
        expect(raw.pragma('synchronous', { simple: true })).toBe(1);

        statements.length = 0;
        await db.transaction().execute((trx) => new KyselyInboxStore(trx).saveMany([event('3')], T0));
        expect(statements.filter((statement) => /synchronous/i.test(statement))).toEqual([]);
        expect(statements.some((statement) => /insert into inbox/i.test(statement))).toBe(true);
      } finally {
        await db.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
