import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHarness, type Harness } from '../support/core-harness.ts';

const STAFF_ROOM = 'staff-room';

/*
 * What a resident says after filing: the place asked after an urgent report, questions about the
 * ticket, acknowledgements and stray keys, a second rating, commands. Conversation logic only: on the
 * in-memory ports (the stores' behaviour is in test/store/port-contracts.test.ts).
 */
describe('follow-ups', () => {
  let h: Harness;
  const tickets = () => h.read(({ tickets }) => tickets.list({ limit: 1000 }));
  const events = (reference: string) =>
    h.read(async ({ tickets }) => tickets.events((await tickets.findByReference(reference))!.id));
  const kinds = async (reference: string) => (await events(reference)).map((e) => e.kind);

  beforeEach(async () => {
    // Round-the-clock working hours: the promised times read as clock hours, which these answers are about.
    h = await createMemoryHarness({ env: { WORKING_HOURS: '00:00-24:00' } });
    await h.registerStaff(STAFF_ROOM, ['wang']);
  });

  it("takes the answer to an urgent report's place question as that ticket's place, not a second ticket", async () => {
    await h.say('kit', '电梯困人了！里面有老人');
    expect(await tickets()).toMatchObject([{ urgency: 'urgent', place: null }]);
    await h.say('kit', '8号楼2单元');
    const list = await tickets();
    expect(list).toHaveLength(1);
    expect(list[0]!.place).toMatchObject({ building: '8', unit: '2' });
    expect(h.inbox('kit').at(-1)).toContain('已记下位置');
    const history = await events(list[0]!.reference);
    expect(history.map((e) => e.kind)).toEqual(['created', 'details_added']);
    expect(history[1]!.data).toMatchObject({ place: { building: '8', unit: '2' } });
  });

  it('takes a pressed place button after an urgent report the same way', async () => {
    await h.say('kat', '电梯困人了！！');
    await h.press('kat', 'place:s:地下车库');
    const list = await tickets();
    expect(list).toHaveLength(1);
    expect(list[0]!.place).toMatchObject({ spot: '地下车库' });
    expect(await kinds(list[0]!.reference)).toEqual(['created', 'details_added']);
    expect(h.inbox('kat').at(-1)).toContain('已记下位置');
  });

  it("answers a question in the details window with the ticket's status, adding nothing", async () => {
    await h.say('ann', '3号楼停水了');
    for (const question of ['什么时候能处理好？', '有人来吗']) {
      await h.say('ann', question);
      const answer = h.inbox('ann').at(-1)!;
      expect(answer).toContain('W-0001');
      expect(answer).toContain('待处理');
      expect(answer).toContain('4 小时内回复');
    }
    expect(await tickets()).toHaveLength(1);
    expect(await kinds('W-0001')).toEqual(['created']);
  });

  it('answers a question in English, and one about an older ticket at any time', async () => {
    await h.say('ben', 'No water in building 9 since this morning!', { sender: { id: 'ben', languageHint: 'en' } });
    await h.say('ben', 'when will it be fixed?');
    expect(h.inbox('ben').at(-1)).toMatch(
      /W-0001 \(water supply, Building 9\) is now: waiting\. The property firm will answer within 4 hours/,
    );
    h.clock.advance(2 * 3_600_000);
    await h.sayInGroup(STAFF_ROOM, 'wang', '/ack W-0001');
    await h.say('ben', 'any update?');
    expect(h.inbox('ben').at(-1)).toMatch(
      /acknowledged\. The property firm is arranging the work and expects to finish within 46 hours/,
    );
    await h.say('ben', '什么时候能处理好？');
    expect(h.inbox('ben').at(-1)).toContain('W-0001');
    expect(await tickets()).toHaveLength(1);
    expect(await kinds('W-0001')).toEqual(['created', 'acknowledged']);
  });

  it('says so when a resident asking about progress has nothing in progress', async () => {
    await h.say('cy', '什么时候能处理好？');
    expect(await tickets()).toHaveLength(0);
    expect(h.inbox('cy').at(-1)).toContain('您目前没有处理中的反映');
  });

  it('still files a complaint that asks when it will be fixed', async () => {
    await h.say('dot', '5栋电梯坏了，什么时候能修好？');
    expect(await tickets()).toMatchObject([{ category: 'upkeep', place: { building: '5' } }]);
  });

  it('does not add an acknowledgement, a stray letter or a second rating as a detail', async () => {
    await h.say('eve', '3号楼停水了');
    await h.say('eve', '好的');
    await h.say('eve', '嗯');
    await h.say('eve', 'ok');
    await h.say('eve', 'a');
    await h.say('eve', 'W-0001 好的');
    expect(await kinds('W-0001')).toEqual(['created']);
    expect(h.inbox('eve').at(-1)).toContain('好的');
    const [, ok1, ok2, ok3, letter] = h.inbox('eve');
    for (const ack of [ok1, ok2, ok3]) {
      expect(ack).toContain('好的');
      expect(ack).not.toContain('不客气');
    }
    expect(letter).toContain('没看明白');

    await h.sayInGroup(STAFF_ROOM, 'wang', '/resolve W-0001');
    await h.say('eve', '4');
    await h.say('eve', '5');
    const history = await events('W-0001');
    expect(history.filter((e) => e.kind === 'rated').map((e) => e.data)).toEqual([{ rating: 4 }]);
    expect(history.filter((e) => e.kind === 'details_added')).toEqual([]);
    expect(h.inbox('eve').at(-1)).toContain('评过分了（4 分）');
    await h.say('eve', '谢谢');
    expect(h.inbox('eve').at(-1)).toContain('不客气');
  });

  it('changes the language named in words, in any of our languages', async () => {
    await h.say('fu', '/lang 繁體');
    expect(h.inbox('fu').at(-1)).toContain('繁體中文');
    await h.say('fu', '/lang english');
    expect(h.inbox('fu').at(-1)).toContain('in English');
    await h.say('fu', '/lang 简体');
    expect(h.inbox('fu').at(-1)).toContain('简体中文');
    await h.say('fu', '/lang 英文');
    await h.say('fu', '/lang 中文');
    expect(h.inbox('fu').at(-1)).toContain('简体中文');
    await h.say('fu', '/lang klingon');
    expect(h.inbox('fu').at(-1)).toContain('请选择语言');
  });

  for (const [name, follow] of [
    ['补充：', '补充：晚上打13912345678找我，白天上班'],
    ['补充一下', '补充一下，我叫王芳，白天家里没人，晚上七点以后在'],
    ['另外', '另外，我家老人白天在家，师傅可以直接上门'],
    ['还有', '还有，物业上门前请先打电话13912345678'],
    ['補充', '補充：晚上打 0912-345-678 找我'],
    ['also', 'Also, please call me on 13912345678 before coming up'],
  ] as const) {
    it(`appends a follow-up that starts with "${name}" to the ticket just filed, masked for staff`, async () => {
      await h.say('hal', '3号楼2单元厨房水管漏水，地上都湿了');
      await h.say('hal', follow);
      const list = await tickets();
      expect(list).toHaveLength(1);
      expect(await kinds(list[0]!.reference)).toEqual(['created', 'details_added']);
      expect(h.inbox('hal').at(-1)).toMatch(/W-0001/);
      await h.sayInGroup(STAFF_ROOM, 'wang', '/show W-0001');
      const shown = h.groupTexts(STAFF_ROOM).at(-1)!;
      expect(shown).not.toMatch(/13912345678|0912-345-678|王芳/);
    });
  }

  it('still files "还有…" that reports another kind of problem as its own ticket', async () => {
    await h.say('ivy', '3号楼2单元厨房水管漏水，地上都湿了');
    await h.say('ivy', '还有，3号楼2单元楼道的灯坏了好几天了');
    expect(await tickets()).toHaveLength(2);
  });

  it('answers an unknown command as unknown, whatever its spelling', async () => {
    for (const command of ['/foo', '/報修', '/help2']) await h.say('gil', command);
    expect(h.inbox('gil')).toEqual(Array(3).fill('没有这个指令。发 /help 查看用法。'));
    expect(await tickets()).toHaveLength(0);
  });
});
