import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHarness, type Harness } from '../support/core-harness.ts';

const cst = (local: string) => new Date(`${local}:00+08:00`);

// Conversation logic only: on the in-memory ports (the stores' behaviour is in test/store/port-contracts.test.ts).
describe('"when will it be fixed?" counts working time', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await createMemoryHarness();
    await h.registerStaff('staff-room', ['wang']);
  });

  it('over a weekend: the hours left are working hours, and the answer names the deadline', async () => {
    // Friday 27 November 2026, 17:00: water_supply, answer within 4 working hours → Monday 12:00.
    h.clock.current = cst('2026-11-27T17:00');
    await h.say('ann', '3号楼停水了');
    // Saturday 10:00: 3 working hours are left (Monday 09:00–12:00), not the 50 on the clock.
    h.clock.current = cst('2026-11-28T10:00');
    await h.say('ann', '什么时候能处理好？');
    expect(h.inbox('ann').at(-1)).toContain('物业会在 3 小时内回复（按工作时间计，最迟 2026-11-30 12:00）');
  });

  it('through 国庆, in English too', async () => {
    // Wednesday 30 September 2026, 17:00; 1–7 October are days off.
    h.clock.current = cst('2026-09-30T17:00');
    await h.say('ben', 'No water in building 9 since this morning!', { sender: { id: 'ben', languageHint: 'en' } });
    h.clock.current = cst('2026-10-03T09:00');
    await h.say('ben', 'When will it be fixed?', { sender: { id: 'ben', languageHint: 'en' } });
    expect(h.inbox('ben').at(-1)).toContain('answer within 3 hours (working time, by 2026-10-08 12:00)');
    // Staff answer; the fix (2 working days from the 30th 17:00) is due Friday 9 October 17:00.
    await h.sayInGroup('staff-room', 'wang', '/reply W-0001 on it');
    h.clock.current = cst('2026-10-09T10:00');
    await h.say('ben', 'When will it be fixed?', { sender: { id: 'ben', languageHint: 'en' } });
    expect(h.inbox('ben').at(-1)).toContain('expects to finish within 6 hours (working time, by 2026-10-09 17:00)');
  });

  it('counts the 调休 Saturday as a working day', async () => {
    // Friday 9 October 2026, 17:00: 1 working hour that day, then Saturday 10 October (调休) 09:00–12:00.
    h.clock.current = cst('2026-10-09T17:00');
    await h.say('dee', '3号楼停水了');
    h.clock.current = cst('2026-10-09T19:00');
    await h.say('dee', '什么时候能处理好？');
    expect(h.inbox('dee').at(-1)).toContain('物业会在 3 小时内回复（按工作时间计，最迟 2026-10-10 12:00）');
  });

  it('keeps an urgent ticket on the clock', async () => {
    h.clock.current = cst('2026-10-02T23:00');
    await h.say('cy', '5号楼电梯困人了，有人被关在里面');
    h.clock.current = cst('2026-10-02T23:30');
    await h.say('cy', '什么时候能处理好？');
    expect(h.inbox('cy').at(-1)).toContain('物业会在 30 分钟内回复（最迟 2026-10-03 00:00）');
  });
});
