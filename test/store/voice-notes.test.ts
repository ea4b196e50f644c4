import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyAttachmentFiles } from '../../src/store/attachment-files.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { KyselyVoiceNotes } from '../../src/store/voice-notes.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-12-15T02:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

for (const dialect of DIALECTS) {
  describe(`${dialect}: KyselyVoiceNotes`, () => {
    let store: TestStore;
    let tickets: KyselyTicketStore;
    let notes: KyselyVoiceNotes;
    let files: KyselyAttachmentFiles;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      tickets = new KyselyTicketStore(store.db);
      notes = new KyselyVoiceNotes(store.db);
      files = new KyselyAttachmentFiles(store.db);
    });
    afterAll(() => store.cleanup());

    const voiceNote = (fileId: string, transcribe = true) =>
      tickets.addAttachment(
        {
          ticketId: null,
          inboxId: null,
          kind: 'audio',
          platform: 'telegram',
          fileId,
          mimeType: 'audio/ogg',
          durationSeconds: 12,
          ...(transcribe && { transcribe: { language: 'zh' } }),
        },
        T0,
      );

    it('offers a voice note once its file is downloaded, with what the worker needs', async () => {
      const id = await voiceNote('v1');
      await voiceNote('v2', false);
      expect(await notes.due(T0, 10)).toEqual([]);
      expect((await files.pending(['telegram'], 10, 'audio')).map((a) => a.platformFileId)).toEqual(['v1', 'v2']);
      expect(await files.pending(['telegram'], 10, 'photo')).toEqual([]);
      await files.stored(id, { path: '/data/attachments/telegram/1.ogg', mimeType: 'audio/ogg', sizeBytes: 900 });
      expect(await notes.due(T0, 10)).toEqual([
        {
          id,
          platform: 'telegram',
          inboxId: null,
          path: '/data/attachments/telegram/1.ogg',
          mimeType: 'audio/ogg',
          sizeBytes: 900,
          durationSeconds: 12,
          language: 'zh',
        },
      ]);
    });

    it('lets one worker hold a note until its claim passes, and settles it for good', async () => {
      const id = await voiceNote('v1');
      await files.givenUp(id, 'skipped:too-large', 30_000_000);
      expect(await notes.claim(id, T0, later(60_000))).toBe(true);
      expect(await notes.claim(id, later(1_000), later(61_000))).toBe(false);
      expect(await notes.due(later(1_000), 10)).toEqual([]);
      // A worker that died: its claim passes and another takes the note.
      expect((await notes.due(later(60_001), 10)).map((n) => n.id)).toEqual([id]);
      expect(await notes.claim(id, later(60_001), later(120_000))).toBe(true);
      await notes.settle(id, { status: 'failed', text: 'not downloaded (skipped:too-large)' });
      expect(await notes.claim(id, later(200_000), later(260_000))).toBe(false);
      expect(await notes.due(later(200_000), 10)).toEqual([]);
      const row = await store.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        transcript_status: 'failed',
        transcript: 'not downloaded (skipped:too-large)',
        transcript_claimed_until: null,
      });
    });

    it('gives a note recorded before its ticket to the ticket', async () => {
      const id = await voiceNote('v1');
      expect(await tickets.ticketOfAttachment(id)).toBeNull();
      expect(await tickets.ticketOfAttachment(id + 1000)).toBeUndefined();
      const ticket = await tickets.create(
        {
          category: 'water_supply',
          urgency: 'normal',
          hazard: null,
          summary: '停水',
          description: '3号楼停水',
          place: null,
          location: null,
          language: 'zh-CN',
          classifierSource: 'offline',
          classifierModel: null,
          classifierLatencyMs: null,
          classifierDetails: {},
          confidence: null,
          responseDueAt: later(3_600_000),
          resolutionDueAt: later(86_400_000),
          createdAt: T0,
        },
        null,
      );
      await tickets.attachToTicket(id, ticket.id);
      expect(await tickets.ticketOfAttachment(id)).toBe(ticket.id);
    });
  });
}
