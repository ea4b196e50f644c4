import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REPLY_TEMPLATES } from '../../src/i18n/reply-templates.ts';
import { fillTemplate, readDateTime, templateText } from '../../src/staff/canned-replies.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyReplyTemplateStore } from '../../src/store/reply-template-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const STAFF_ROOM = 'staff-room';
const cst = (local: string) => new Date(`${local}:00+08:00`);

describe('canned replies: placeholders, languages, dates', () => {
  it('fills {ref} {place} {date} {time} and leaves other braces alone', () => {
    expect(
      fillTemplate('{ref}：{date} {time} 到{place}，{other}', {
        ref: 'W-0001',
        place: '3号楼',
        date: '12月5日',
        time: '14:00',
      }),
    ).toBe('W-0001：12月5日 14:00 到3号楼，{other}');
  });

  it('picks the reader’s language, then the other Chinese script converted, then the chat’s language', () => {
    const both = { name: 'x', texts: { 'zh-CN': '维修师傅马上到', en: 'On the way' } };
    expect(templateText(both, 'en', 'zh-CN')).toBe('On the way');
    expect(templateText(both, 'zh-TW', 'zh-CN')).toBe('維修師傅馬上到');
    expect(templateText({ name: 'y', texts: { 'zh-TW': '維修師傅馬上到' } }, 'zh-CN', 'en')).toBe('维修师傅马上到');
    expect(templateText({ name: 'z', texts: { 'zh-CN': '好的' } }, 'en', 'zh-CN')).toBe('好的');
    expect(templateText({ name: 'w', texts: {} }, 'en', 'zh-CN')).toBeUndefined();
  });

  it.each([
    [['12-05', '14:00'], { kind: 'ok', date: { year: 2026, month: 12, day: 5 }, time: '14:00' }],
    [['9:30', '2027-01-02'], { kind: 'ok', date: { year: 2027, month: 1, day: 2 }, time: '09:30' }],
    [['12月5日'], { kind: 'ok', date: { year: 2026, month: 12, day: 5 } }],
    [['12/5'], { kind: 'ok', date: { year: 2026, month: 12, day: 5 } }],
    [[], { kind: 'ok' }],
    [['13-40'], { kind: 'bad', word: '13-40' }],
    [['25:00'], { kind: 'bad', word: '25:00' }],
    [['明天'], { kind: 'bad', word: '明天' }],
  ])('reads %j', (words, expected) => {
    expect(readDateTime(words, 2026)).toEqual(expected);
  });

  it('ships its defaults in every language', () => {
    expect(DEFAULT_REPLY_TEMPLATES.length).toBeGreaterThanOrEqual(3);
    for (const t of DEFAULT_REPLY_TEMPLATES) expect(Object.keys(t.texts).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: canned replies (/tpl)`, () => {
    let store: TestStore;
    let h: Harness;
    const tickets = () => new KyselyTicketStore(store.db);

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
      await h.registerStaff(STAFF_ROOM, ['wang']);
      await new KyselyMemberStore(store.db).grant(
        { platform: PLATFORM, kind: 'user', id: 'boss', displayName: 'boss' },
        'admin',
        h.clock.now(),
      );
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it('sends a template in each resident’s language, with the date and time given, as a staff reply', async () => {
      await h.say('ann', '3号楼停水了');
      await h.say('ben', 'The street light at building 5 is broken', { sender: { id: 'ben', languageHint: 'en' } });
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tpl 派修 W-0001 12-05 14:00');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tpl 派修 U-0001 12-05 14:00');
      expect(h.inbox('ann').at(-1)).toBe(
        '物业回复（W-0001）：已于 12月5日 14:00 派维修师傅到3号楼处理，修好后会再通知您。',
      );
      expect(h.inbox('ben').at(-1)).toBe(
        'Reply from the property firm (U-0001): A repair worker was sent to Building 5 on 5 December at 14:00; we will tell you when it is fixed.',
      );
      const ticket = (await tickets().findByReference('W-0001'))!;
      expect(ticket.status).toBe('acknowledged');
      expect(ticket.firstResponseAt).not.toBeNull();
      const replied = (await tickets().events(ticket.id)).filter((e) => e.kind === 'replied');
      expect(replied).toHaveLength(1);
      expect(replied[0]!.data).toMatchObject({ template: '派修', text: expect.stringContaining('12月5日 14:00') });
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('U-0001');
    });

    it('offers the templates under the card and sends the one pressed, with today’s date by default', async () => {
      h.clock.current = cst('2026-11-23T10:00');
      await h.say('ann', '3号楼停水了');
      const card = h.sender.sent.find((s) => s.chatId === STAFF_ROOM && s.message.style === 'card')!;
      const offer = card.message.buttons!.flat().find((b) => b.label === '模板回复')!;
      await h.pressInGroup(STAFF_ROOM, 'wang', offer.data);
      const chooser = h.sender.sent.filter((s) => s.chatId === STAFF_ROOM && !s.message.callbackAnswer).at(-1)!.message;
      expect(chooser.text).toBe('选择发给 W-0001 居民的模板回复：');
      const names = chooser.buttons!.flat().map((b) => b.label);
      expect(names).toEqual(expect.arrayContaining(['派修', '上门', '配件']));
      await h.pressInGroup(STAFF_ROOM, 'wang', chooser.buttons!.flat().find((b) => b.label === '派修')!.data);
      expect(h.inbox('ann').at(-1)).toBe(
        '物业回复（W-0001）：已于 11月23日 10:00 派维修师傅到3号楼处理，修好后会再通知您。',
      );
      // A zh-TW resident gets the template's own traditional text.
      await h.say('cy', '7號樓的路燈壞了', { sender: { id: 'cy', languageHint: 'zh-TW' } });
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tpl 上门 U-0001');
      expect(h.inbox('cy').at(-1)).toContain('需要到府查看7號樓的情況，請回覆您方便的時間（案件 U-0001）。');
    });

    it('lets admins add, list and delete templates by language; staff may only use them', async () => {
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tpl add 到场 师傅已到{place}');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toBe('抱歉，只有管理员可以使用这个指令。');
      await h.say('boss', '/tpl add 到场 师傅已到{place}，请开门（{ref}）');
      expect(h.inbox('boss').at(-1)).toBe('已保存模板“到场”的简体中文文本。');
      await h.say('boss', '/tpl add 到场 en The worker is at {place}, please open the door ({ref}).');
      await h.say('boss', '/tpl add W-0001 不行');
      expect(h.inbox('boss').at(-1)).toContain('不能作模板名');
      await h.say('boss', '/tpl list');
      const list = h.inbox('boss').at(-1)!;
      expect(list).toContain('• 到场（简体中文/English）：师傅已到{place}，请开门（{ref}）');
      expect(list).toContain('• 派修（');

      await h.say('ann', '3号楼停水了');
      await h.say('ben', 'No water in building 9', { sender: { id: 'ben', languageHint: 'en' } });
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tpl 到场 W-0001');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tpl 到场 W-0002');
      expect(h.inbox('ann').at(-1)).toBe('物业回复（W-0001）：师傅已到3号楼，请开门（W-0001）');
      expect(h.inbox('ben').at(-1)).toBe(
        'Reply from the property firm (W-0002): The worker is at Building 9, please open the door (W-0002).',
      );

      await h.say('boss', '/tpl delete 配件');
      expect(h.inbox('boss').at(-1)).toBe('已删除模板“配件”的 3 条文本。');
      await h.say('boss', '/tpl delete 到场 en');
      expect(h.inbox('boss').at(-1)).toBe('已删除模板“到场”的 1 条文本。');
      await h.say('boss', '/tpl list');
      expect(h.inbox('boss').at(-1)).not.toContain('配件');
      expect(h.inbox('boss').at(-1)).toContain('• 到场（简体中文）');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tpl 配件 W-0001');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toBe('没有名为“配件”的模板。发 /tpl list 查看。');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/tpl 派修 W-0001 明天');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('“明天”不是日期或时间');
    });

    it('writes the shipped defaults once, and a deleted default stays deleted', async () => {
      const a = new KyselyReplyTemplateStore(store.db);
      const b = new KyselyReplyTemplateStore(store.reopen().db);
      await Promise.allSettled([
        a.seed(DEFAULT_REPLY_TEMPLATES, h.clock.now()),
        b.seed(DEFAULT_REPLY_TEMPLATES, h.clock.now()),
      ]);
      await a.seed(DEFAULT_REPLY_TEMPLATES, h.clock.now());
      expect((await a.list()).map((t) => t.name).sort()).toEqual(DEFAULT_REPLY_TEMPLATES.map((t) => t.name).sort());
      expect(await a.remove('派修')).toBe(3);
      await b.seed(DEFAULT_REPLY_TEMPLATES, h.clock.now());
      expect(await a.find('派修')).toBeUndefined();
      expect((await a.find('上门'))?.texts.en).toContain('{place}');
    });
  });
}
