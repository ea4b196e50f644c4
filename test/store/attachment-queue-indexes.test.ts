import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261229090000_attachment_queue_indexes.ts';
import { KyselyAttachmentFiles } from '../../src/store/attachment-files.ts';
import { KyselyHeldCards } from '../../src/store/held-cards.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-12-29T02:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`${dialect}: the attachment workers' partial indexes (20261229090000)`, () => {
    let store: TestStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(() => store.cleanup());

    /** The plan the database makes for a query, with table scans ruled out on PostgreSQL (a tiny table is scanned otherwise). */
    async function plan(query: string): Promise<string> {
      if (dialect === 'sqlite')
        return (await sql<{ detail: string }>`explain query plan ${sql.raw(query)}`.execute(store.db)).rows
          .map((r) => r.detail)
          .join('\n');
      return store.db.connection().execute(async (conn) => {
        await sql`set enable_seqscan = off`.execute(conn);
        const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(query)}`.execute(conn);
        await sql`reset enable_seqscan`.execute(conn);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    }

    it('lets both workers read only their queue, and migrates over rows already there', async () => {
      const tickets = new KyselyTicketStore(store.db);
      const files = new KyselyAttachmentFiles(store.db);
      const add = (fileId: string) =>
        tickets.addAttachment(
          { ticketId: null, inboxId: null, kind: 'audio', platform: 'line', fileId, mimeType: 'audio/x-m4a' },
          T0,
        );
      const [saved, waiting, held] = [await add('q1'), await add('q2'), await add('q3')];
      await files.stored(saved, { path: '/data/attachments/line/q1.m4a', mimeType: 'audio/x-m4a', sizeBytes: 9 });
      await tickets.holdCardForRecording(held, { heard: false });

      await down(store.db as never);
      await up(store.db as never);

      // The same answers through the stores.
      expect((await files.pending(['line'], 10)).map((p) => p.id)).toEqual([waiting, held]);
      expect(await new KyselyHeldCards(store.db).due(new Date(T0.getTime() + 1), 10)).toEqual([
        { attachmentId: held, inboxId: null, card: { heard: false } },
      ]);

      const notDownloaded = await plan(
        `select id from attachments where path is null and platform in ('line') and platform_file_id is not null order by id limit 20`,
      );
      expect(notDownloaded).toContain('attachments_not_downloaded');
      const heldCards = await plan(`select id from attachments where held_card is not null order by id limit 20`);
      expect(heldCards).toContain('attachments_held_cards');
    });
  });
}
