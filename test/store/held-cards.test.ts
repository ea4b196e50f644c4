import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyAttachmentFiles } from '../../src/store/attachment-files.ts';
import { KyselyHeldCards } from '../../src/store/held-cards.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { CARD_HOLD_MS } from '../../src/voice/release-held-cards.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-12-27T02:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

for (const dialect of DIALECTS) {
  describe(`${dialect}: staff cards held for their recording`, () => {
    let store: TestStore;
    let tickets: KyselyTicketStore;
    let held: KyselyHeldCards;
    let files: KyselyAttachmentFiles;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      tickets = new KyselyTicketStore(store.db);
      held = new KyselyHeldCards(store.db);
      files = new KyselyAttachmentFiles(store.db);
    });
    afterAll(() => store.cleanup());

    const recording = (fileId: string) =>
      tickets.addAttachment(
        { ticketId: null, inboxId: null, kind: 'audio', platform: 'line', fileId, mimeType: 'audio/x-m4a' },
        T0,
      );

    it('holds a card while the recording downloads, and lets it out once saved, given up, or held too long', async () => {
      const [saved, gone, slow] = [await recording('a1'), await recording('a2'), await recording('a3')];
      for (const id of [saved, gone, slow])
        expect(await tickets.holdCardForRecording(id, { heard: false, photoFileId: 'p1' })).toEqual({
          status: 'downloading',
        });
      expect(await held.due(later(-CARD_HOLD_MS), 10)).toEqual([]);

      await files.stored(saved, { path: '/data/attachments/line/1.m4a', mimeType: 'audio/x-m4a', sizeBytes: 900 });
      await files.givenUp(gone, 'skipped:too-large', 30_000_000);
      expect(await held.due(later(-CARD_HOLD_MS), 10)).toEqual([
        { attachmentId: saved, inboxId: null, card: { heard: false, photoFileId: 'p1' } },
        { attachmentId: gone, inboxId: null, card: { heard: false, photoFileId: 'p1' } },
      ]);
      expect((await tickets.recordingOf(saved))?.file).toEqual({
        status: 'saved',
        path: '/data/attachments/line/1.m4a',
        mimeType: 'audio/x-m4a',
      });
      expect((await tickets.recordingOf(gone))?.file).toEqual({ status: 'unavailable' });
      expect((await tickets.recordingOf(slow))?.file).toEqual({ status: 'downloading' });

      // Five minutes on, the one still downloading goes out too.
      await held.release(saved);
      await held.release(gone);
      expect((await held.due(later(1), 10)).map((d) => d.attachmentId)).toEqual([slow]);
      await held.release(slow);
      expect(await held.due(later(1), 10)).toEqual([]);
    });

    it('does not hold a card whose recording is saved or given up already: it says where it stands', async () => {
      const [saved, gone] = [await recording('b1'), await recording('b2')];
      await files.stored(saved, { path: '/data/attachments/line/2.m4a', mimeType: 'audio/mp4', sizeBytes: 900 });
      await files.givenUp(gone, 'unavailable: deleted');
      expect(await tickets.holdCardForRecording(saved, { heard: true })).toEqual({
        status: 'saved',
        path: '/data/attachments/line/2.m4a',
        mimeType: 'audio/mp4',
      });
      expect(await tickets.holdCardForRecording(gone, { heard: true })).toEqual({ status: 'unavailable' });
      expect(await held.due(later(1), 10)).toEqual([]);
    });
  });
}
