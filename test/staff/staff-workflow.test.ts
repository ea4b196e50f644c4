import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messages, type Locale } from '../../src/i18n/index.ts';
import { checkDeadlines } from '../../src/staff/check-deadlines.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const STAFF_ROOM = 'staff-room';

for (const dialect of DIALECTS) {
  describe(`${dialect}: staff workflow`, () => {
    let store: TestStore;
    let h: Harness;
    const ticketStore = () => new KyselyTicketStore(store.db);
    const byRef = async (reference: string): Promise<Ticket> => (await ticketStore().findByReference(reference))!;
    const kinds = async (reference: string) =>
      (await ticketStore().events((await byRef(reference)).id)).map((e) => e.kind);

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
      await h.registerStaff(STAFF_ROOM, ['wang']);
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it('runs the whole loop: co-reporters, reply, explain, resolve, not fixed → reopened', async () => {
      await h.say('alice', '3号楼2单元水管漏水，楼道全是水');
      await h.say('bob', '3号楼的水管在漏水');
      const leak = (await ticketStore().list())[0]!;
      expect(await ticketStore().list()).toHaveLength(1);
      expect(await ticketStore().reporterCount(leak.id)).toBe(2);
      expect(h.inbox('bob')[0]).toContain('1 位邻居');

      // The card reached the staff room: no unit, no names.
      const card = h.sender.sent.find((s) => s.chatId === STAFF_ROOM && s.message.style === 'card')!.message;
      expect(card.text).toContain(leak.reference);
      expect(card.text).not.toContain('2单元');
      expect(card.text).not.toContain('alice');
      expect(card.buttons?.flat().map((b) => b.data)).toEqual([
        `st:ack:${leak.id}`,
        `st:res:${leak.id}`,
        `st:exp:${leak.id}`,
        `st:cat:${leak.id}`,
        `st:tpls:${leak.id}`,
        `st:claim:${leak.id}`,
      ]);

      await h.sayInGroup(STAFF_ROOM, 'wang', `/reply ${leak.reference} 维修师傅下午两点到`);
      for (const user of ['alice', 'bob']) expect(h.inbox(user).at(-1)).toContain('维修师傅下午两点到');
      expect((await byRef(leak.reference)).firstResponseAt).not.toBeNull();

      await h.pressInGroup(STAFF_ROOM, 'wang', `st:exp:${leak.id}`);
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('原因');
      await h.sayInGroup(STAFF_ROOM, 'wang', '主管道老化，需要整体更换');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('长期计划');
      await h.sayInGroup(STAFF_ROOM, 'wang', '已申请维修基金，明年春节前完成改造');
      // Nothing goes to residents before the staff member has seen it and confirmed.
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('确认发送吗');
      expect((await byRef(leak.reference)).status).toBe('acknowledged');
      for (const user of ['alice', 'bob']) expect(h.inbox(user).join('\n')).not.toContain('主管道老化');
      await h.sayInGroup(STAFF_ROOM, 'wang', '确认');
      const explained = await byRef(leak.reference);
      expect(explained.status).toBe('explained');
      expect(explained.explanation).toEqual({
        reason: '主管道老化，需要整体更换',
        plan: '已申请维修基金，明年春节前完成改造',
      });
      for (const user of ['alice', 'bob']) {
        const last = h.inbox(user).at(-1)!;
        expect(last).toContain('主管道老化');
        expect(last).toContain('已申请维修基金');
        // The agenda is compiled the Monday after: the explanation goes to the next meeting, not this week's.
        expect(last).toContain('下一次三方联席会议');
      }
      const explainedIn = (locale: Locale) =>
        messages(locale).explainedToResident({ reference: 'W-0001', reason: 'r', plan: 'p' });
      expect(explainedIn('zh-TW')).toContain('下一次三方聯席會議');
      expect(explainedIn('en')).toContain('the next tripartite meeting');

      await h.say('carol', '5栋电梯坏了');
      const lift = await byRef('U-0001');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/resolve U-0001 已更换电梯门机');
      expect((await byRef('U-0001')).status).toBe('resolved');
      const ask = h.sender.sent.filter((s) => s.chatId === 'chat-carol').at(-1)!.message;
      expect(ask.text).toContain('已更换电梯门机');
      expect(ask.buttons?.flat().map((b) => b.data)).toContain(`fix:${lift.id}:no`);
      await h.press('carol', `rate:${lift.id}:2`);
      await h.press('carol', `fix:${lift.id}:no`);
      const reopened = await byRef('U-0001');
      expect(reopened).toMatchObject({ status: 'open', reopenedCount: 1, resolvedAt: null });
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('没有解决');
      const answers = await store.db
        .selectFrom('ticket_reporters')
        .select(['rating', 'fixed_answer'])
        .where('ticket_id', '=', lift.id)
        .execute();
      expect(answers).toEqual([{ rating: 2, fixed_answer: 'no' }]);
      expect(await kinds('U-0001')).toEqual(['created', 'resolved', 'rated', 'revisit', 'reopened']);
    });

    it('takes "not fixed" and a rating typed in words and digits after a resolve', async () => {
      await h.say('ada', '5栋楼道灯坏了');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/resolve U-0001');
      h.clock.advance(3 * 3_600_000);
      await h.say('ada', '4');
      await h.say('ada', '没修好，还是不亮');
      expect(
        (await ticketStore().events((await byRef('U-0001')).id)).some(
          (e) => e.kind === 'details_added' && e.data.text === '没修好，还是不亮',
        ),
      ).toBe(true);
      const ticket = await byRef('U-0001');
      expect(ticket).toMatchObject({ status: 'open', reopenedCount: 1 });
      const answers = await store.db
        .selectFrom('ticket_reporters')
        .select(['rating', 'fixed_answer'])
        .where('ticket_id', '=', ticket.id)
        .execute();
      expect(answers).toEqual([{ rating: 4, fixed_answer: 'no' }]);
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('没有解决');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/resolve U-0001 换了新灯泡');
      await h.say('ada', '修好了，谢谢');
      expect(
        (
          await store.db
            .selectFrom('ticket_reporters')
            .select('fixed_answer')
            .where('ticket_id', '=', ticket.id)
            .executeTakeFirstOrThrow()
        ).fixed_answer,
      ).toBe('yes');
      expect(await kinds('U-0001')).toContain('confirmed_fixed');
    });

    it('refuses a resident who tries staff commands or buttons, and changes nothing', async () => {
      await h.say('dan', '8栋门禁坏了');
      const before = await byRef('S-0001');
      await h.say('dan', '/resolve S-0001');
      expect(h.inbox('dan').at(-1)).toContain('只有物业工作人员');
      await h.pressInGroup(STAFF_ROOM, 'dan', `st:ack:${before.id}`);
      const alert = h.sender.sent.filter((s) => s.chatId === STAFF_ROOM).at(-1)!.message;
      expect(alert.callbackAnswer).toMatchObject({ alert: true });
      expect(alert.text).toContain('只有物业工作人员');
      await h.sayInGroup(STAFF_ROOM, 'dan', '/ack S-0001');
      const after = await byRef('S-0001');
      expect(after.status).toBe('open');
      expect(after.updatedAt).toEqual(before.updatedAt);
      expect(await kinds('S-0001')).toEqual(['created']);
    });

    it('requires both a reason and a plan to explain', async () => {
      await h.say('eve', '小区二次供水水箱太脏了，3号楼');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/explain W-0001 设备老化 |   ');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('缺一不可');
      expect((await byRef('W-0001')).status).toBe('open');
    });

    it('reports an illegal transition as a refusal, not a crash', async () => {
      await h.say('fox', '9栋楼道灯坏了');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/resolve U-0001');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/work U-0001');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('不能开始处理');
      expect((await byRef('U-0001')).status).toBe('resolved');
    });

    it('acknowledges from the card button, answers the press, and tells the reporter', async () => {
      await h.say('gil', '6栋门口的树倒了');
      const t = await byRef('G-0001');
      await h.pressInGroup(STAFF_ROOM, 'wang', `st:ack:${t.id}`);
      expect((await byRef('G-0001')).status).toBe('acknowledged');
      expect(h.inbox('gil').at(-1)).toContain('已受理');
      const answer = h.sender.sent.find((s) => s.chatId === STAFF_ROOM && s.message.callbackAnswer);
      expect(answer?.message.callbackAnswer?.alert).toBe(false);
    });

    it('relays a reply to the card and records it', async () => {
      await h.say('hal', '4号楼停水了');
      const card = h.sender.sent.find((s) => s.chatId === STAFF_ROOM && s.message.style === 'card')!;
      const cardRow = await store.db
        .selectFrom('outbox')
        .select('platform_message_id')
        .where('chat_id', '=', STAFF_ROOM)
        .executeTakeFirstOrThrow();
      expect(card).toBeDefined();
      await h.sayInGroup(STAFF_ROOM, 'wang', '水务公司抢修中，预计傍晚恢复', {
        replyToMessageId: cardRow.platform_message_id!,
      });
      expect(h.inbox('hal').at(-1)).toContain('水务公司抢修中');
      expect(await kinds('W-0001')).toEqual(['created', 'replied']);
    });

    it('recategorises as a staff correction, assigns, notes internally and merges duplicates', async () => {
      await h.say('ivy', '7栋楼上装修太吵了');
      await h.say('jon', '8栋的水压太低了');
      await h.say('kay', '8栋 水压很低，洗澡都洗不了');
      const other = (await ticketStore().list({ category: 'other' }))[0]!;
      await h.sayInGroup(STAFF_ROOM, 'wang', `/category ${other.reference} security`);
      const moved = await ticketStore().findById(other.id);
      expect(moved!.category).toBe('security');
      const correction = (await ticketStore().events(other.id)).find((e) => e.kind === 'recategorized')!;
      expect(correction.data).toMatchObject({ from: 'other', to: 'security', correction: true });
      await h.sayInGroup(STAFF_ROOM, 'wang', `/assign ${other.reference}`);
      const wang = await new KyselyMemberStore(store.db).find(PLATFORM, 'user', 'wang', 'staff');
      expect((await ticketStore().findById(other.id))!.assigneeId).toBe(wang!.id);
      await h.registerStaff(STAFF_ROOM, ['li']);
      await h.sayInGroup(STAFF_ROOM, 'wang', `/assign ${other.reference} LI`);
      const li = await new KyselyMemberStore(store.db).find(PLATFORM, 'user', 'li', 'staff');
      expect((await ticketStore().findById(other.id))!.assigneeId).toBe(li!.id);
      await h.sayInGroup(STAFF_ROOM, 'wang', `/assign ${other.reference} nobody`);
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('nobody');
      expect((await ticketStore().findById(other.id))!.assigneeId).toBe(li!.id);
      const ivyBefore = h.inbox('ivy').length;
      await h.sayInGroup(STAFF_ROOM, 'wang', `/note ${other.reference} 业主说周末才在家`);
      expect(h.inbox('ivy')).toHaveLength(ivyBefore);

      // The two pressure reports joined one ticket already; a manual merge works the same afterwards.
      await h.say('lou', '水压低，9栋');
      const water = await ticketStore().list({ category: 'water_supply' });
      expect(water).toHaveLength(2);
      const [newer, older] = water;
      await h.sayInGroup(STAFF_ROOM, 'wang', `/merge ${newer!.reference} ${older!.reference}`);
      expect((await ticketStore().findById(newer!.id))!).toMatchObject({ status: 'duplicate', duplicateOf: older!.id });
      expect(await ticketStore().reporterCount(older!.id)).toBe(3);
      expect(h.inbox('lou').at(-1)).toContain(older!.reference);
    });

    it('lists, shows and searches tickets for staff without units in the group', async () => {
      await h.say('max', '3号楼2单元门禁坏了，陌生人随便进');
      await h.say('nia', '中心花园的草没人修剪');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tickets');
      const list = h.groupTexts(STAFF_ROOM).at(-1)!;
      expect(list).toContain('S-0001');
      expect(list).toContain('G-0001');
      expect(list).not.toContain('2单元');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/search 草');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('G-0001');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).not.toContain('S-0001');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/show s-1');
      const shown = h.groupTexts(STAFF_ROOM).at(-1)!;
      expect(shown).toContain('处理记录');
      expect(shown).toContain('登记（居民）');
    });

    it("shows the history in the staff language: staff by name, residents unnamed, only residents' words masked", async () => {
      await h.say('max', '3号楼门禁坏了，陌生人随便进');
      const ticket = (await ticketStore().list())[0]!;
      const max = (await ticketStore().reporterIds(ticket.id))[0]!;
      await ticketStore().addEvent(
        ticket.id,
        'details_added',
        { kind: 'resident', id: max },
        { text: '李阿姨也说门禁坏了，电话13800138000' },
        h.clock.now(),
      );
      await h.sayInGroup(STAFF_ROOM, 'wang', `/reply ${ticket.reference} 维修师傅已经出发`);
      await h.sayInGroup(STAFF_ROOM, 'wang', `/resolve ${ticket.reference} 王师傅换了门禁电源`);
      await h.sayInGroup(STAFF_ROOM, 'wang', `/show ${ticket.reference}`);
      const shown = h.groupTexts(STAFF_ROOM).at(-1)!;
      expect(shown).toContain('登记（居民）');
      expect(shown).toContain('居民补充（居民）');
      expect(shown).toContain('回复居民（wang）：维修师傅已经出发');
      expect(shown).toContain('已解决（wang）：王师傅换了门禁电源');
      expect(shown).not.toContain('13800138000');
      expect(shown).not.toContain('李阿姨');
      expect(shown).not.toMatch(/max|staff#|resident#|created|replied/);
    });

    it('filters /tickets by category or status named in any language, and says so when a word is no filter', async () => {
      await h.say(
        'max',
        '3号楼电梯坏了好几天了，里面的按钮也不灵，门关上以后要等很久才动，老人小孩坐着都很害怕，希望物业赶快找人来修',
      );
      await h.say('nia', '中心花园的草没人修剪');
      await h.sayInGroup(STAFF_ROOM, 'wang', `/resolve G-0001`);
      for (const word of ['维修保洁', '維修清潔', '維修保潔', 'upkeep', 'Repairs and cleaning']) {
        await h.sayInGroup(STAFF_ROOM, 'wang', `/tickets ${word}`);
        const list = h.groupTexts(STAFF_ROOM).at(-1)!;
        expect(list, word).toContain('U-0001');
        expect(list, word).not.toContain('G-0001');
      }
      for (const word of ['已解决', '已解決', 'resolved']) {
        await h.sayInGroup(STAFF_ROOM, 'wang', `/tickets ${word}`);
        const list = h.groupTexts(STAFF_ROOM).at(-1)!;
        expect(list, word).toContain('G-0001');
        expect(list, word).not.toContain('U-0001');
      }
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tickets');
      const line = h
        .groupTexts(STAFF_ROOM)
        .at(-1)!
        .split('\n')
        .find((l) => l.includes('U-0001'))!;
      expect(line).toMatch(/…$/);
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tickets 电梯');
      const unknown = h.groupTexts(STAFF_ROOM).at(-1)!;
      expect(unknown).toContain('不认识“电梯”');
      expect(unknown).toContain('维修保洁');
      expect(unknown).toContain('工作人员指令');
    });

    it("lets a resident withdraw their own ticket but not another's", async () => {
      await h.say('oli', '3号楼门口有条狗咬人');
      await h.say('pam', '/withdraw S-0001');
      expect((await byRef('S-0001')).status).toBe('open');
      expect(h.inbox('pam').at(-1)).toContain('没有找到');
      await h.say('oli', '/withdraw S-0001');
      expect((await byRef('S-0001')).status).toBe('closed');
    });

    it('announces each passed deadline once', async () => {
      await h.say('ron', '3号楼停水了');
      const before = h.groupTexts(STAFF_ROOM).length;
      expect(await checkDeadlines(h.core)).toBe(0);
      // Four working hours from Monday 10:00 with a lunch break: 15:30.
      h.clock.advance(5.5 * 3_600_000 + 1);
      expect(await checkDeadlines(h.core)).toBe(1);
      expect(await checkDeadlines(h.core)).toBe(0);
      await h.settle();
      expect(
        h
          .groupTexts(STAFF_ROOM)
          .slice(before)
          .filter((t) => t.includes('回复时限')),
      ).toHaveLength(1);
      h.clock.advance(2 * 86_400_000);
      expect(await checkDeadlines(h.core)).toBe(1);
      expect(await kinds('W-0001')).toEqual(['created', 'overdue', 'overdue']);
      expect(await ticketStore().list({ overdueAt: h.clock.now() })).toHaveLength(1);
    });

    it('asks a group it was added to for an invite code, and ignores chatter there until registered', async () => {
      await h.save({
        platform: PLATFORM,
        eventId: 'join-1',
        kind: 'join',
        chat: { id: 'fresh-room', type: 'group' },
        sender: { id: 'boss' },
        occurredAt: new Date().toISOString(),
      });
      await h.settle();
      expect(h.groupTexts('fresh-room')).toHaveLength(1);
      expect(h.groupTexts('fresh-room')[0]).toContain('/join');
      await h.sayInGroup('fresh-room', 'boss', '3号楼停水了');
      expect(h.groupTexts('fresh-room')).toHaveLength(1);
    });

    it('grants roles by one-time invite codes, for people and groups', async () => {
      const members = new KyselyMemberStore(store.db);
      const { code } = await members.createInvite(
        'staff',
        new Date(h.clock.now().getTime() + 86_400_000),
        h.clock.now(),
      );
      await h.say('sam', '/join WRONG-CODE-00');
      expect(h.inbox('sam').at(-1)).toContain('邀请码无效');
      await h.sayInGroup('new-room', 'sam', `/join ${code.toLowerCase()}`);
      expect(h.groupTexts('new-room').at(-1)).toContain('已登记');
      expect(await members.rolesOf(PLATFORM, 'sam')).toEqual(['staff']);
      await h.sayInGroup('other-room', 'tim', `/join ${code}`);
      expect(h.groupTexts('other-room').at(-1)).toContain('邀请码无效');
      expect((await members.groups('staff')).map((g) => g.subjectId).sort()).toEqual(['new-room', STAFF_ROOM]);
      // The new room gets cards for new tickets.
      await h.say('una', '5栋消防通道被车堵了');
      expect(h.sender.sent.some((s) => s.chatId === 'new-room' && s.message.style === 'card')).toBe(true);
    });

    it('notes more reporters in the staff chat at milestones only', async () => {
      for (const user of ['r1', 'r2', 'r3', 'r4']) await h.say(user, '6栋停水了');
      const notes = h.groupTexts(STAFF_ROOM).filter((t) => t.includes('又有邻居反映'));
      expect(notes).toHaveLength(2);
      expect(notes[0]).toContain('共 2 人');
      expect(notes[1]).toContain('共 3 人');
      expect(await ticketStore().reporterCount((await byRef('W-0001')).id)).toBe(4);
    });

    it('announces an urgent ticket with a mark that stands out', async () => {
      await h.say('vera', '3号楼电梯困人了！！快来');
      const card = h.sender.sent.find((s) => s.chatId === STAFF_ROOM && s.message.style === 'card')!.message;
      expect(card.urgent).toBe(true);
      expect(card.text).toContain('🚨');
    });
  });
}
