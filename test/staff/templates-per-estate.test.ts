import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/index.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyReplyTemplateStore } from '../../src/store/reply-template-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { STAFF_BUTTON } from '../../src/turn/notify-staff.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { twoEstates } from '../support/estates.ts';
import { startInProcessConsole } from '../console/console-in-process.ts';
import { ConsoleClient } from '../console/console-support.ts';

const t = messages('zh-CN').templates;

/*
 * Canned replies per estate: an estate's admin writes their estate's own templates (in the chat and
 * the console); its staff use those and the install's; another estate sees none of them.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: canned replies per estate`, () => {
    let store: TestStore;
    let h: Harness;
    let north: number;
    let south: number;
    let northTicket: Ticket;
    let southTicket: Ticket;
    const lastIn = (room: string) => h.groupTexts(room).at(-1)!;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(async () => {
      await store.cleanup();
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store, { env: { WORKING_HOURS: '00:00-24:00' } });
      ({ north, south, northTicket, southTicket } = await twoEstates(store.db, h));
      await new KyselyMemberStore(store.db).grant(
        { platform: PLATFORM, kind: 'user', id: 'boss', displayName: 'boss' },
        'admin',
        h.clock.now(),
        north,
      );
    });

    it("lets an estate's admin add its own template, used by its staff only, beside the install's", async () => {
      await h.sayInGroup('north-room', 'boss', '/tpl add 停水 本苑今日停水检修，{ref} 稍后处理');
      expect(lastIn('north-room')).toBe(t.added({ name: '停水', language: '简体中文', estate: '北苑' }));
      const rows = await store.db.selectFrom('reply_templates').select(['name', 'estate_id']).execute();
      expect(rows.filter((r) => r.name === '停水')).toEqual([{ name: '停水', estate_id: north }]);

      await h.sayInGroup('north-room', 'wang', '/tpl list');
      expect(lastIn('north-room')).toContain('停水');
      expect(lastIn('north-room')).toContain('派修');
      await h.sayInGroup('south-room', 'li', '/tpl list');
      expect(lastIn('south-room')).not.toContain('停水');
      expect(lastIn('south-room')).toContain('派修');

      // The card's buttons: the estate's own and the install's.
      await h.sayInGroup('north-room', 'wang', `/tpl ${northTicket.reference}`);
      const northButtons = h.sender.sent
        .at(-1)!
        .message.buttons!.flat()
        .map((b) => b.label);
      expect(northButtons).toContain('停水');
      expect(northButtons).toContain('派修');
      await h.sayInGroup('south-room', 'li', `/tpl ${southTicket.reference}`);
      expect(
        h.sender.sent
          .at(-1)!
          .message.buttons!.flat()
          .map((b) => b.label),
      ).not.toContain('停水');

      // Sent in the north, refused in the south (by command and by a forged button alike).
      await h.pressInGroup('north-room', 'wang', `${STAFF_BUTTON}tpl:${northTicket.id}:停水`);
      expect(h.inbox('amy').at(-1)).toContain(`本苑今日停水检修，${northTicket.reference} 稍后处理`);
      await h.sayInGroup('south-room', 'li', `/tpl 停水 ${southTicket.reference}`);
      expect(lastIn('south-room')).toBe(t.notFound('停水'));
      await h.pressInGroup('south-room', 'li', `${STAFF_BUTTON}tpl:${southTicket.id}:停水`);
      expect(h.inbox('bob').join('\n')).not.toContain('停水检修');
    });

    it("replaces an install template for one estate only, and leaves the install's to the others", async () => {
      await h.sayInGroup('north-room', 'boss', '/tpl add 派修 北苑物业已派师傅（{ref}）');
      await h.sayInGroup('north-room', 'wang', `/tpl 派修 ${northTicket.reference}`);
      expect(h.inbox('amy').at(-1)).toContain(`北苑物业已派师傅（${northTicket.reference}）`);
      await h.sayInGroup('south-room', 'li', `/tpl 派修 ${southTicket.reference}`);
      expect(h.inbox('bob').at(-1)).not.toContain('北苑物业');

      // An estate's admin deletes their estate's own, never the install's.
      await h.sayInGroup('north-room', 'boss', '/tpl delete 上门');
      expect(lastIn('north-room')).toBe(t.notFound('上门'));
      await h.sayInGroup('north-room', 'boss', '/tpl delete 派修');
      expect(lastIn('north-room')).toBe(t.deleted({ name: '派修', count: 1, estate: '北苑' }));
      const left = await new KyselyReplyTemplateStore(store.db).list();
      expect(left.filter((x) => x.name === '派修' || x.name === '上门').map((x) => x.estateId)).toEqual([null, null]);

      // Staff are no admins; an admin of the north is none in the south's group.
      await h.sayInGroup('north-room', 'wang', '/tpl add 试试 文本');
      expect(lastIn('north-room')).toBe(messages('zh-CN').staff.adminOnly);
      await h.registerStaff('south-room', ['boss'], south);
      await h.sayInGroup('south-room', 'boss', '/tpl add 试试 文本');
      expect(lastIn('south-room')).toBe(messages('zh-CN').staff.adminOnly);
    });

    it('names the estate of each template in the list of a person of several estates', async () => {
      await h.sayInGroup('north-room', 'boss', '/tpl add 停水 本苑今日停水检修');
      await new KyselyMemberStore(store.db).grant(
        { platform: PLATFORM, kind: 'user', id: 'wang', displayName: 'wang' },
        'staff',
        h.clock.now(),
        south,
      );
      await h.say('wang', '/tpl list');
      expect(h.inbox('wang').at(-1)).toContain('• [北苑] 停水');
      expect(h.inbox('wang').at(-1)).toContain('• 派修');
      await h.say('li', '/tpl list');
      expect(h.inbox('li').at(-1)).not.toContain('停水');
    });

    it("manages the estate's templates from the console; the install's are shown read-only", async () => {
      const web = await startInProcessConsole(store, h);
      try {
        const boss = await web.signIn(`${PLATFORM}:boss`);
        const page = await (await boss.request('/console/templates?lang=zh-CN')).text();
        expect(page).toContain('<h2>派修</h2>');
        expect(page).toContain('所有小区共用的模板，只能查看');
        expect(page).not.toContain('<input type="hidden" name="name" value="派修"/>');
        const saved = await boss.request('/console/templates', {
          form: { csrf: ConsoleClient.csrfOf(page), name: '停水', language: 'zh-CN', text: '本苑今日停水（{ref}）' },
        });
        expect(saved.status).toBe(303);
        const after = await (await boss.request('/console/templates?lang=zh-CN')).text();
        expect(after).toContain('<input type="hidden" name="name" value="停水"/>');
        expect((await new KyselyReplyTemplateStore(store.db).find('停水', north))?.estateId).toBe(north);
        expect(await new KyselyReplyTemplateStore(store.db).find('停水', south)).toBeUndefined();
      } finally {
        await web.close();
      }
    });
  });
}
