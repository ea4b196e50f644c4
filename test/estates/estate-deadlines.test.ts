import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calendarFor } from '../../src/calendar/calendar-for.ts';
import { settingsOf } from '../../src/estates/estate-settings.ts';
import { checkDeadlines } from '../../src/staff/check-deadlines.ts';
import { watchDeadlines, type WatchDeadlinesDeps } from '../../src/staff/watch-deadlines.ts';
import { KyselyEscalationStore } from '../../src/store/escalation-store.ts';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const cst = (local: string) => new Date(`${local}:00+08:00`);

/* An estate's own deadlines and working hours: its tickets' due times and escalation count them. */
for (const dialect of DIALECTS) {
  describe(`${dialect}: an estate's deadlines and working hours`, () => {
    let store: TestStore;
    let h: Harness;
    let allDay: number;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(() => store.cleanup());
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store, { env: { ESCALATION_DELAYS: 'admin=1h,committee=,party_branch=' } });
      const added = await new KyselyEstateStore(store.db).add(
        'allday',
        {
          name: '全天苑',
          community: null,
          street: null,
          settings: {
            emergencyNumbers: null,
            deadlines: '{"upkeep":{"normal":{"response":"2h"}}}',
            workingHours: '00:00-24:00',
          },
        },
        h.clock.now(),
      );
      if (added.kind !== 'added') throw new Error('estate not added');
      allDay = added.estate.id;
      await h.registerStaff('allday-room', ['wang'], allDay);
      await h.registerStaff('default-room', ['li']);
      await new KyselyMemberStore(store.db).grant(
        { platform: PLATFORM, kind: 'user', id: 'boss', displayName: 'boss' },
        'admin',
        h.clock.now(),
        allDay,
      );
      await h.say('amy', '/start allday');
      await h.say('bob', '/start default');
      // Monday 23 November 2026, 19:00: after the install's working hours, within the estate's.
      h.clock.current = cst('2026-11-23T19:00');
    });

    it("dates an estate's tickets by its own deadlines and hours, and the install's by the install's", async () => {
      await h.say('amy', '3号楼电梯坏了');
      await h.say('bob', '3号楼电梯坏了');
      const [bobs, amys] = await new KyselyTicketStore(store.db).list();
      expect(amys!.estateId).toBe(allDay);
      expect(amys!.responseDueAt).toEqual(cst('2026-11-23T21:00'));
      // The install's 24h is one working day of 09:00-12:00,13:30-18:00: from Monday evening, Tuesday's end.
      expect(bobs!.estateId).toBe(1);
      expect(bobs!.responseDueAt).toEqual(cst('2026-11-24T18:00'));
      expect(h.inbox('amy').at(-1)).toContain('2 小时');
    });

    it("climbs the escalation ladder in the estate's working time", async () => {
      await h.say('amy', '3号楼电梯坏了');
      const deps: WatchDeadlinesDeps = {
        store: new KyselyEscalationStore(store.db),
        calendar: calendarFor(h.core.config, h.core.log),
        calendarOf: async (estateId) =>
          calendarFor(
            {
              timezone: h.core.config.timezone,
              workingHours: (await settingsOf(new KyselyEstateStore(store.db), estateId, h.core.config)).workingHours,
            },
            h.core.log,
          ),
        config: h.core.config,
        now: h.core.now,
      };
      // 22:30: the response deadline (21:00) passed, and the admin's rung an hour after it, that night.
      h.clock.current = cst('2026-11-23T22:30');
      await checkDeadlines(h.core);
      expect((await watchDeadlines(deps)).escalated).toBe(1);
      await h.settle();
      expect(h.sender.textsTo('boss')).toHaveLength(1);
      expect(h.groupTexts('default-room').join('\n')).not.toContain('U-0001');
    });
  });
}
