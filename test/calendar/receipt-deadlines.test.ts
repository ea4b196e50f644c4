import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createHarness, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const STAFF_ROOM = 'staff-room';
const cst = (local: string) => new Date(`${local}:00+08:00`);

for (const dialect of DIALECTS) {
  describe(`${dialect}: deadlines of new tickets in working time`, () => {
    let store: TestStore;
    let h: Harness;

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

    it('gives a routine ticket filed on the eve of 国庆 working-time deadlines, stated as local times in the receipt and the card', async () => {
      h.clock.current = cst('2026-09-30T17:00');
      await h.say('ann', '3号楼停水了');
      const [ticket] = await new KyselyTicketStore(store.db).list();
      // water_supply normal: 4 working hours, 2 working days; 1–7 October are days off.
      expect(ticket).toMatchObject({
        urgency: 'normal',
        responseDueAt: cst('2026-10-08T12:00'),
        resolutionDueAt: cst('2026-10-09T17:00'),
      });
      const receipt = h.inbox('ann').at(-1)!;
      expect(receipt).toContain('4 小时内回复（非工作时间顺延，最迟 2026-10-08 12:00）');
      expect(receipt).toContain('（最迟 2026-10-09 17:00）');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('时限：回复 2026-10-08 12:00 前｜处理 2026-10-09 17:00 前');
    });

    it('says the same in English', async () => {
      h.clock.current = cst('2026-02-13T17:00');
      await h.say('ben', 'No water in building 9 since this morning!', { sender: { id: 'ben', languageHint: 'en' } });
      // Friday 17:00, then the 调休 Saturday 14 February: 09:00 + 3 h.
      expect(h.inbox('ben').at(-1)).toContain(
        'answer within 4 hours (by 2026-02-14 12:00; the clock stops outside working hours)',
      );
    });

    it('keeps urgent tickets on the clock through a holiday night', async () => {
      h.clock.current = cst('2026-10-02T23:00');
      await h.say('cy', '5号楼电梯困人了，有人被关在里面');
      const [ticket] = await new KyselyTicketStore(store.db).list();
      expect(ticket).toMatchObject({ urgency: 'urgent' });
      // upkeep urgent: 1 h and 24 h, on the clock.
      expect(ticket).toMatchObject({
        responseDueAt: cst('2026-10-03T00:00'),
        resolutionDueAt: cst('2026-10-03T23:00'),
      });
      expect(h.groupTexts(STAFF_ROOM).find((t) => t.includes(ticket!.reference))).toContain(
        '时限：回复 2026-10-03 00:00 前｜处理 2026-10-03 23:00 前',
      );
    });
  });
}
