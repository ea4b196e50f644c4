import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const MINUTE = 60_000;

for (const dialect of DIALECTS) {
  describe(`${dialect}: /join`, () => {
    let store: TestStore;
    let h: Harness;
    const members = () => new KyselyMemberStore(store.db);
    const code = async (role: 'staff' | 'committee' = 'staff') =>
      (await members().createInvite(role, new Date(h.clock.now().getTime() + 86_400_000), h.clock.now())).code;

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

    describe('guessing codes', () => {
      it('answers five wrong codes, then turns the chat away unchecked and says so once, not per guess', async () => {
        const good = await code();
        for (let i = 0; i < 5; i++) await h.say('mallory', `/join AAAA-BBBB-${String(i).padStart(2, '2')}`);
        expect(h.inbox('mallory').filter((t) => t.includes('邀请码无效'))).toHaveLength(5);
        for (let i = 0; i < 15; i++) await h.say('mallory', `/join GUES-S${String(i).padStart(3, '2')}-XX`);
        // Even the right code is refused now, without being checked (and stays unused).
        await h.say('mallory', `/join ${good}`);
        const after = h.inbox('mallory').slice(5);
        expect(after).toEqual(['邀请码错误次数太多，请 15 分钟后再试。']);
        expect(await members().rolesOf(PLATFORM, 'mallory')).toEqual([]);
        expect((await store.db.selectFrom('invites').select('used_at').executeTakeFirstOrThrow()).used_at).toBeNull();
        // Another chat is not affected.
        await h.say('trent', `/join ${good}`);
        expect(await members().rolesOf(PLATFORM, 'trent')).toEqual(['staff']);
      });

      it('counts in the database: a restarted service (a new core on the same database) still refuses', async () => {
        for (let i = 0; i < 5; i++) await h.sayInGroup('hackers', 'eve', `/join WRON-GCOD-E${i + 2}`);
        const restarted = await createHarness(store);
        restarted.clock.current = h.clock.now();
        const good = await code();
        await restarted.sayInGroup('hackers', 'eve', `/join ${good}`);
        expect(restarted.groupTexts('hackers').at(-1)).toContain('次数太多');
        expect(await members().groups('staff')).toEqual([]);
      });

      it('lets the chat try again once the oldest failure is fifteen minutes old', async () => {
        for (let i = 0; i < 5; i++) {
          await h.say('sam', `/join WRON-GCOD-E${i + 2}`);
          h.clock.advance(MINUTE);
        }
        await h.say('sam', '/join WRON-GCOD-EX');
        expect(h.inbox('sam').at(-1)).toBe('邀请码错误次数太多，请 10 分钟后再试。');
        h.clock.advance(10 * MINUTE);
        const good = await code();
        await h.say('sam', `/join ${good}`);
        expect(await members().rolesOf(PLATFORM, 'sam')).toEqual(['staff']);
      });

      it('does not count an empty code or a code already held', async () => {
        const good = await code();
        await h.say('sam', `/join ${good}`);
        for (let i = 0; i < 6; i++) await h.say('sam', '/join');
        const another = await code();
        await h.say('sam', `/join ${another}`);
        expect(h.inbox('sam').at(-1)).toContain('已经是');
        expect(await members().joinFailuresSince(PLATFORM, 'chat-sam', new Date(0))).toEqual([]);
      });
    });

    describe('a new staff chat', () => {
      it('hears of the tickets filed before it existed: a summary, cards urgent first, and how many more', async () => {
        await h.say('r1', '3号楼停水了');
        h.clock.advance(MINUTE);
        await h.say('r2', '5栋楼道灯坏了');
        for (const [i, user] of ['r3', 'r4', 'r5', 'r6'].entries()) {
          h.clock.advance(MINUTE);
          await h.say(user, `${i + 6}栋门口的垃圾没人清理`);
        }
        h.clock.advance(MINUTE);
        await h.say('r7', '8号楼电梯困人了！！快来');
        await h.say('r8', '9栋的路灯全灭了');
        await h.sayInGroup('new-room', 'boss', '/join WRON-GCOD-EE');

        await h.sayInGroup('new-room', 'boss', `/join ${await code()}`);
        const texts = h.groupTexts('new-room').filter((t) => !t.includes('｜'));
        expect(texts).toEqual([
          '邀请码无效或已过期。请向管理员索取新的邀请码。',
          '本群已登记为“物业工作人员”群，新的工单和通知会发到这里。',
          '目前有 8 张工单等待处理，其中 1 张紧急。下面是其中 5 张，紧急的在前、等得久的在前：',
          '还有 3 张没有列出，发 /tickets 查看。',
        ]);
        const cards = h.sender.sent.filter((s) => s.chatId === 'new-room' && s.message.style === 'card');
        expect(cards).toHaveLength(5);
        // The urgent card travels in the urgent lane, ahead of everything else.
        expect(cards[0]!.message.urgent).toBe(true);
        expect(cards[0]!.message.text).toContain('电梯困人');
        const tickets = new KyselyTicketStore(store.db);
        const filed = (await tickets.list()).reverse().map((t) => t.reference);
        const urgent = (await tickets.list()).find((t) => t.urgency === 'urgent')!.reference;
        expect(cards.map((c) => /[A-Z]-\d{4}/.exec(c.message.text)![0])).toEqual([
          urgent,
          ...filed.filter((r) => r !== urgent).slice(0, 4),
        ]);
        // The cards work like any card: buttons carry the ticket.
        expect(cards[0]!.message.buttons?.flat()[0]?.data).toMatch(/^st:ack:\d+$/);
      });

      it('says nothing of a backlog when none is waiting, nor to a committee group', async () => {
        await h.sayInGroup('quiet-room', 'boss', `/join ${await code()}`);
        expect(h.groupTexts('quiet-room')).toHaveLength(1);
        await h.say('r1', '3号楼停水了');
        await h.sayInGroup('committee-room', 'chair', `/join ${await code('committee')}`);
        expect(h.groupTexts('committee-room')).toHaveLength(1);
        expect(h.sender.sent.some((s) => s.chatId === 'committee-room' && s.message.style === 'card')).toBe(false);
      });
    });
  });
}
