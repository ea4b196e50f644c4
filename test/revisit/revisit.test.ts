import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_LIMITS, renderAgendaChat } from '../../src/agenda/render-chat.ts';
import { renderAgendaHtml } from '../../src/agenda/render-html.ts';
import { renderAgendaMarkdown } from '../../src/agenda/render-markdown.ts';
import { compileAgenda } from '../../src/agenda/weekly-job.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyRevisitStore } from '../../src/store/revisit-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { GOOD_ANSWER } from '../servers/openai-api.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { llmHarness } from '../support/llm-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const STAFF_ROOM = 'staff-room';
const COMMITTEE_ROOM = 'committee-room';
const cst = (local: string) => new Date(`${local}:00+08:00`);
// What the resident wrote that the committee may never read.
const PRIVATE = ['13812345678', '张三', '301'];

for (const dialect of DIALECTS) {
  describe(`${dialect}: 回访 (follow-up calls by the residents' committee)`, () => {
    let store: TestStore;
    let h: Harness;
    const tickets = () => new KyselyTicketStore(store.db);
    const committeeCards = () =>
      h.sender.sent.filter((s) => s.chatId === COMMITTEE_ROOM && s.message.buttons !== undefined);
    const buttonAnswers = () => h.sender.sent.filter((s) => s.message.callbackAnswer).map((s) => s.message.text);

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
      await h.registerStaff(STAFF_ROOM, ['wang']);
      const members = new KyselyMemberStore(store.db);
      const now = h.clock.now();
      await members.grant({ platform: PLATFORM, kind: 'group', id: COMMITTEE_ROOM }, 'committee', now);
      for (const id of ['zhou', 'qian'])
        await members.grant({ platform: PLATFORM, kind: 'user', id, displayName: id }, 'committee', now);
    });
    afterAll(async () => {
      await store.cleanup();
    });

    /** Ann reports a leak with her name, flat and phone; staff resolve it; she rates it. */
    const resolvedAndRated = async (rating: number) => {
      await h.say('ann', '3号楼楼顶漏水，我是张三，住301室，电话13812345678');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/resolve U-0001 已补好');
      const ticket = (await tickets().findByReference('U-0001'))!;
      await h.press('ann', `rate:${ticket.id}:${rating}`);
      return ticket;
    };

    it('asks the committee after a rating of 1, relays the call both ways masked, and records the outcome', async () => {
      const ticket = await resolvedAndRated(1);
      const [card] = committeeCards();
      expect(card!.message.text).toMatch(/^📞 回访任务 #\d+｜U-0001（维修保洁，3号楼）：居民评分 1\/5。/);
      for (const secret of PRIVATE) expect(card!.message.text).not.toContain(secret);
      const start = card!.message.buttons!.flat()[0]!;
      expect(start.label).toBe('我来回访');

      // Someone who is not on the committee cannot take it; the first member does; the second is told.
      await h.pressInGroup(COMMITTEE_ROOM, 'wang', start.data);
      expect(buttonAnswers().at(-1)).toBe('只有居委会成员可以开始回访。');
      await h.pressInGroup(COMMITTEE_ROOM, 'zhou', start.data);
      expect(h.groupTexts(COMMITTEE_ROOM).at(-1)).toMatch(/^📞 回访 #\d+（U-0001）由 zhou 负责。$/);
      await h.pressInGroup(COMMITTEE_ROOM, 'qian', start.data);
      expect(buttonAnswers().at(-1)).toMatch(/^回访 #\d+ 已由 zhou 负责。$/);
      const intro = h.sender.textsTo('zhou').at(-1)!;
      expect(intro).toContain('您开始了回访');
      for (const secret of PRIVATE) expect(intro).not.toContain(secret);
      expect(h.inbox('ann').at(-1)).toContain('您好，这里是居委会。关于您反映的 U-0001');

      // The committee member writes in their private chat; the resident answers in hers.
      await h.say('zhou', '您好，请问现在屋顶还漏吗？');
      expect(h.inbox('ann').at(-1)).toBe('居委会回访（U-0001）：您好，请问现在屋顶还漏吗？');
      await h.say('ann', '下雨还是漏，我是张三，301室，电话13812345678，请再派人来');
      const relayed = h.sender.textsTo('zhou').at(-1)!;
      expect(relayed).toMatch(/^💬 居民回复（回访 #\d+，U-0001）：下雨还是漏/);
      for (const secret of PRIVATE) expect(relayed).not.toContain(secret);
      // The resident's answer became no new ticket.
      expect(await tickets().list()).toHaveLength(1);

      await h.say('zhou', '/done');
      expect(h.inbox('zhou').at(-1)).toContain('请写上回访结果');
      await h.say('zhou', '/done 居民反映雨天仍漏，已请物业复查');
      expect(h.inbox('zhou').at(-1)).toMatch(/^已记录回访 #\d+（U-0001）的结果，回访结束。$/);
      expect(h.inbox('ann').at(-1)).toBe('关于 U-0001 的回访已结束，谢谢您的反馈。');
      expect(h.groupTexts(COMMITTEE_ROOM).at(-1)).toMatch(
        /^✅ 回访 #\d+（U-0001）已完成（zhou）：居民反映雨天仍漏，已请物业复查$/,
      );
      const history = (await tickets().events(ticket.id)).filter((e) => e.kind === 'revisit');
      expect(history.map((e) => e.data.step)).toEqual(['requested', 'started', 'done']);
      expect(history[2]!.data.note).toBe('居民反映雨天仍漏，已请物业复查');

      // Over: what either writes now takes its ordinary course.
      await h.say('zhou', '还有别的事吗');
      expect(h.inbox('ann').at(-1)).toBe('关于 U-0001 的回访已结束，谢谢您的反馈。');
    });

    it('asks once when a resident both rates low and reopens, and not for a good rating', async () => {
      const ticket = await resolvedAndRated(2);
      await h.press('ann', `fix:${ticket.id}:no`);
      expect(committeeCards()).toHaveLength(1);
      await h.say('bob', '5号楼门口的路灯坏了');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/resolve U-0002');
      const lamp = (await tickets().findByReference('U-0002'))!;
      await h.press('bob', `rate:${lamp.id}:4`);
      expect(committeeCards()).toHaveLength(1);
      // A reopening alone asks too.
      await h.sayInGroup(STAFF_ROOM, 'wang', '/resolve U-0002');
      await h.press('bob', `fix:${lamp.id}:no`);
      expect(committeeCards()).toHaveLength(2);
      expect(committeeCards()[1]!.message.text).toContain('U-0002（维修保洁，5号楼门口）：居民表示没修好，已重新打开');
    });

    it('lists open 回访 in the agenda, in every format and language, masked', async () => {
      h.clock.current = cst('2026-11-24T10:00');
      await resolvedAndRated(1);
      h.clock.current = cst('2026-11-25T15:00');
      await h.pressInGroup(COMMITTEE_ROOM, 'zhou', committeeCards()[0]!.message.buttons!.flat()[0]!.data);
      const agenda = await compileAgenda(
        { unitOfWork: new KyselyUnitOfWork(store.db), config: h.core.config },
        '2026-W48',
        cst('2026-11-30T09:00'),
      );
      expect(agenda.revisits).toEqual([
        expect.objectContaining({
          reference: 'U-0001',
          reason: 'low_rating',
          rating: 1,
          requestedAt: cst('2026-11-24T10:00').toISOString(),
          startedAt: cst('2026-11-25T15:00').toISOString(),
        }),
      ]);
      const markdown = renderAgendaMarkdown(agenda, 'zh-CN');
      expect(markdown).toContain('## 待完成的回访');
      expect(markdown).toContain(
        '1. U-0001（维修保洁，3号楼）居民评分 1/5，2026-11-24 10:00 提出，2026-11-25 15:00 开始回访：',
      );
      const html = renderAgendaHtml(agenda, 'en');
      expect(html).toContain('<section class="revisits"><h2>Open follow-up calls (回访)</h2>');
      expect(html).toContain('U-0001 (repairs and cleaning, Building 3) rated 1/5 by a resident');
      const chat = renderAgendaChat(agenda, 'zh-TW', { limit: CHAT_LIMITS.telegram });
      expect(chat.join('\n')).toContain('📞 待完成的回訪\n1. U-0001（');
      for (const text of [markdown, html, ...chat, JSON.stringify(agenda)])
        for (const secret of PRIVATE) expect(text).not.toContain(secret);

      // Done before the next agenda: it is no longer listed.
      h.clock.current = cst('2026-12-01T10:00');
      await h.say('zhou', '/done 已确认修好');
      const next = await compileAgenda(
        { unitOfWork: new KyselyUnitOfWork(store.db), config: h.core.config },
        '2026-W49',
        cst('2026-12-07T09:00'),
      );
      expect(next.revisits).toBeUndefined();
    });

    it('relays the words of a 回访 without classifying them (CLASSIFIER=llm asks nothing), and classifies again once it is over', async () => {
      const leak = {
        ...GOOD_ANSWER,
        category: 'upkeep',
        summary: '3号楼楼顶漏水',
        place: { building: '3号楼', unit: null, spot: '楼顶', text: '3号楼楼顶' },
      };
      const made = await llmHarness(store, leak);
      const llm = made.llm;
      try {
        h = made.h;
        await resolvedAndRated(1);
        expect(llm.requests).toHaveLength(1); // the complaint itself
        await h.pressInGroup(COMMITTEE_ROOM, 'zhou', committeeCards()[0]!.message.buttons!.flat()[0]!.data);
        await h.say('zhou', '您好，请问现在屋顶还漏吗？');
        await h.say('ann', '下雨还是漏，请再派人来看看');
        expect(h.sender.textsTo('zhou').at(-1)).toMatch(/^💬 居民回复（回访 #\d+，U-0001）：下雨还是漏/);
        expect(llm.requests).toHaveLength(1);
        await h.say('zhou', '/done 已请物业复查');
        await h.say('ann', '5号楼门口的路灯坏了');
        expect(llm.requests).toHaveLength(2);
      } finally {
        await llm.stop();
      }
    });

    it('keeps one unfinished revisit per ticket and resident in the store', async () => {
      const revisits = new KyselyRevisitStore(store.db);
      const at = h.clock.now();
      const first = await revisits.request({ ticketId: 1, residentId: 1, reason: 'low_rating', rating: 1 }, at);
      expect(first).toMatchObject({ status: 'open', reason: 'low_rating', rating: 1 });
      expect(
        await revisits.request({ ticketId: 1, residentId: 1, reason: 'reopened', rating: null }, at),
      ).toBeUndefined();
      expect(await revisits.start(first!.id, 7, at)).toBe(true);
      expect(await revisits.start(first!.id, 8, at)).toBe(false);
      expect(await revisits.startedByCaller([7])).toMatchObject({ id: first!.id, callerMemberId: 7 });
      expect(await revisits.startedByCaller([8])).toBeUndefined();
      expect(await revisits.finish(first!.id, 'ok', at)).toBe(true);
      expect(await revisits.finish(first!.id, 'again', at)).toBe(false);
      expect(
        await revisits.request({ ticketId: 1, residentId: 1, reason: 'reopened', rating: null }, at),
      ).toMatchObject({
        status: 'open',
      });
    });
  });
}
