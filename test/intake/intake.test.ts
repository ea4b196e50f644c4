import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Classification, Classifier } from '../../src/classify/classifier.ts';
import { expireConversations } from '../../src/router/expire-conversations.ts';
import { createInboxProcessor, MAX_INBOX_ATTEMPTS } from '../../src/inbox/inbox-processor.ts';
import { cleanText, MAX_TEXT_LENGTH } from '../../src/turn/incoming-event.ts';
import { KyselyInboxStore } from '../../src/store/inbox-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createHarness, PLATFORM, sharedClassifier, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: intake`, () => {
    let store: TestStore;
    let h: Harness;
    const tickets = () => new KyselyTicketStore(store.db).list({ limit: 1000 });

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it('files a complaint that names its place and sends a receipt in Chinese', async () => {
      await h.say('alice', '3号楼2单元停水一天了');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({
        reference: 'W-0001',
        category: 'water_supply',
        status: 'open',
        classifierSource: 'offline',
      });
      expect(ticket!.place).toMatchObject({ building: '3', unit: '2' });
      const events = await new KyselyTicketStore(store.db).events(ticket!.id);
      expect(events.map((e) => e.kind)).toEqual(['created']);
      expect(await new KyselyTicketStore(store.db).reporterCount(ticket!.id)).toBe(1);
      const [receipt] = h.inbox('alice');
      expect(receipt).toContain('W-0001');
      expect(receipt).toContain('供水');
      expect(receipt).toContain('4 小时内');
    });

    it('asks once for the place, then files with the answer in words', async () => {
      await h.say('bob', '楼道的灯坏了好几天了');
      expect(await tickets()).toHaveLength(0);
      const question = h.sender.sent.at(-1)!.message;
      expect(question.text).toContain('哪栋楼');
      expect(question.buttons?.flat().map((b) => b.data)).toContain('place:skip');
      await h.say('bob', '5栋');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'upkeep', place: { building: '5' } });
      expect(h.inbox('bob').at(-1)).toContain('U-0001');
    });

    it('files with the pressed place button, or without a place when skipped', async () => {
      await h.say('carol', '草坪被人种了菜');
      await h.press('carol', 'place:s:中心花园');
      await h.say('dave', 'a big wasp nest is hanging in one of the trees, kids could get stung');
      await h.press('dave', 'place:skip');
      const list = await tickets();
      expect(list.find((t) => t.place?.spot === '中心花园')?.category).toBe('greening');
      expect(list.some((t) => t.place === null)).toBe(true);
      expect(h.inbox('dave').at(-1)).toMatch(/^Filed as G-\d{4}/);
    });

    it('files without a place when the question goes unanswered in time', async () => {
      await h.say('erin', '垃圾三天没人收了，臭死了');
      expect(await tickets()).toHaveLength(0);
      h.clock.advance(h.core.config.placeWaitMinutes * 60_000 + 1);
      expect(await expireConversations(h.core)).toBe(1);
      await h.settle();
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'upkeep', place: null });
      expect(h.inbox('erin').at(-1)).toContain(ticket!.reference);
      expect(await expireConversations(h.core)).toBe(0);
    });

    it('keeps waiting for the place through thanks and photos, and takes a bare number as a building', async () => {
      await h.say('abe', '楼道灯坏了');
      await h.say('abe', '谢谢');
      await h.say('abe', '', { photo: { fileId: 'lamp-photo' } });
      expect(await tickets()).toHaveLength(0);
      expect(h.inbox('abe').filter((t) => t.includes('哪栋楼'))).toHaveLength(3);
      await h.say('abe', '5');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'upkeep', place: { building: '5' } });
      expect(
        await store.db
          .selectFrom('attachments')
          .select('platform_file_id')
          .where('ticket_id', '=', ticket!.id)
          .execute(),
      ).toEqual([{ platform_file_id: 'lamp-photo' }]);
    });

    it('takes a spot, a building in English and a place with a few words as the answer', async () => {
      await h.say('gus', '垃圾没人清理，臭死了');
      await h.say('gus', '东门口');
      await h.say('hal', 'The street lights are broken');
      await h.say('hal', 'Building 7');
      await h.say('ida', '垃圾桶满了没人收');
      await h.say('ida', '在3栋旁边的花坛');
      await h.say('kay', '楼道灯一直不亮');
      await h.say('kay', '门口');
      await h.say('jay', '楼道灯不亮了');
      await h.say('jay', '什么时候能修？');
      await h.say('jay', '3栋');
      const list = await tickets();
      expect(list).toHaveLength(5);
      expect(list.map((t) => t.category).sort()).toEqual(['upkeep', 'upkeep', 'upkeep', 'upkeep', 'upkeep']);
      expect(list.map((t) => t.place?.building ?? t.place?.spot).sort()).toEqual(['3', '3', '7', '东门', '门口']);
    });

    it('files an urgent complaint at once, then takes the place it asks for', async () => {
      await h.registerStaff('room', ['wang']);
      await h.say('kit', '电梯困人了！！');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ urgency: 'urgent', place: null });
      expect(h.groupTexts('room').some((t) => t.includes('🚨'))).toBe(true);
      expect(h.inbox('kit').at(-1)).toContain('哪栋楼');
      await h.say('kit', '5栋');
      expect((await tickets())[0]!.place).toMatchObject({ building: '5' });
      expect(await tickets()).toHaveLength(1);
    });

    it('does not fold an urgent report into a routine ticket at the same building, nor an unrelated one', async () => {
      await h.say('lou', '12号楼门口垃圾堆满了没人清');
      await h.say('max', '12号楼3单元电梯困人了，有老人被关在里面');
      await h.say('ned', '12号楼楼道灯坏了');
      const list = await tickets();
      expect(list).toHaveLength(3);
      expect(list.find((t) => t.urgency === 'urgent')!.summary).toContain('电梯');
    });

    it('files a question about fees without asking where', async () => {
      await h.say('oda', '物业费怎么交？');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'other' });
      expect(h.inbox('oda')[0]).toContain('已登记');
    });

    it('files the waiting complaint without a place when a different problem comes instead of an answer', async () => {
      await h.say('bea', '楼道灯坏了');
      await h.say('bea', '另外8号楼停水了');
      const list = await tickets();
      expect(list).toHaveLength(2);
      expect(list.find((t) => t.category === 'upkeep')!.place).toBeNull();
      expect(list.find((t) => t.category === 'water_supply')!.place).toMatchObject({ building: '8' });
    });

    it('does not take a message written after the place question lapsed as the place', async () => {
      await h.say('cal', '楼道灯坏了');
      h.clock.advance(h.core.config.placeWaitMinutes * 60_000 + 1);
      await h.say('cal', '你好');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'upkeep', place: null });
      expect(h.inbox('cal').at(-1)).toContain('您好');
    });

    it('asks whether a same-kind complaint in the details window is a new problem, and follows the answer', async () => {
      await h.say('dee', '3号楼电梯坏了');
      await h.say('dee', '垃圾桶满了好几天没人收');
      expect(h.inbox('dee').at(-1)).toContain('另一个新问题');
      await h.press('dee', 'choice:new');
      await h.press('dee', 'place:skip');
      expect((await tickets()).map((t) => t.reference).sort()).toEqual(['U-0001', 'U-0002']);
      await h.say('dee', '9号楼电梯坏了');
      await h.say('dee', '门一直关不上，按钮没反应');
      expect(h.inbox('dee').at(-1)).toContain('另一个新问题');
      await h.press('dee', 'choice:add');
      expect(h.inbox('dee').at(-1)).toContain('已补充到 U-0003');
      expect(await tickets()).toHaveLength(3);
    });

    it('answers greetings, thanks and questions without a ticket', async () => {
      await h.say('fay', '你好');
      await h.say('fay', '谢谢师傅');
      await h.say('fay', 'how do I use this bot?');
      expect(await tickets()).toHaveLength(0);
      const [greeting, thanks, question] = h.inbox('fay');
      expect(greeting).toContain('您好');
      expect(thanks).toContain('不客气');
      expect(question).toContain('/help');
    });

    it('ignores a repeated event id', async () => {
      const event = {
        platform: PLATFORM,
        eventId: 'same',
        kind: 'message' as const,
        chat: { id: 'chat-gus', type: 'private' as const },
        sender: { id: 'gus' },
        text: '3号楼电梯坏了',
        occurredAt: new Date().toISOString(),
      };
      expect(await h.save(event)).toBe('saved');
      expect(await h.save(event)).toBe('duplicate');
      await h.settle();
      expect(await h.save(event)).toBe('duplicate');
      await h.settle();
      expect(await tickets()).toHaveLength(1);
      expect(h.inbox('gus')).toHaveLength(1);
    });

    it('speaks the language of the platform hint and remembers a change', async () => {
      await h.say('hana', '/start', { sender: { id: 'hana', languageHint: 'zh-hant' } });
      expect(h.inbox('hana')[0]).toContain('鄰里');
      await h.say('ian', '/start', { sender: { id: 'ian', languageHint: 'en-GB' } });
      expect(h.inbox('ian')[0]).toContain('neighbourhood helper');
      await h.say('ian', '/lang zh-CN');
      await h.say('ian', '3号楼门禁坏了');
      expect(h.inbox('ian').at(-1)).toContain('已登记');
      await h.press('ian', 'lang:zh-TW');
      await h.say('ian', '/mytickets');
      expect(h.inbox('ian').at(-1)).toContain('您反映的問題（1 件）');
    });

    it("names the estate in the resident's language when COMMUNITY_NAME is not set", async () => {
      await h.say('eli', '/start', { sender: { id: 'eli', languageHint: 'en' } });
      expect(h.inbox('eli')[0]).toContain('neighbourhood helper of your estate');
      const named = await createHarness(store, { env: { COMMUNITY_NAME: '幸福里' } });
      await named.say('fin', '/start');
      expect(named.inbox('fin')[0]).toContain('幸福里');
    });

    it('answers a first message written in English in English', async () => {
      await h.say('jack', 'No water in building 9 since this morning!');
      expect(h.inbox('jack')[0]).toMatch(/^Filed as W-0001 \(water supply\)/);
    });

    it('attaches follow-ups within the details window and starts a new ticket after it', async () => {
      await h.say('kim', '3号楼后面的大树枝快断了，砸到人怎么办');
      await h.say('kim', '明天上午我都在家', {});
      await h.say('kim', '', { photo: { fileId: 'photo-1' } });
      const [ticket] = await tickets();
      const events = await new KyselyTicketStore(store.db).events(ticket!.id);
      expect(events.map((e) => e.kind)).toEqual(['created', 'details_added', 'attachment_added']);
      const attachments = await store.db.selectFrom('attachments').selectAll().execute();
      expect(attachments).toMatchObject([{ ticket_id: ticket!.id, kind: 'photo', platform_file_id: 'photo-1' }]);
      h.clock.advance(11 * 60_000);
      await h.say('kim', '5栋电梯又坏了');
      expect(await tickets()).toHaveLength(2);
    });

    it("adds details and photos to the resident's own open ticket by its reference, long after filing", async () => {
      await h.say('zed', '3号楼停水了');
      h.clock.advance(3 * 3_600_000);
      await h.say('zed', '', { photo: { fileId: 'late-photo' } });
      await h.say('zed', 'w-1 补充：现在水龙头流黄水');
      expect(await tickets()).toHaveLength(1);
      const ticket = (await tickets())[0]!;
      const events = await new KyselyTicketStore(store.db).events(ticket.id);
      expect(events.map((e) => e.kind)).toEqual(['created', 'details_added', 'attachment_added']);
      expect(h.inbox('zed').at(-1)).toContain('已补充到 W-0001');
      // A neighbour quoting the reference neither joins nor learns anything: they can describe their own problem.
      await h.say('amy', 'W-0001 我家也一样');
      expect((await new KyselyTicketStore(store.db).events(ticket.id)).map((e) => e.kind)).not.toContain(
        'reporter_added',
      );
      expect(await new KyselyTicketStore(store.db).reporterCount(ticket.id)).toBe(1);
      expect(h.inbox('amy')).toHaveLength(1);
      expect(h.inbox('amy')[0]).toContain('请直接说明');
      expect(await tickets()).toHaveLength(1);
    });

    it('starts a new ticket for a clearly different complaint inside the window', async () => {
      await h.say('lee', '3号楼停水了');
      await h.say('lee', '另外5栋门口有人乱停车，堵住消防通道');
      const list = await tickets();
      expect(list.map((t) => t.category).sort()).toEqual(['security', 'water_supply']);
    });

    it('keeps a photo sent first and files it with the description that follows', async () => {
      await h.say('mia', '', { photo: { fileId: 'p-9', sizeBytes: 1234 } });
      expect(h.inbox('mia')[0]).toContain('说明是什么问题');
      await h.say('mia', '8号楼楼道堆满了杂物');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ category: 'security', place: { building: '8' } });
      const attachments = await store.db
        .selectFrom('attachments')
        .selectAll()
        .where('ticket_id', '=', ticket!.id)
        .execute();
      expect(attachments).toHaveLength(1);
    });

    it('turns a voice note into a ticket at once, noting it is a voice message', async () => {
      await h.say('ned', '', { audio: { fileId: 'voice-1', durationSeconds: 12 } });
      const [ticket] = await tickets();
      expect(ticket!.summary).toContain('语音');
      const attachments = await store.db.selectFrom('attachments').selectAll().execute();
      expect(attachments).toMatchObject([{ kind: 'audio', platform_file_id: 'voice-1', ticket_id: ticket!.id }]);
    });

    it('keeps a location as the place', async () => {
      await h.say('ola', '这里的井盖丢了，很危险', {
        location: { latitude: 31.2, longitude: 121.5, title: '南门', address: '南门外' },
      });
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ location: { latitude: 31.2, longitude: 121.5 }, place: { spot: '南门' } });
    });

    it('handles empty, huge, control-character and SQL-looking messages without losing them', async () => {
      await h.say('pat', '');
      expect(h.inbox('pat')[0]).toContain('没有收到内容');
      const huge = `3号楼漏水${'很严重'.repeat(34_000)}`;
      await h.say('pat', huge);
      expect(h.inbox('pat').some((t) => t.includes(String(MAX_TEXT_LENGTH)))).toBe(true);
      const [ticket] = await tickets();
      expect(ticket!.description.length).toBeGreaterThan(MAX_TEXT_LENGTH - 1);
      expect(ticket!.description.length).toBeLessThan(MAX_TEXT_LENGTH + 20);
      const stored = await store.db.selectFrom('inbox').select('payload').orderBy('id').execute();
      expect(stored.some((r) => JSON.parse(r.payload).text === huge)).toBe(true);
      await h.say('quinn', "5栋'); drop table tickets; -- 电梯坏了\u0000\u0007");
      const list = await tickets();
      expect(list).toHaveLength(2);
      expect(list.find((t) => t.description.includes('drop table'))!.description).not.toContain('\u0000');
      expect(list.find((t) => t.description.includes('drop table'))!.description).not.toContain('\u0007');
    });

    it("lists the resident's own tickets and nobody else's", async () => {
      await h.say('rob', '3号楼停水了');
      await h.say('sue', '9栋电梯坏了');
      await h.say('rob', '/mytickets');
      const mine = h.inbox('rob').at(-1)!;
      expect(mine).toContain('W-0001');
      expect(mine).not.toContain('U-0001');
    });

    it('handles a crash between saving and handling: the next worker handles the event once', async () => {
      await h.save({
        platform: PLATFORM,
        eventId: 'crash-1',
        kind: 'message',
        chat: { id: 'chat-tom', type: 'private' },
        sender: { id: 'tom' },
        text: '12栋后面的路灯坏了',
        occurredAt: new Date().toISOString(),
      });
      // A worker leased it and died: the lease runs out and another worker takes over.
      await store.db
        .updateTable('inbox')
        .set({ locked_until: new Date(h.clock.now().getTime() + 60_000).toISOString() })
        .execute();
      await h.settle();
      expect(await tickets()).toHaveLength(0);
      h.clock.advance(61_000);
      await h.settle();
      await h.settle();
      expect(await tickets()).toHaveLength(1);
      expect(h.inbox('tom')).toHaveLength(1);
    });

    it('queues the receipt with the ticket, so a crash before delivery still delivers it once', async () => {
      const core2 = await createHarness(store);
      // Handle without delivering (the process "dies" before the dispatcher runs).
      await core2.save({
        platform: PLATFORM,
        eventId: 'crash-2',
        kind: 'message',
        chat: { id: 'chat-uma', type: 'private' },
        sender: { id: 'uma' },
        text: '3号楼水管爆了',
        occurredAt: new Date().toISOString(),
      });
      await createInboxProcessor(core2.core).drain();
      expect(await tickets()).toHaveLength(1);
      expect(core2.sender.sent).toHaveLength(0);
      const pending = await store.db.selectFrom('outbox').select('status').execute();
      expect(pending).toEqual([{ status: 'pending' }]);
      await h.settle();
      await h.settle();
      expect(h.inbox('uma')).toHaveLength(1);
      expect((await tickets())[0]!.urgency).toBe('urgent');
    });

    it('handles events of one chat in order and of different chats independently', async () => {
      for (let i = 1; i <= 3; i++) {
        await h.save({
          platform: PLATFORM,
          eventId: `o-${i}`,
          kind: 'message',
          chat: { id: 'chat-vic', type: 'private' },
          sender: { id: 'vic' },
          text: i === 1 ? '/start' : i === 2 ? '/help' : '/mytickets',
          occurredAt: new Date().toISOString(),
        });
      }
      await h.save({
        platform: PLATFORM,
        eventId: 'o-x',
        kind: 'message',
        chat: { id: 'chat-wes', type: 'private' },
        sender: { id: 'wes' },
        text: '/help',
        occurredAt: new Date().toISOString(),
      });
      await h.settle();
      const vic = h.inbox('vic');
      expect(vic).toHaveLength(3);
      expect(vic[0]).toContain('您好');
      expect(vic[1]).toContain('怎么反映问题');
      expect(vic[2]).toContain('还没有反映过');
      expect(h.inbox('wes')).toHaveLength(1);
    });

    it('retries a failing event and keeps it as failed for good, with an apology', async () => {
      let calls = 0;
      const real = await sharedClassifier();
      const flaky: Classifier = {
        async classify(text: string): Promise<Classification> {
          calls++;
          if (text.includes('坏')) throw new Error('classifier exploded');
          return real.classify(text);
        },
      };
      const broken = await createHarness(store, { classifier: flaky });
      await broken.say('xia', '3号楼电梯坏了');
      expect(await tickets()).toHaveLength(0);
      for (let i = 0; i < MAX_INBOX_ATTEMPTS + 1; i++) {
        broken.clock.advance(10 * 60_000);
        await broken.settle();
      }
      expect(calls).toBe(MAX_INBOX_ATTEMPTS);
      const failed = await new KyselyInboxStore(store.db).failed();
      expect(failed).toHaveLength(1);
      expect(failed[0]!.lastError).toContain('classifier exploded');
      expect(broken.inbox('xia').at(-1)).toContain('抱歉');
      expect(await tickets()).toHaveLength(0);
    });
  });
}

describe('cleanText', () => {
  it('drops terminal escape sequences whole, not just their ESC', () => {
    expect(cleanText('\u001b[31m红色\u001b[0m').text).toBe('红色');
    expect(cleanText('3号楼\u001b[1;33;4m漏水\u001b[K了').text).toBe('3号楼漏水了');
    expect(cleanText('\u001b]0;title\u0007电梯坏了\u001b]8;;http://x\u001b\\').text).toBe('电梯坏了');
    expect(cleanText('停水\u001b[').text).toBe('停水');
  });

  it('keeps tabs and line breaks, and makes every line break a \\n', () => {
    expect(cleanText('a\tb\r\nc\rd\u0000\u0007').text).toBe('a\tb\nc\nd');
  });
});
