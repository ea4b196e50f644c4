import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { KyselyWorkloadStore } from '../../src/store/workload-store.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const STAFF_ROOM = 'staff-room';
const cst = (local: string) => new Date(`${local}:00+08:00`);
// What residents wrote that no staff list may show (SHOW_RESIDENT_DETAILS is off).
const PRIVATE = ['13812345678', '张三'];

for (const dialect of DIALECTS) {
  describe(`${dialect}: workload — /mine, the claim button, round-robin, /workload`, () => {
    let store: TestStore;
    let h: Harness;

    const tickets = () => new KyselyTicketStore(store.db);
    const byRef = async (reference: string) => (await tickets().findByReference(reference))!;
    const buttonAnswers = () => h.sender.sent.filter((s) => s.message.callbackAnswer).map((s) => s.message.text);
    const grant = async (id: string, role: 'admin' | 'staff') =>
      new KyselyMemberStore(store.db).grant(
        { platform: PLATFORM, kind: 'user', id, displayName: id },
        role,
        h.clock.now(),
      );

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(async () => {
      await store.cleanup();
    });

    describe('by hand', () => {
      beforeEach(async () => {
        await store.reset();
        h = await createHarness(store);
        await h.registerStaff(STAFF_ROOM, ['wang', 'li']);
      });

      it("lists a staff member's own open tickets, overdue first, masked, in the staff group and in private", async () => {
        // Monday 23 November 2026, 10:00.
        await h.say('ann', '3号楼停水了，我是张三，电话13812345678');
        await h.say('bob', '5号楼门口的路灯坏了');
        await h.say('cat', '7号楼草坪没人修剪');
        await h.sayInGroup(STAFF_ROOM, 'wang', '/assign W-0001');
        await h.sayInGroup(STAFF_ROOM, 'wang', '/assign U-0001');
        await h.sayInGroup(STAFF_ROOM, 'li', '/assign G-0001');
        // W-0001 (water, 4 working hours) is overdue by Tuesday 09:00; U-0001 (upkeep, 24 h) is not.
        h.clock.current = cst('2026-11-24T09:00');
        await h.sayInGroup(STAFF_ROOM, 'wang', '/mine');
        const list = h.groupTexts(STAFF_ROOM).at(-1)!;
        expect(list.split('\n')[0]).toBe('您负责的处理中工单 2 张，其中 1 张已超时：');
        expect(list.split('\n')[1]).toMatch(/^⏰ W-0001 待处理 供水 3号楼 — .*（回复时限 2026-11-23 15:30，已超时）$/);
        expect(list.split('\n')[2]).toMatch(/^• U-0001 .*（回复时限 2026-11-24 10:00）$/);
        expect(list).not.toContain('G-0001');
        for (const secret of PRIVATE) expect(list).not.toContain(secret);

        await h.say('wang', '/mine');
        expect(h.inbox('wang').at(-1)).toBe(list);
        await h.say('li', '/mine');
        expect(h.inbox('li').at(-1)).toContain('G-0001');
      });

      it('says so when nothing is assigned, and refuses residents', async () => {
        await h.say('wang', '/mine');
        expect(h.inbox('wang').at(-1)).toContain('您目前没有负责的处理中工单');
        await h.say('ann', '/mine');
        expect(h.inbox('ann').at(-1)).not.toContain('您目前没有负责');
      });

      it('gives a ticket to the first who presses 我来处理, records it, and tells a second presser who has it', async () => {
        await h.say('ann', '3号楼停水了');
        const card = h.sender.sent.find((s) => s.chatId === STAFF_ROOM && s.message.style === 'card')!;
        const claim = card.message.buttons!.flat().find((b) => b.label === '我来处理')!;
        expect(claim.data).toMatch(/^st:claim:\d+$/);

        await h.pressInGroup(STAFF_ROOM, 'wang', claim.data);
        expect(h.groupTexts(STAFF_ROOM).at(-1)).toBe('🙋 W-0001 由 wang 负责处理。');
        const ticket = await byRef('W-0001');
        const wang = await new KyselyMemberStore(store.db).find(PLATFORM, 'user', 'wang', 'staff');
        expect(ticket.assigneeId).toBe(wang!.id);
        const assigned = (await tickets().events(ticket.id)).filter((e) => e.kind === 'assigned');
        expect(assigned).toHaveLength(1);
        expect(assigned[0]).toMatchObject({ actor: { kind: 'member', id: wang!.id }, data: { via: 'claim' } });

        await h.pressInGroup(STAFF_ROOM, 'li', claim.data);
        expect(buttonAnswers().at(-1)).toBe('W-0001 已由 wang 负责处理。');
        await h.pressInGroup(STAFF_ROOM, 'wang', claim.data);
        expect(buttonAnswers().at(-1)).toBe('W-0001 已经由您负责了。');
        expect((await byRef('W-0001')).assigneeId).toBe(wang!.id);
        expect((await tickets().events(ticket.id)).filter((e) => e.kind === 'assigned')).toHaveLength(1);

        // Once resolved there is nothing to take.
        await h.sayInGroup(STAFF_ROOM, 'wang', '/resolve W-0001');
        await h.pressInGroup(STAFF_ROOM, 'li', claim.data);
        expect(buttonAnswers().at(-1)).toBe('W-0001 目前“已解决”，不需要再认领。');
      });

      it('lets a colleague take a ticket whose holder lost the staff role', async () => {
        await h.say('ann', '3号楼停水了');
        const ticket = await byRef('W-0001');
        await h.pressInGroup(STAFF_ROOM, 'wang', `st:claim:${ticket.id}`);
        await new KyselyMemberStore(store.db).revoke(
          { kind: 'subject', platform: PLATFORM, subjectId: 'wang' },
          h.clock.now(),
        );
        await h.pressInGroup(STAFF_ROOM, 'li', `st:claim:${ticket.id}`);
        expect(h.groupTexts(STAFF_ROOM).at(-1)).toBe('🙋 W-0001 由 li 负责处理。');
        const li = await new KyselyMemberStore(store.db).find(PLATFORM, 'user', 'li', 'staff');
        expect((await byRef('W-0001')).assigneeId).toBe(li!.id);
        const assigned = (await tickets().events(ticket.id)).filter((e) => e.kind === 'assigned');
        expect(assigned.map((e) => e.data.name)).toEqual(['wang', 'li']);
      });

      it('refuses the claim button to someone who is not staff', async () => {
        await h.say('ann', '3号楼停水了');
        const ticket = await byRef('W-0001');
        await h.pressInGroup(STAFF_ROOM, 'stranger', `st:claim:${ticket.id}`);
        expect((await byRef('W-0001')).assigneeId).toBeNull();
      });

      it('shows admins each member’s open and overdue tickets and median first response in working time', async () => {
        await grant('boss', 'admin');
        // Monday 10:00: W-0001, answered by wang at 11:00 (1 working hour).
        await h.say('ann', '3号楼停水了');
        h.clock.current = cst('2026-11-23T11:00');
        await h.sayInGroup(STAFF_ROOM, 'wang', '/ack W-0001');
        // Friday 17:30: W-0002, answered by li on Monday 09:30: one working hour, 64 on the clock.
        h.clock.current = cst('2026-11-27T17:30');
        await h.say('bob', '9号楼没水了');
        await h.sayInGroup(STAFF_ROOM, 'li', '/assign W-0002');
        h.clock.current = cst('2026-11-30T09:30');
        await h.sayInGroup(STAFF_ROOM, 'li', '/reply W-0002 已派师傅');
        // Monday 09:30: U-0001, taken by li and left unanswered past its deadline.
        await h.say('cat', '5号楼门口的路灯坏了');
        await h.sayInGroup(STAFF_ROOM, 'li', '/assign U-0001');
        // Tuesday 12:00: U-0001 is past its answer (Tuesday 09:30); W-0002 is due on Tuesday 17:30.
        h.clock.current = cst('2026-12-01T12:00');

        await h.sayInGroup(STAFF_ROOM, 'wang', '/workload');
        expect(h.groupTexts(STAFF_ROOM).at(-1)).toBe('抱歉，只有管理员可以使用这个指令。');
        await h.say('boss', '/workload');
        const text = h.inbox('boss').at(-1)!;
        expect(text.split('\n')).toEqual([
          '工作量（处理中 / 已超时 / 近 30 天首次响应）：',
          '• li：处理中 2，超时 1，首次响应 1 次，中位用时 1 小时',
          '• boss：处理中 0，超时 0，首次响应 0 次',
          '• wang：处理中 0，超时 0，首次响应 1 次，中位用时 1 小时',
          '用时按工作时间计算（紧急工单按自然时间）。',
        ]);
      });
    });

    describe('round-robin', () => {
      beforeEach(async () => {
        await store.reset();
        h = await createHarness(store, { env: { AUTO_ASSIGN: 'round-robin' } });
        await h.registerStaff(STAFF_ROOM, ['wang', 'li']);
        // An admin is not on the rotation; a revoked colleague neither.
        await grant('boss', 'admin');
        await grant('gone', 'staff');
        await new KyselyMemberStore(store.db).revoke(
          { kind: 'subject', platform: PLATFORM, subjectId: 'gone' },
          h.clock.now(),
        );
      });

      it('gives new tickets to staff members in turn, tells each in private, and shows it on the card', async () => {
        await h.say('ann', '3号楼停水了，电话13812345678');
        await h.say('bob', '5号楼门口的路灯坏了');
        await h.say('cat', '7号楼草坪没人修剪');
        const names = async (reference: string) => {
          const id = (await byRef(reference)).assigneeId;
          return id === null ? null : (await new KyselyMemberStore(store.db).findById(id))?.displayName;
        };
        expect([await names('W-0001'), await names('U-0001'), await names('G-0001')]).toEqual(['wang', 'li', 'wang']);
        // A person's private chat has their user id.
        const toWang = h.sender.textsTo('wang');
        expect(toWang).toHaveLength(2);
        expect(toWang[0]).toMatch(/^🙋 新工单轮到您处理：W-0001（供水，3号楼），时限 2026-11-23 15:30。/);
        expect(toWang[0]).not.toContain('13812345678');
        expect(h.sender.textsTo('li')[0]).toContain('U-0001');
        const card = h.sender.sent.find((s) => s.chatId === STAFF_ROOM && s.message.text.includes('W-0001'))!;
        expect(card.message.text).toContain('🙋 负责：wang');
        expect(card.message.buttons!.flat().some((b) => b.label === '我来处理')).toBe(false);
        const ticket = await byRef('W-0001');
        expect((await tickets().events(ticket.id)).find((e) => e.kind === 'assigned')).toMatchObject({
          actor: { kind: 'system' },
          data: { via: 'round-robin', name: 'wang' },
        });
      });

      it('shares one rotation between two instances', async () => {
        const other = store.reopen();
        const a = new KyselyWorkloadStore(store.db);
        const b = new KyselyWorkloadStore(other.db);
        const turns = await Promise.all([a.nextTurn('x'), b.nextTurn('x'), a.nextTurn('x'), b.nextTurn('x')]);
        expect(turns.sort()).toEqual([1, 2, 3, 4]);
      });
    });
  });
}
