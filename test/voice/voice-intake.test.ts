import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/index.ts';
import { forgetResident } from '../../src/privacy/forget-resident.ts';
import { expireConversations } from '../../src/router/expire-conversations.ts';
import { KyselyPersonalDataStore } from '../../src/store/personal-data-store.ts';
import { KyselyAttachmentFiles } from '../../src/store/attachment-files.ts';
import { KyselyVoiceNotes } from '../../src/store/voice-notes.ts';
import { OpenAiTranscriber } from '../../src/voice/openai-transcriber.ts';
import { transcribeVoiceNotes } from '../../src/voice/transcribe-voice-notes.ts';
import { releaseHeldCards } from '../../src/voice/release-held-cards.ts';
import { KyselyHeldCards } from '../../src/store/held-cards.ts';
import { createHarness, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { toneWav } from '../support/audio.ts';
import { FakeOpenAiServer } from '../servers/openai-api.ts';

const STAFF_ROOM = 'staff-room';
const zh = messages('zh-CN');

for (const dialect of DIALECTS) {
  describe(`${dialect}: a voice note in the resident's conversation`, () => {
    let store: TestStore;
    let speech: FakeOpenAiServer;
    let dir: string;
    let h: Harness;
    let nextFile = 1;

    beforeAll(async () => {
      store = await createTestStore(dialect);
      speech = await new FakeOpenAiServer({ kind: 'transcript', text: '3号楼2单元停水一天了' }).start();
      dir = mkdtempSync(join(tmpdir(), 'linli-voice-'));
    });
    afterAll(async () => {
      await speech.stop();
      await store.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store, {
        env: {
          TRANSCRIBE_MODEL: 'whisper-1',
          TRANSCRIBE_BASE_URL: speech.baseUrl,
          TRANSCRIBE_TIMEOUT_MS: '1000',
          TRANSCRIBE_MAX_SECONDS: '120',
        },
      });
      await h.registerStaff(STAFF_ROOM, ['wang']);
    });

    /** A resident sends a voice note (nothing answers yet); returns its platform file id. */
    async function speak(user: string, durationSeconds = 8, languageHint?: string): Promise<string> {
      const fileId = `voice-${nextFile++}`;
      await h.say(user, '', {
        text: undefined,
        audio: { fileId, mimeType: 'audio/ogg', durationSeconds },
        ...(languageHint && { sender: { id: user, displayName: user, languageHint } }),
      });
      return fileId;
    }

    /** The downloader stores the recordings; the worker transcribes them and hands the words to the inbox; held staff cards go out. */
    async function transcribe(): Promise<void> {
      const files = new KyselyAttachmentFiles(store.db);
      for (const a of await files.pending(['test'], 50, 'audio')) {
        const path = join(dir, `${a.id}.ogg`);
        writeFileSync(path, toneWav());
        await files.stored(a.id, { path, mimeType: 'audio/ogg', sizeBytes: toneWav().length });
      }
      await transcribeVoiceNotes({
        voiceNotes: new KyselyVoiceNotes(store.db),
        unitOfWork: h.core.unitOfWork,
        transcriber: new OpenAiTranscriber(h.core.config.transcribe!),
        saveIncoming: h.save,
        limits: h.core.config.transcribe!,
        now: h.core.now,
        log: pino({ level: 'silent' }),
      });
      await releaseHeldCards({
        heldCards: new KyselyHeldCards(store.db),
        unitOfWork: h.core.unitOfWork,
        saveIncoming: h.save,
        now: h.core.now,
      });
      await h.settle();
    }

    const tickets = () => store.db.selectFrom('tickets').selectAll().orderBy('id').execute();
    const attachmentOf = (fileId: string) =>
      store.db.selectFrom('attachments').selectAll().where('platform_file_id', '=', fileId).executeTakeFirstOrThrow();

    it('waits for the words without answering, then files them like typed text', async () => {
      const fileId = await speak('ann');
      expect(h.inbox('ann')).toEqual([]);
      expect(await tickets()).toEqual([]);
      await transcribe();
      const [receipt] = h.inbox('ann');
      expect(receipt).toContain(zh.heard({ text: '3号楼2单元停水一天了' }));
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({
        category: 'water_supply',
        place_building: '3',
        description: '3号楼2单元停水一天了',
      });
      expect((await attachmentOf(fileId)).ticket_id).toBe(ticket!.id);
      expect(h.groupTexts(STAFF_ROOM).join('\n')).toContain(zh.staff.cardVoiceHeard);
    });

    it('matches a spoken report to a neighbour’s open ticket, quoting what was heard', async () => {
      await h.say('ben', '3号楼2单元停水一天了，一直没有水');
      await speak('cat');
      await transcribe();
      expect(h.inbox('cat')[0]).toContain(zh.heard({ text: '3号楼2单元停水一天了' }));
      expect(h.inbox('cat')[0]).toContain('邻居');
      expect(await tickets()).toHaveLength(1);
    });

    it('raises the alarm for spoken danger', async () => {
      speech.script.push({ kind: 'transcript', text: '5号楼电梯里困了人，门打不开' });
      await speak('dan');
      await transcribe();
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ urgency: 'urgent', hazard: 'trapped' });
      expect(h.inbox('dan')[0]).toContain(zh.heard({ text: '5号楼电梯里困了人，门打不开' }));
      expect(h.inbox('dan')[0]).toContain('96333');
    });

    it('files a note too long for the endpoint at once for staff to listen to', async () => {
      const fileId = await speak('eve', 600);
      expect(h.inbox('eve')[0]).toContain(zh.voiceListen);
      expect(await tickets()).toMatchObject([{ category: 'other', description: zh.voiceSummary }]);
      expect((await attachmentOf(fileId)).transcript_status).toBeNull();
      // The staff card waits for the recording, and goes out once the downloader saved it.
      expect(h.groupTexts(STAFF_ROOM).join('\n')).not.toContain(zh.staff.cardVoiceListen);
      await transcribe();
      expect(h.groupTexts(STAFF_ROOM).join('\n')).toContain(zh.staff.cardVoiceListen);
    });

    it('asks again for a clip under half a second, in the resident’s language, and files nothing', async () => {
      const uploadsBefore = speech.uploads.length;
      const said = [
        ['tap-cn', 'zh-hans', zh],
        ['tap-tw', 'zh-hant', messages('zh-TW')],
        ['tap-en', 'en', messages('en')],
      ] as const;
      for (const [user, hint, m] of said) {
        await speak(user, 0, hint);
        expect(h.inbox(user)).toEqual([m.voiceTooShort]);
      }
      await transcribe();
      expect(await tickets()).toEqual([]);
      expect(await store.db.selectFrom('attachments').selectAll().execute()).toEqual([]);
      expect(speech.uploads).toHaveLength(uploadsBefore);
      // While the bot asks where, a tap leaves the question open: the answer still files the complaint there.
      await h.say('tap-cn', '停水一天了');
      expect(h.inbox('tap-cn').at(-1)).toContain(zh.askPlace);
      await speak('tap-cn', 0);
      expect(h.inbox('tap-cn').at(-1)).toBe(zh.voiceTooShort);
      await h.say('tap-cn', '5号楼');
      expect(await tickets()).toMatchObject([{ category: 'water_supply', place_building: '5' }]);
    });

    it('files the note for staff when its wait lapses, and adds the words heard later to its ticket', async () => {
      await speak('fay');
      h.clock.advance(10 * 60_000);
      await expireConversations(h.core);
      await h.settle();
      expect(h.inbox('fay')[0]).toContain(zh.voiceListen);
      const [ticket] = await tickets();
      await transcribe();
      expect(h.inbox('fay')[1]).toBe(zh.heardAdded({ reference: ticket!.reference, text: '3号楼2单元停水一天了' }));
      const history = await store.db
        .selectFrom('ticket_events')
        .selectAll()
        .where('ticket_id', '=', ticket!.id)
        .execute();
      expect(history.map((e) => e.data).join('\n')).toContain('3号楼2单元停水一天了');
    });

    it('keeps a photo sent while the words are awaited with the note', async () => {
      await speak('gus');
      await h.say('gus', '', { text: undefined, photo: { fileId: 'photo-1', mimeType: 'image/jpeg' } });
      expect(h.inbox('gus')).toEqual([]);
      await transcribe();
      const [ticket] = await tickets();
      const kinds = await store.db
        .selectFrom('attachments')
        .select('kind')
        .where('ticket_id', '=', ticket!.id)
        .orderBy('id')
        .execute();
      expect(kinds.map((k) => k.kind).sort()).toEqual(['audio', 'photo']);
    });

    it('files the note for staff when the resident types meanwhile; the typed words and the heard ones join it', async () => {
      await speak('hal');
      await h.say('hal', '就是3号楼');
      expect(h.inbox('hal')[0]).toContain(zh.voiceListen);
      const [ticket] = await tickets();
      await transcribe();
      expect(h.inbox('hal').at(-1)).toBe(zh.heardAdded({ reference: ticket!.reference, text: '3号楼2单元停水一天了' }));
      expect(await tickets()).toHaveLength(1);
    });

    it('files the note for staff when the endpoint fails, telling the resident a person will listen', async () => {
      speech.script.push({ kind: 'error', status: 500, message: 'boom' });
      const fileId = await speak('ida');
      await transcribe();
      expect(h.inbox('ida')[0]).toContain(zh.voiceListen);
      expect(await attachmentOf(fileId)).toMatchObject({ transcript_status: 'failed' });
    });

    it('forgets what a resident said aloud when they are erased', async () => {
      speech.script.push({ kind: 'transcript', text: '3号楼2单元停水了，我是李建国，电话13800138000' });
      const fileId = await speak('jon');
      await transcribe();
      expect((await attachmentOf(fileId)).transcript).toContain('13800138000');
      const data = new KyselyPersonalDataStore(store.db);
      const resident = (await data.findResident('test', 'jon'))!;
      // Their right of access: what they said aloud is part of their data.
      expect((await data.exportResident(resident)).attachments).toContainEqual(
        expect.objectContaining({ kind: 'audio', transcript: '3号楼2单元停水了，我是李建国，电话13800138000' }),
      );
      await forgetResident(data, resident, h.clock.now());
      expect(await attachmentOf(fileId).catch(() => undefined)).toBeUndefined();
      const rows = await store.db.selectFrom('attachments').select(['transcript']).execute();
      expect(JSON.stringify(rows)).not.toContain('13800138000');
    });

    const eventsOf = async (ticketId: number) =>
      (
        await store.db
          .selectFrom('ticket_events')
          .select(['kind', 'data'])
          .where('ticket_id', '=', ticketId)
          .orderBy('id')
          .execute()
      ).map((e) => ({ kind: e.kind, data: JSON.parse(e.data) as Record<string, unknown> }));

    it('zh-CN: "不对，我说的是…" rewrites the ticket, re-classifies it, raises it to urgent and tells staff', async () => {
      speech.script.push({ kind: 'transcript', text: '3号楼停水一天了' });
      await speak('amy');
      await transcribe();
      const [before] = await tickets();
      expect(before).toMatchObject({ category: 'water_supply', urgency: 'normal' });
      await h.say('amy', '不对，我说的是3号楼电梯里困了人，门打不开');
      const [after] = await tickets();
      expect(after).toMatchObject({
        id: before!.id,
        category: 'upkeep',
        urgency: 'urgent',
        hazard: 'trapped',
        description: '3号楼电梯里困了人，门打不开',
        place_building: '3',
      });
      // The urgent deadlines are nearer, never further.
      expect(Date.parse(after!.response_due_at)).toBeLessThan(Date.parse(before!.response_due_at));
      const text = '3号楼电梯里困了人，门打不开';
      expect(h.inbox('amy').at(-1)).toBe(zh.heardCorrected({ reference: before!.reference, text, urgent: true }));
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toBe(
        zh.staff.transcriptCorrected({
          reference: before!.reference,
          text,
          category: { from: 'water_supply', to: 'upkeep' },
          urgent: true,
        }),
      );
      const history = await eventsOf(before!.id);
      expect(history).toContainEqual({
        kind: 'details_added',
        data: { text, transcriptCorrected: { from: '3号楼停水一天了' } },
      });
      expect(history).toContainEqual({
        kind: 'recategorized',
        data: { from: 'water_supply', to: 'upkeep', transcriptCorrected: true },
      });
    });

    it('zh-TW: "不是X，是Y" swaps the misheard part; urgency never goes down', async () => {
      const tw = messages('zh-TW');
      speech.script.push({ kind: 'transcript', text: '3號樓停水了' });
      await speak('bea', 8, 'zh-TW');
      await transcribe();
      await h.say('bea', '不是停水，是停電');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'upkeep', urgency: 'normal', description: '3號樓停電了' });
      expect(h.inbox('bea').at(-1)).toBe(
        tw.heardCorrected({ reference: ticket!.reference, text: '3號樓停電了', urgent: false }),
      );
      // An urgent report corrected into words that sound routine stays urgent.
      speech.script.push({ kind: 'transcript', text: '5号楼电梯里困了人，门打不开' });
      await speak('cid');
      await transcribe();
      await h.say('cid', '不对，我说的是5号楼电梯坏了');
      const [, urgent] = await tickets();
      expect(urgent).toMatchObject({ urgency: 'urgent', hazard: 'trapped', description: '5号楼电梯坏了' });
    });

    it('en: "No, I said …" re-classifies; a reply to the receipt corrects; a missing place is filled', async () => {
      const en = messages('en');
      speech.script.push({ kind: 'transcript', text: 'the lobby light in building 5 is broken' });
      await speak('dee', 8, 'en');
      await transcribe();
      await h.say('dee', 'No, I said a stranger is stealing bikes at building 5');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'security', description: 'a stranger is stealing bikes at building 5' });
      expect(h.inbox('dee').at(-1)).toBe(
        en.heardCorrected({
          reference: ticket!.reference,
          text: 'a stranger is stealing bikes at building 5',
          urgent: false,
        }),
      );

      // Urgent words without a place are filed at once; the correction brings the place.
      speech.script.push({ kind: 'transcript', text: '电梯里困了人' });
      await speak('eli');
      await transcribe();
      expect((await tickets())[1]).toMatchObject({ place_building: null, urgency: 'urgent' });
      await h.say('eli', '不对，我说的是5号楼电梯里困了人');
      expect((await tickets())[1]).toMatchObject({ place_building: '5', description: '5号楼电梯里困了人' });

      // On Telegram, replying to the receipt with other words is a correction too.
      speech.script.push({ kind: 'transcript', text: '3号楼停水一天了' });
      await speak('fin');
      await transcribe();
      const receipt = h.sender.sent.findIndex(
        (s) =>
          s.chatId === 'chat-fin' && s.message.text.includes(zh.heard({ text: '3号楼停水一天了' }).split('\n')[0]!),
      );
      expect(receipt).toBeGreaterThanOrEqual(0);
      await h.say('fin', '7号楼门口有陌生人在撬电动车', { replyToMessageId: String(receipt + 1) });
      expect((await tickets())[2]).toMatchObject({ category: 'security', description: '7号楼门口有陌生人在撬电动车' });
    });

    it('zh-CN: corrected when asked where, the words change and the place they name files it', async () => {
      speech.script.push({ kind: 'transcript', text: '停水了一整天' });
      await speak('gus');
      await transcribe();
      expect(h.inbox('gus').at(-1)).toContain(zh.askPlace);
      expect(await tickets()).toEqual([]);
      await h.say('gus', '不对，我说的是7号楼没水');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'water_supply', description: '7号楼没水', place_building: '7' });
      const receipt = h.inbox('gus').at(-1)!;
      expect(receipt).toContain(zh.heardCorrectedBeforeFiling({ text: '7号楼没水' }));
      expect(receipt).toContain(ticket!.reference);
      expect(await eventsOf(ticket!.id)).toContainEqual({
        kind: 'details_added',
        data: { text: '7号楼没水', transcriptCorrected: { from: '停水了一整天' } },
      });
      // Corrected again after filing, as any voice note's ticket.
      await h.say('gus', '不是7号楼，是9号楼');
      expect((await tickets())[0]).toMatchObject({ description: '9号楼没水' });
    });

    it('en: corrected when asked where without a place, the place is asked again with the new words', async () => {
      const en = messages('en');
      speech.script.push({ kind: 'transcript', text: 'the water has been off all day' });
      await speak('hal', 8, 'en');
      await transcribe();
      expect(h.inbox('hal').at(-1)).toContain(en.askPlace);
      await h.say('hal', 'No, I said the lift is broken');
      expect(await tickets()).toEqual([]);
      expect(h.inbox('hal').at(-1)).toBe(
        `${en.heardCorrectedBeforeFiling({ text: 'the lift is broken' })}\n\n${en.askPlace}`,
      );
      await h.say('hal', 'building 4');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'upkeep', description: 'the lift is broken', place_building: '4' });
      expect(await eventsOf(ticket!.id)).toContainEqual({
        kind: 'details_added',
        data: { text: 'the lift is broken', transcriptCorrected: { from: 'the water has been off all day' } },
      });
    });

    it('leaves ordinary follow-ups, thanks, typed tickets and neighbours’ tickets alone', async () => {
      speech.script.push({ kind: 'transcript', text: '3号楼停水一天了' });
      await speak('gil');
      await transcribe();
      await h.say('gil', '还在漏');
      await h.say('gil', '补充：晚上打电话给我');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'water_supply', description: '3号楼停水一天了' });
      // A thank-you replying to the receipt is not a correction.
      const receipt = h.sender.sent.findIndex((s) => s.chatId === 'chat-gil');
      await h.say('gil', '谢谢', { replyToMessageId: String(receipt + 1) });
      expect((await tickets())[0]).toMatchObject({ description: '3号楼停水一天了' });
      // Typed words are not corrected as if misheard: the message is a detail of the ticket.
      await h.say('hal', '5号楼门口的树倒了');
      await h.say('hal', '不对，我说的是5号楼门口的树枝断了');
      expect((await tickets())[1]).toMatchObject({ description: '5号楼门口的树倒了' });
      // A voice note that joined a neighbour's ticket never rewrites it.
      speech.script.push({ kind: 'transcript', text: '5号楼门口的树倒了' });
      await speak('ida');
      await transcribe();
      await h.say('ida', '不对，我说的是5号楼的电梯坏了');
      expect(await tickets()).toHaveLength(3);
      expect((await tickets())[1]).toMatchObject({ description: '5号楼门口的树倒了', category: 'greening' });
    });
  });
}
