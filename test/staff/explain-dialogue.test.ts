import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expireConversations } from '../../src/router/expire-conversations.ts';
import { messages } from '../../src/i18n/index.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { createHarness, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { llmHarness } from '../support/llm-harness.ts';
import { GOOD_ANSWER } from '../servers/openai-api.ts';

const ROOM = 'staff-room';
const REASON = '主管道老化，需要整体更换';
const PLAN = '已申请维修基金，明年春节前完成改造';

for (const dialect of DIALECTS) {
  describe(`${dialect}: the explain dialogue`, () => {
    let store: TestStore;
    let h: Harness;
    let leak: Ticket;
    const byRef = async (reference: string): Promise<Ticket> =>
      (await new KyselyTicketStore(store.db).findByReference(reference))!;
    const room = () => h.groupTexts(ROOM);
    /** Everything the two reporters received, as one text. */
    const residentsHeard = () => [...h.inbox('alice'), ...h.inbox('bob')].join('\n');

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
      await h.registerStaff(ROOM, ['wang', 'li']);
      await h.say('alice', '3号楼2单元水管漏水，楼道全是水');
      await h.say('bob', '3号楼的水管在漏水');
      leak = await byRef('W-0001');
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it('shows the exact resident text and sends nothing until confirmed with the button', async () => {
      await h.pressInGroup(ROOM, 'wang', `st:exp:${leak.id}`);
      await h.sayInGroup(ROOM, 'wang', REASON);
      await h.sayInGroup(ROOM, 'wang', PLAN);
      const preview = h.sender.sent.filter((s) => s.chatId === ROOM).at(-1)!.message;
      expect(preview.text).toContain(
        messages('zh-CN').explainedToResident({ reference: 'W-0001', reason: REASON, plan: PLAN }),
      );
      expect(preview.text).toContain('2 位反映人');
      expect(preview.buttons?.flat().map((b) => b.data)).toEqual([`st:expok:${leak.id}`, `st:expno:${leak.id}`]);
      expect((await byRef('W-0001')).status).toBe('open');
      expect(residentsHeard()).not.toContain(REASON);

      // Another staff member cannot confirm someone else's explanation.
      await h.pressInGroup(ROOM, 'li', `st:expok:${leak.id}`);
      expect((await byRef('W-0001')).status).toBe('open');
      expect(h.sender.sent.filter((s) => s.chatId === ROOM).at(-1)!.message.text).toContain('没有等您确认的说明');

      await h.pressInGroup(ROOM, 'wang', `st:expok:${leak.id}`);
      expect(await byRef('W-0001')).toMatchObject({ status: 'explained', explanation: { reason: REASON, plan: PLAN } });
      for (const user of ['alice', 'bob']) expect(h.inbox(user).at(-1)).toContain(PLAN);
      // Pressing again later does nothing more.
      const heard = h.inbox('alice').length;
      await h.pressInGroup(ROOM, 'wang', `st:expok:${leak.id}`);
      expect(h.inbox('alice')).toHaveLength(heard);
    });

    it('previews a one-shot "/explain REF reason | plan" too, and sends only once it is confirmed', async () => {
      await h.sayInGroup(ROOM, 'wang', `/explain W-0001 ${REASON} | ${PLAN}`);
      const preview = h.sender.sent.filter((s) => s.chatId === ROOM).at(-1)!.message;
      expect(preview.text).toContain(
        messages('zh-CN').explainedToResident({ reference: 'W-0001', reason: REASON, plan: PLAN }),
      );
      expect(preview.buttons?.flat().map((b) => b.data)).toEqual([`st:expok:${leak.id}`, `st:expno:${leak.id}`]);
      expect((await byRef('W-0001')).status).toBe('open');
      expect(residentsHeard()).not.toContain(REASON);

      await h.sayInGroup(ROOM, 'wang', '取消');
      expect(room().at(-1)).toContain('已取消 W-0001 的说明');
      expect((await byRef('W-0001')).status).toBe('open');

      await h.sayInGroup(ROOM, 'wang', `/explain W-0001 ${REASON}｜${PLAN}`);
      await h.sayInGroup(ROOM, 'wang', '确认');
      expect(await byRef('W-0001')).toMatchObject({ status: 'explained', explanation: { reason: REASON, plan: PLAN } });
      expect(h.inbox('alice').at(-1)).toContain(REASON);
    });

    it('previews the text in every language the reporters use', async () => {
      await h.say('carol', '/lang en');
      // An English-speaking neighbour among the reporters (as duplicate matching or a merge makes one).
      const carol = await store.db
        .selectFrom('resident_identities')
        .select('resident_id')
        .where('platform_user_id', '=', 'carol')
        .executeTakeFirstOrThrow();
      await new KyselyTicketStore(store.db).addReporter(leak.id, carol.resident_id, false, h.clock.now());
      await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
      await h.sayInGroup(ROOM, 'wang', REASON);
      await h.sayInGroup(ROOM, 'wang', PLAN);
      const preview = room().at(-1)!;
      expect(preview).toContain('原因：');
      expect(preview).toContain('Long-term plan:');
      await h.sayInGroup(ROOM, 'wang', '确认');
      expect(h.inbox('carol').at(-1)).toContain(`Reason: ${REASON}`);
    });

    for (const cancel of ['取消', 'cancel', '/cancel']) {
      it(`cancels at any step with "${cancel}", and chatter after it is not captured`, async () => {
        await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
        await h.sayInGroup(ROOM, 'wang', cancel);
        expect(room().at(-1)).toContain('已取消 W-0001 的说明');
        await h.sayInGroup(ROOM, 'wang', '中午吃什么？');
        await h.sayInGroup(ROOM, 'wang', '我去买盒饭');

        await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
        await h.sayInGroup(ROOM, 'wang', REASON);
        await h.sayInGroup(ROOM, 'wang', cancel);
        await h.sayInGroup(ROOM, 'wang', PLAN);

        await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
        await h.sayInGroup(ROOM, 'wang', REASON);
        await h.sayInGroup(ROOM, 'wang', PLAN);
        await h.sayInGroup(ROOM, 'wang', cancel);
        await h.sayInGroup(ROOM, 'wang', '确认');
        expect((await byRef('W-0001')).status).toBe('open');
        expect(residentsHeard()).not.toMatch(/主管道|维修基金|中午|盒饭/);
        expect((await new KyselyTicketStore(store.db).events(leak.id)).map((e) => e.kind)).not.toContain('explained');
      });
    }

    it("cancels with the preview's cancel button", async () => {
      await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
      await h.sayInGroup(ROOM, 'wang', REASON);
      await h.sayInGroup(ROOM, 'wang', PLAN);
      await h.pressInGroup(ROOM, 'wang', `st:expno:${leak.id}`);
      expect(room().at(-1)).toContain('没有发给居民');
      await h.sayInGroup(ROOM, 'wang', '确认');
      expect((await byRef('W-0001')).status).toBe('open');
      expect(residentsHeard()).not.toContain(REASON);
    });

    it('asks again instead of sending when the answer to the preview is neither confirm nor cancel', async () => {
      await h.sayInGroup(ROOM, 'wang', '/explain W-0001 ');
      await h.sayInGroup(ROOM, 'wang', REASON);
      await h.sayInGroup(ROOM, 'wang', PLAN);
      await h.sayInGroup(ROOM, 'wang', '好的好的');
      expect(room().at(-1)).toContain('还没有发出');
      expect((await byRef('W-0001')).status).toBe('open');
    });

    it('belongs to the member who started it: other staff talking in the group are not captured', async () => {
      await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
      await h.sayInGroup(ROOM, 'li', '今天下午谁去3号楼？');
      await h.sayInGroup(ROOM, 'wang', REASON);
      await h.sayInGroup(ROOM, 'li', '我去吧');
      await h.sayInGroup(ROOM, 'wang', PLAN);
      expect(room().at(-1)).toContain(`原因：${REASON}`);
      expect(room().at(-1)).toContain(`长期计划：${PLAN}`);
      await h.sayInGroup(ROOM, 'wang', '确认');
      expect(await byRef('W-0001')).toMatchObject({ status: 'explained', explanation: { reason: REASON, plan: PLAN } });
      expect(residentsHeard()).not.toMatch(/谁去|我去吧/);
    });

    it('ends when another command is sent, and runs that command', async () => {
      await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
      await h.sayInGroup(ROOM, 'wang', '/tickets');
      const [cancelled, list] = room().slice(-2);
      expect(cancelled).toContain('已取消 W-0001 的说明');
      expect(list).toContain('工单（1 条）');
      await h.sayInGroup(ROOM, 'wang', '大家辛苦了');
      await h.sayInGroup(ROOM, 'wang', '明天见');
      expect(residentsHeard()).not.toMatch(/辛苦|明天见/);
      expect((await byRef('W-0001')).status).toBe('open');
    });

    it('lapses after half an hour: a late message is not captured and the chat is told', async () => {
      await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
      h.clock.advance(31 * 60_000);
      await h.sayInGroup(ROOM, 'wang', '下班了');
      expect(room().at(-1)).toContain('太久没有完成');
      await h.sayInGroup(ROOM, 'wang', '明天再说');
      expect(room().at(-1)).toContain('太久没有完成');
      expect(residentsHeard()).not.toMatch(/下班|明天再说/);
    });

    it('lapses by the expiry job too, which tells the chat where the dialogue was', async () => {
      await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
      await h.sayInGroup(ROOM, 'wang', REASON);
      h.clock.advance(31 * 60_000);
      await expireConversations(h.core);
      await h.settle();
      expect(room().at(-1)).toContain('W-0001 的说明太久没有完成');
      await h.sayInGroup(ROOM, 'wang', PLAN);
      expect((await byRef('W-0001')).status).toBe('open');
      expect(residentsHeard()).not.toContain(PLAN);
    });

    it("works in a staff member's private chat without filing the answers as complaints", async () => {
      await h.say('wang', '/explain W-0001');
      expect(h.inbox('wang').at(-1)).toContain('原因');
      await h.say('wang', '3号楼主水管漏水，管道老化需要整体更换');
      expect(h.inbox('wang').at(-1)).toContain('长期计划');
      await h.say('wang', PLAN);
      expect(h.inbox('wang').at(-1)).toContain('确认发送吗');
      await h.say('wang', '确认');
      expect((await byRef('W-0001')).status).toBe('explained');
      expect(await new KyselyTicketStore(store.db).list()).toHaveLength(1);
      expect(h.inbox('alice').at(-1)).toContain('3号楼主水管漏水');
    });

    it("asks no classifier about a staff member's answers in the dialogue (CLASSIFIER=llm)", async () => {
      const made = await llmHarness(store, {
        ...GOOD_ANSWER,
        summary: '3号楼水管漏水',
        place: { building: '3号楼', unit: null, spot: null, text: '3号楼' },
      });
      try {
        h = made.h;
        await h.registerStaff(ROOM, ['wang']);
        await h.say('carol', '3号楼水管漏水了');
        const ticket = (await new KyselyTicketStore(store.db).list()).at(-1)!;
        const asked = made.llm.requests.length;
        await h.say('wang', `/explain ${ticket.reference}`);
        await h.say('wang', '3号楼主水管漏水，管道老化需要整体更换');
        await h.say('wang', PLAN);
        await h.say('wang', '确认');
        expect((await new KyselyTicketStore(store.db).findById(ticket.id))!.status).toBe('explained');
        expect(made.llm.requests).toHaveLength(asked);
        // Over: what they write is read as any message again.
        await h.say('wang', '5号楼门口的路灯坏了');
        expect(made.llm.requests.length).toBeGreaterThan(asked);
      } finally {
        await made.llm.stop();
      }
    });

    it('files a complaint written just as the dialogue lapses, instead of taking it as chatter', async () => {
      await h.say('wang', '/explain W-0001');
      expect(h.inbox('wang').at(-1)).toContain('原因');
      // The router's read finds the dialogue going on (so the words are not classified); before the
      // turn, its 30 minutes run out. The turn must not hand unread words to the resident's chat.
      const real = h.core.unitOfWork;
      let lapse = true;
      h.core.unitOfWork = {
        queues: real.queues,
        run: (fn) => real.run(fn),
        async withoutTransaction(fn) {
          const result = await real.withoutTransaction(fn);
          if (lapse && result === true) {
            lapse = false;
            h.clock.advance(31 * 60_000);
          }
          return result;
        },
      };
      await h.say('wang', '5号楼门口的路灯坏了，晚上很黑');
      expect(lapse).toBe(false);
      const tickets = await new KyselyTicketStore(store.db).list();
      expect(tickets).toHaveLength(2);
      const lamp = tickets.find((t) => t.reference !== 'W-0001')!;
      expect(lamp).toMatchObject({ category: 'upkeep', description: '5号楼门口的路灯坏了，晚上很黑' });
      expect(h.inbox('wang').at(-1)).toContain(lamp.reference);
      expect((await byRef('W-0001')).status).toBe('open');
    });

    it('does not start for a ticket that cannot be explained now', async () => {
      await h.sayInGroup(ROOM, 'wang', '/resolve W-0001');
      await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
      expect(room().at(-1)).toBe('W-0001 目前是“已解决”，不能标记为已说明。');
      await h.sayInGroup(ROOM, 'wang', '今天好热');
      expect(room().at(-1)).toBe('W-0001 目前是“已解决”，不能标记为已说明。');
    });

    it('stops at once when the member is revoked mid-dialogue', async () => {
      await h.sayInGroup(ROOM, 'wang', '/explain W-0001');
      await h.sayInGroup(ROOM, 'wang', REASON);
      await h.sayInGroup(ROOM, 'wang', PLAN);
      await store.db
        .updateTable('members')
        .set({ revoked_at: h.clock.now().toISOString() })
        .where('subject_id', '=', 'wang')
        .execute();
      await h.pressInGroup(ROOM, 'wang', `st:expok:${leak.id}`);
      await h.sayInGroup(ROOM, 'wang', '确认');
      expect((await byRef('W-0001')).status).toBe('open');
      expect(residentsHeard()).not.toContain(REASON);
    });
  });
}
