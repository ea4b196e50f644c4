import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createHarness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: an urgent report`, () => {
    let store: TestStore;
    const tickets = () => new KyselyTicketStore(store.db).list({ limit: 100 });

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it('tells someone trapped in a lift what to do and whom to call before the reference, and names the danger on the staff card', async () => {
      const h = await createHarness(store);
      await h.registerStaff('room', ['wang']);
      await h.say('kit', '电梯卡住了，里面有人，5号楼');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ urgency: 'urgent', hazard: 'trapped' });
      const receipt = h.inbox('kit').find((t) => t.includes(ticket!.reference))!;
      expect(receipt.startsWith('🚨')).toBe(true);
      expect(receipt).toMatch(/警铃.*不要扒门/);
      expect(receipt.indexOf('96333')).toBeLessThan(receipt.indexOf(ticket!.reference));
      expect(receipt).not.toContain('小时内回复');
      expect(h.groupTexts('room').some((t) => t.startsWith(`🚨【紧急·电梯困人】 ${ticket!.reference}`))).toBe(true);
    });

    it('advises in the resident’s language, with the numbers the install configures', async () => {
      const h = await createHarness(store, { env: { EMERGENCY_NUMBERS: 'fire=999,ambulance=999,police=999,lift=' } });
      await h.say('ann', 'my neighbour collapsed in the hallway of building 3');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ urgency: 'urgent', hazard: 'injury' });
      const receipt = h.inbox('ann').find((t) => t.includes(ticket!.reference))!;
      expect(receipt).toMatch(/^🚨 First, stay safe:\nSomeone hurt or collapsed: call 999 now/);
      expect(receipt).not.toMatch(/96333|120|119/);
    });

    it('/help names the emergency numbers the install configures, not fixed ones', async () => {
      const mainland = await createHarness(store);
      await mainland.say('ida', '/help');
      expect(mainland.inbox('ida').at(-1)).toContain('电梯困人 96333｜火警 119｜急救 120｜报警 110');

      const hongKong = await createHarness(store, {
        env: { EMERGENCY_NUMBERS: 'fire=999,ambulance=999,police=999,lift=,gas=2880 6988' },
      });
      await hongKong.say('joe', '/lang en');
      await hongKong.say('joe', '/help');
      const help = hongKong.inbox('joe').at(-1)!;
      expect(help).toContain('fire 999');
      expect(help).toContain('gas company 2880 6988');
      expect(help).not.toMatch(/96333|119|120/);
      await hongKong.say('joe', '/lang 繁體');
      await hongKong.say('joe', '/help');
      expect(hongKong.inbox('joe').at(-1)).toContain('火警 999');
      expect(hongKong.inbox('joe').at(-1)).not.toMatch(/119|120/);
    });

    it('gives the advice to a neighbour whose report of the same emergency joins the ticket', async () => {
      const h = await createHarness(store);
      await h.say('amy', '5号楼电梯困人了，里面有人');
      await h.say('ben', '5号楼电梯困人了，快来人');
      const list = await tickets();
      expect(list).toHaveLength(1);
      const joined = h.inbox('ben').at(-1)!;
      expect(joined.startsWith('🚨')).toBe(true);
      expect(joined).toContain('96333');
      expect(joined.indexOf('96333')).toBeLessThan(joined.indexOf(list[0]!.reference));
      expect(joined).toContain('邻居');
    });

    it('makes a routine ticket urgent when a neighbour reports the same problem as a danger, and records it', async () => {
      const h = await createHarness(store);
      await h.registerStaff('room', ['wang']);
      await h.say('amy', '9号楼停电了');
      const [before] = await tickets();
      expect(before).toMatchObject({ urgency: 'normal', hazard: null });
      await h.say('ben', '9栋断电了 好危险 13800138000');
      const list = await tickets();
      expect(list).toHaveLength(1);
      const after = list[0]!;
      expect(after).toMatchObject({ id: before!.id, urgency: 'urgent' });
      expect(after.hazard).not.toBeNull();
      expect(after.responseDueAt.getTime()).toBeLessThan(before!.responseDueAt.getTime());
      const events = await new KyselyTicketStore(store.db).events(after.id);
      const raised = events.find((e) => e.kind === 'urgency_raised');
      expect(raised?.data).toMatchObject({ from: 'normal', to: 'urgent', hazard: after.hazard });
      expect(raised?.actor.kind).toBe('resident');
      expect(events.map((e) => e.kind)).toContain('reporter_added');
      const told = h.groupTexts('room').filter((t) => t.includes('已改为紧急'));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain(after.reference);
      expect(told[0]).not.toContain('13800138000');
      // A third neighbour's urgent words change nothing more: the ticket is urgent already.
      await h.say('cat', '9号楼断电了 很危险');
      const events2 = await new KyselyTicketStore(store.db).events(after.id);
      expect(events2.filter((e) => e.kind === 'urgency_raised')).toHaveLength(1);
    });

    it('leaves a routine ticket routine when a neighbour reports it again in ordinary words', async () => {
      const h = await createHarness(store);
      await h.say('amy', '9号楼停电了');
      await h.say('ben', '9栋也没电了');
      const list = await tickets();
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ urgency: 'normal', hazard: null });
      const events = await new KyselyTicketStore(store.db).events(list[0]!.id);
      expect(events.map((e) => e.kind)).not.toContain('urgency_raised');
    });

    it('keeps the usual receipt, with its reply time, for a look-alike', async () => {
      const h = await createHarness(store);
      await h.say('bea', '5号楼电梯有异响，坐着害怕');
      const [ticket] = await tickets();
      expect(ticket).toMatchObject({ urgency: 'normal', hazard: null });
      expect(h.inbox('bea').at(-1)).toContain('小时内回复');
    });
  });
}
