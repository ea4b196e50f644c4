import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const ROOM = 'staff-room';
const COMMITTEE = 'committee-room';

for (const dialect of DIALECTS) {
  describe(`${dialect}: who may act, and where`, () => {
    let store: TestStore;
    let h: Harness;
    const members = () => new KyselyMemberStore(store.db);
    const byRef = async (reference: string): Promise<Ticket> =>
      (await new KyselyTicketStore(store.db).findByReference(reference))!;
    const lastIn = (chatId: string) => h.sender.sent.filter((s) => s.chatId === chatId).at(-1)!.message;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
      await h.registerStaff(ROOM, ['wang', 'li']);
      await members().grant(
        { platform: PLATFORM, kind: 'user', id: 'boss', displayName: 'boss' },
        'admin',
        h.clock.now(),
      );
    });
    afterAll(async () => {
      await store.cleanup();
    });

    describe('revoking', () => {
      it("lets an admin list members and revoke one; the revoked member's commands and buttons stop at once", async () => {
        await h.say('ada', '8栋门禁坏了');
        const ticket = await byRef('S-0001');
        const li = (await members().find(PLATFORM, 'user', 'li', 'staff'))!;
        await h.sayInGroup(ROOM, 'boss', '/members');
        const list = h.groupTexts(ROOM).at(-1)!;
        expect(list).toContain(`#${li.id} 物业工作人员｜个人 li（test:li）｜加入 2026-11-23 10:00`);
        expect(list).toContain('群 staff-room');

        await h.sayInGroup(ROOM, 'boss', `/revoke #${li.id}`);
        expect(h.groupTexts(ROOM).at(-1)).toContain('已撤销');
        await h.sayInGroup(ROOM, 'li', '/ack S-0001');
        expect(h.groupTexts(ROOM).at(-1)).toContain('只有物业工作人员');
        await h.pressInGroup(ROOM, 'li', `st:res:${ticket.id}`);
        expect(lastIn(ROOM).callbackAnswer).toMatchObject({ alert: true });
        await h.say('li', '/resolve S-0001');
        expect(h.inbox('li').at(-1)).toContain('只有物业工作人员');
        expect((await byRef('S-0001')).status).toBe('open');
        // The others still act.
        await h.sayInGroup(ROOM, 'wang', '/ack S-0001');
        expect((await byRef('S-0001')).status).toBe('acknowledged');

        await h.sayInGroup(ROOM, 'boss', '/members');
        expect(h.groupTexts(ROOM).at(-1)).toMatch(new RegExp(`#${li.id} .*｜已撤销 2026-11-23 10:00`));
      });

      it('revokes every role of a platform:user id from a private chat, and a group registration', async () => {
        await members().grant({ platform: PLATFORM, kind: 'user', id: 'li' }, 'committee', h.clock.now());
        await h.say('boss', '/revoke test:li');
        expect(
          h
            .inbox('boss')
            .at(-1)!
            .split('\n')
            .filter((l) => l.startsWith('#')),
        ).toHaveLength(2);
        expect(await members().rolesOf(PLATFORM, 'li')).toEqual([]);

        await h.say('boss', `/revoke test:${ROOM}`);
        await h.say('eve', '5栋消防通道被车堵了');
        expect(h.sender.sent.some((s) => s.chatId === ROOM && s.message.style === 'card')).toBe(false);
        // An unregistered group ignores what is said there, staff commands included.
        const before = h.groupTexts(ROOM).length;
        await h.sayInGroup(ROOM, 'wang', '/tickets');
        expect(h.groupTexts(ROOM)).toHaveLength(before);
      });

      it('refuses /revoke and /members to anyone but an admin, and an admin revoking themself', async () => {
        await h.sayInGroup(ROOM, 'wang', '/revoke test:li');
        expect(h.groupTexts(ROOM).at(-1)).toContain('只有管理员');
        await h.say('wang', '/members');
        expect(h.inbox('wang').at(-1)).toContain('只有管理员');
        await h.say('boss', '/revoke test:boss');
        expect(h.inbox('boss').at(-1)).toContain('不能在聊天里撤销自己');
        await h.say('boss', '/revoke nobody');
        expect(h.inbox('boss').at(-1)).toContain('用法：/revoke');
        await h.say('boss', '/revoke #99999');
        expect(h.inbox('boss').at(-1)).toContain('没有可撤销的成员');
        expect(await members().rolesOf(PLATFORM, 'li')).toEqual(['staff']);
      });

      it('grants a revoked person the role again with a fresh code, on the same member row', async () => {
        const li = (await members().find(PLATFORM, 'user', 'li', 'staff'))!;
        await members().revoke({ kind: 'id', id: li.id }, h.clock.now());
        const { code } = await members().createInvite(
          'staff',
          new Date(h.clock.now().getTime() + 86_400_000),
          h.clock.now(),
        );
        await h.say('li', `/join ${code}`);
        expect(h.inbox('li').at(-1)).toContain('已为您开通');
        expect(await members().find(PLATFORM, 'user', 'li', 'staff')).toMatchObject({ id: li.id, revokedAt: null });
      });
    });

    describe('where staff act', () => {
      beforeEach(async () => {
        await members().grant({ platform: PLATFORM, kind: 'group', id: COMMITTEE }, 'committee', h.clock.now());
      });

      it('points a staff command in the committee group to the staff chat, showing nothing of the ticket', async () => {
        await h.say('ada', '3号楼2单元门禁坏了，我叫李建国');
        // Whatever category the classifier gives it (a unit's access gate sits between security and upkeep).
        const [ticket] = await new KyselyTicketStore(store.db).list();
        const ref = ticket!.reference;
        for (const command of [`/show ${ref}`, '/tickets', '/search 门禁', `/ack ${ref}`, '/members']) {
          await h.sayInGroup(COMMITTEE, 'wang', command);
          const answer = h.groupTexts(COMMITTEE).at(-1)!;
          expect(answer, command).toContain('只能在物业工作群');
          expect(answer, command).not.toMatch(new RegExp(`${ref}|门禁|李建国`));
        }
        await h.pressInGroup(COMMITTEE, 'wang', `st:ack:${ticket!.id}`);
        expect(lastIn(COMMITTEE).callbackAnswer).toMatchObject({ alert: true });
        await h.sayInGroup(COMMITTEE, 'wang', '大家好');
        expect(h.groupTexts(COMMITTEE)).toHaveLength(5);
        // Help there is about what the group does: the meeting's decisions.
        await h.sayInGroup(COMMITTEE, 'chair', '/help');
        expect(h.groupTexts(COMMITTEE).at(-1)).toContain('/decide');
        expect(h.groupTexts(COMMITTEE).at(-1)).not.toContain('/show');
        expect((await byRef(ref)).status).toBe('open');
        expect(h.sender.sent.some((s) => s.chatId === COMMITTEE && s.message.style === 'card')).toBe(false);
      });

      it('lets staff act in the staff group and in their private chat', async () => {
        await h.say('ada', '8栋门禁坏了');
        await h.say('wang', '/show S-0001');
        expect(h.inbox('wang').at(-1)).toContain('处理记录');
        const ticket = await byRef('S-0001');
        await h.press('wang', `st:ack:${ticket.id}`);
        expect((await byRef('S-0001')).status).toBe('acknowledged');
        await h.sayInGroup(ROOM, 'wang', '/work S-0001');
        expect((await byRef('S-0001')).status).toBe('in_progress');
      });
    });

    describe('the staff chat answers', () => {
      it('an unknown command, but not one addressed to another bot', async () => {
        await h.sayInGroup(ROOM, 'wang', '/frobnicate');
        expect(h.groupTexts(ROOM).at(-1)).toContain('没有这个指令');
        const before = h.groupTexts(ROOM).length;
        await h.sayInGroup(ROOM, 'wang', '/poll@VoteBot 周五聚餐？');
        expect(h.groupTexts(ROOM)).toHaveLength(before);
      });

      it('/category with a category named in any language', async () => {
        await h.say('ada', '7栋楼上装修太吵了');
        for (const [word, category] of [
          ['绿化', 'greening'],
          ['維修清潔', 'upkeep'],
          ['water supply', 'water_supply'],
          ['security', 'security'],
        ] as const) {
          await h.sayInGroup(ROOM, 'wang', `/category O-0001 ${word}`);
          expect((await byRef('O-0001')).category, word).toBe(category);
        }
        await h.sayInGroup(ROOM, 'wang', '/category O-0001 电梯');
        expect(h.groupTexts(ROOM).at(-1)).toContain('改为哪个分类');
      });

      it('a refused move in words that read, and history times in the configured time zone', async () => {
        await h.say('ada', '5栋楼道灯坏了');
        await h.sayInGroup(ROOM, 'wang', '/resolve U-0001');
        await h.sayInGroup(ROOM, 'wang', '/resolve U-0001');
        expect(h.groupTexts(ROOM).at(-1)).toBe('U-0001 目前是“已解决”，不能标记为已解决。');
        await h.sayInGroup(ROOM, 'wang', '/show U-0001');
        // The clock is 02:00 UTC: 10:00 in Asia/Shanghai.
        expect(h.groupTexts(ROOM).at(-1)).toContain('2026-11-23 10:00 登记');
        expect(h.groupTexts(ROOM).at(-1)).not.toContain('02:00');
      });
    });
  });
}
