import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { NO_SETTINGS } from '../support/estates.ts';

/*
 * A resident finds their estate: join links, buttons, /estate; what they wrote before is kept and filed once.
 * Conversation logic only: on the in-memory ports (the stores' behaviour is in test/store/port-contracts.test.ts).
 */
describe('choosing an estate', () => {
  let h: Harness;
  const tickets = () => h.read(({ tickets }) => tickets.list({ limit: 100 }));
  const estateOf = async (user: string) =>
    (
      await h.read(({ residents }) =>
        residents.findOrCreate({ platform: PLATFORM, platformUserId: user, chatId: `chat-${user}` }, h.clock.now()),
      )
    ).estateId;
  const lastButtons = () => h.sender.sent.at(-1)!.message.buttons?.flat() ?? [];
  let north: number;
  let south: number;

  beforeEach(async () => {
    h = await createMemoryHarness({ env: { WORKING_HOURS: '00:00-24:00' } });
    await h.registerStaff('staff-room', ['wang']);
  });

  async function addEstate(code: string, name: string): Promise<number> {
    const fields = { name, community: null, street: null, settings: NO_SETTINGS };
    const added = await h.read(({ estates }) => estates.add(code, fields, h.clock.now()));
    if (added.kind !== 'added') throw new Error(`estate ${code} not added`);
    return added.estate.id;
  }

  async function twoEstates(): Promise<void> {
    north = await addEstate('north', '北苑');
    south = await addEstate('south', '南苑');
  }

  it('asks nothing when the bot serves one estate: the resident belongs to it from the first message', async () => {
    await h.say('amy', '3号楼电梯坏了');
    expect(await tickets()).toHaveLength(1);
    expect(h.inbox('amy').join('\n')).not.toContain('哪个小区');
    expect(await estateOf('amy')).toBe(1);
  });

  it('keeps a complaint written before the estate is chosen and files it once, when the button is pressed', async () => {
    await twoEstates();
    await h.say('amy', '3号楼电梯坏了，一直停在5楼');
    expect(await tickets()).toEqual([]);
    expect(h.inbox('amy').at(-1)).toContain('您说的问题我先记下了');
    // An unnamed "default" beside named estates is no choice.
    expect(lastButtons()).toEqual([
      { label: '北苑', data: `estate:${north}` },
      { label: '南苑', data: `estate:${south}` },
    ]);

    await h.press('amy', `estate:${south}`);
    expect(await estateOf('amy')).toBe(south);
    const filed = await tickets();
    expect(filed).toHaveLength(1);
    expect(filed[0]!.summary).toContain('电梯');
    expect(h.inbox('amy').join('\n')).toContain('已记下您住在南苑');
    expect(h.inbox('amy').at(-1)).toContain(`已登记，编号 ${filed[0]!.reference}`);

    // The same button again (a double tap, an old message) files nothing more.
    await h.press('amy', `estate:${south}`);
    expect(await tickets()).toHaveLength(1);
  });

  it('handles every message that waited, in order, as if it came after the choice', async () => {
    await twoEstates();
    await h.say('ben', '3号楼电梯坏了');
    await h.say('ben', '你好');
    await h.say('ben', '8号楼门口的垃圾三天没人清理了');
    expect(await tickets()).toEqual([]);
    await h.press('ben', `estate:${north}`);
    const filed = await tickets();
    expect(filed.map((t) => t.place?.building).sort()).toEqual(['3', '8']);
  });

  it('binds a resident who comes through a Telegram deep link or a LINE join message, and asks them nothing', async () => {
    await twoEstates();
    await h.say('cat', '/start north');
    expect(h.inbox('cat').at(-1)).toContain('这里是北苑的邻里服务助手');
    expect(await estateOf('cat')).toBe(north);
    await h.say('dan', '加入 south');
    expect(h.inbox('dan').at(-1)).toContain('已记下您住在南苑');
    await h.say('dan', '3号楼电梯坏了');
    expect(await tickets()).toHaveLength(1);
    expect(h.inbox('dan').join('\n')).not.toContain('哪个小区');
  });

  it('welcomes a resident with no estate with the question, and a link of an unknown code gets no estate', async () => {
    await twoEstates();
    await h.say('eve', '/start');
    expect(h.inbox('eve').at(-1)).toContain('请问您住在哪个小区');
    await h.say('eve', '加入 nowhere');
    expect(h.inbox('eve').join('\n')).toContain('没有找到代码为“nowhere”的小区');
    expect(await estateOf('eve')).toBeNull();
    // Commands work before an estate is chosen.
    await h.say('eve', '/help');
    expect(h.inbox('eve').at(-1)).toContain('/estate');
  });

  it('lets a resident see and change their estate with /estate, in their language', async () => {
    await twoEstates();
    await h.say('fay', '/start north', { sender: { id: 'fay', displayName: 'fay', languageHint: 'en' } });
    expect(h.inbox('fay').at(-1)).toContain('neighbourhood helper of 北苑');
    await h.say('fay', '/estate');
    expect(h.inbox('fay').at(-1)).toBe('Your estate is 北苑. To change it, tap another below.');
    expect(lastButtons()).toEqual([{ label: '南苑', data: `estate:${south}` }]);
    await h.press('fay', `estate:${south}`);
    expect(h.inbox('fay').at(-1)).toContain('you are with 南苑 now');
    expect(await estateOf('fay')).toBe(south);
    await h.say('fay', '/estate north');
    expect(await estateOf('fay')).toBe(north);
  });

  it('asks in traditional Chinese and English too', async () => {
    await twoEstates();
    await h.say('gus', '電梯壞了，3號樓', { sender: { id: 'gus', displayName: 'gus', languageHint: 'zh-TW' } });
    expect(h.inbox('gus').at(-1)).toContain('請問您住在哪個社區');
    await h.say('hal', 'The lift in building 3 is broken', {
      sender: { id: 'hal', displayName: 'hal', languageHint: 'en' },
    });
    expect(h.inbox('hal').at(-1)).toContain('Which estate do you live on?');
  });
});
