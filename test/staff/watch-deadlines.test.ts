import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calendarFor } from '../../src/calendar/calendar-for.ts';
import { checkDeadlines } from '../../src/staff/check-deadlines.ts';
import { watchDeadlines, type WatchDeadlinesDeps } from '../../src/staff/watch-deadlines.ts';
import { KyselyEscalationStore } from '../../src/store/escalation-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import type { Store } from '../../src/store/database.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { compileAgenda } from '../../src/agenda/weekly-job.ts';
import { compileStreet } from '../../src/agenda/street-job.ts';
import { renderAgendaMarkdown } from '../../src/agenda/render-markdown.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const STAFF_ROOM = 'staff-room';
const COMMITTEE_ROOM = 'committee-room';
const PARTY_ROOM = 'party-room';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STREET_ROOM = 'street-room';
const cst = (local: string) => new Date(`${local}:00+08:00`);
// What the resident wrote that no group, admin or committee may read.
const PRIVATE = ['13812345678', '张三', '301'];

for (const dialect of DIALECTS) {
  describe(`${dialect}: deadline reminders and the escalation ladder`, () => {
    let store: TestStore;
    let other: Store;
    let h: Harness;

    const deps = (db: Store['db']): WatchDeadlinesDeps => ({
      store: new KyselyEscalationStore(db),
      calendar: calendarFor(h.core.config, h.core.log),
      config: h.core.config,
      now: h.core.now,
    });
    const ticket = async () => (await new KyselyTicketStore(store.db).list())[0]!;
    const events = async () =>
      (await new KyselyTicketStore(store.db).events((await ticket()).id)).filter(
        (e) => e.kind === 'reminded' || e.kind === 'escalated',
      );

    beforeAll(async () => {
      store = await createTestStore(dialect);
      other = store.reopen();
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
      await h.registerStaff(STAFF_ROOM, ['wang']);
      const members = new KyselyMemberStore(store.db);
      const now = h.clock.now();
      await members.grant({ platform: PLATFORM, kind: 'user', id: 'boss', displayName: 'boss' }, 'admin', now);
      await members.grant({ platform: PLATFORM, kind: 'group', id: COMMITTEE_ROOM }, 'committee', now);
      await members.grant({ platform: PLATFORM, kind: 'group', id: PARTY_ROOM }, 'party_branch', now);
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it('reminds the staff group before each deadline, then climbs staff → admin → committee → Party branch once each, with two instances running', async () => {
      // Monday 23 November 2026, 10:00: water_supply normal, answer within 4 working hours (15:30).
      await h.say('ann', '3号楼停水了，我是张三，住301室，电话13812345678');
      expect(await ticket()).toMatchObject({ responseDueAt: cst('2026-11-23T15:30') });
      const staffBefore = h.groupTexts(STAFF_ROOM).length;

      // Every half hour for eight days, two instances at once and then one more run.
      const end = cst('2026-12-01T11:00');
      while (h.clock.now() < end) {
        h.clock.advance(HOUR / 2);
        await checkDeadlines(h.core);
        const race = await Promise.allSettled([watchDeadlines(deps(store.db)), watchDeadlines(deps(other.db))]);
        // SQLite serves one writer: the loser of a race fails with SQLITE_BUSY and leaves the step to a later run.
        expect(race.some((r) => r.status === 'fulfilled')).toBe(true);
        await watchDeadlines(deps(store.db));
      }
      await h.settle();

      const toBoss = h.sender.textsTo('boss');
      const toCommittee = h.groupTexts(COMMITTEE_ROOM);
      const toParty = h.groupTexts(PARTY_ROOM);
      expect(toBoss).toHaveLength(1);
      expect(toCommittee).toHaveLength(1);
      expect(toParty).toHaveLength(1);
      expect(toBoss[0]).toContain('📣 督办｜W-0001');
      expect(toBoss[0]).toContain('现提请物业负责人督办');
      expect(toCommittee[0]).toContain('此前已通知：物业工作群、物业负责人');
      expect(toParty[0]).toContain('现提请社区党支部督办');
      const staff = h.groupTexts(STAFF_ROOM).slice(staffBefore);
      expect(staff.filter((t) => t.startsWith('⏳'))).toHaveLength(2);
      expect(
        staff.filter((t) => t.startsWith('⏳ W-0001 的回复时限快到了（2026-11-23 15:30，还剩 1 小时）')),
      ).toHaveLength(1);
      for (const text of [...toBoss, ...toCommittee, ...toParty, ...staff]) {
        for (const secret of PRIVATE) expect(text).not.toContain(secret);
      }

      // Each rung falls due its delay after the one below, in working time: 4 working hours after
      // Monday 15:30 is Tuesday 10:30; two working days later Thursday 10:30; three more, Tuesday 10:30.
      const steps = await store.db
        .selectFrom('ticket_escalations')
        .select(['step', 'due_at', 'recipients'])
        .orderBy('due_at')
        .execute();
      expect(steps.map((s) => [s.step, new Date(s.due_at).toISOString(), s.recipients])).toEqual([
        ['remind_response', cst('2026-11-23T14:30').toISOString(), 1],
        ['admin', cst('2026-11-24T10:30').toISOString(), 1],
        ['remind_resolution', cst('2026-11-25T09:00').toISOString(), 1],
        ['committee', cst('2026-11-26T10:30').toISOString(), 1],
        ['party_branch', cst('2026-12-01T10:30').toISOString(), 1],
      ]);
      expect((await events()).map((e) => [e.kind, e.data.level ?? e.data.deadline])).toEqual([
        ['reminded', 'response'],
        ['escalated', 'admin'],
        ['reminded', 'resolution'],
        ['escalated', 'committee'],
        ['escalated', 'party_branch'],
      ]);
    });

    it('stops climbing once staff answer the resident, and reminds the assignee rather than the group', async () => {
      await h.say('bea', '5号楼门口的路灯坏了');
      const { reference } = await ticket();
      await h.sayInGroup(STAFF_ROOM, 'wang', `/assign ${reference}`);
      // An hour before the response deadline: the assignee hears of it in their private chat.
      h.clock.current = new Date((await ticket()).responseDueAt.getTime() - HOUR / 2);
      expect(await watchDeadlines(deps(store.db))).toEqual({ reminded: 1, escalated: 0 });
      await h.settle();
      expect(h.sender.textsTo('wang').at(-1)).toContain(`⏳ ${reference} 的回复时限快到了`);
      await h.sayInGroup(STAFF_ROOM, 'wang', `/reply ${reference} 明天上午来修`);
      // Past the response deadline, answered: no rung is climbed until the resolution deadline passes.
      h.clock.current = new Date((await ticket()).resolutionDueAt.getTime() - 1);
      await watchDeadlines(deps(store.db));
      expect((await events()).filter((e) => e.kind === 'escalated')).toEqual([]);
      h.clock.current = new Date((await ticket()).resolutionDueAt.getTime() + 30 * 24 * HOUR);
      expect(await watchDeadlines(deps(store.db))).toMatchObject({ escalated: 3 });
      expect((await events()).filter((e) => e.kind === 'escalated').map((e) => e.data.deadline)).toEqual([
        'resolution',
        'resolution',
        'resolution',
      ]);
      expect(await watchDeadlines(deps(store.db))).toEqual({ reminded: 0, escalated: 0 });
    });

    it('runs an urgent ticket’s ladder on the clock, through a holiday night', async () => {
      h.clock.current = cst('2026-10-02T23:00');
      await h.say('cy', '5号楼电梯困人了，有人被关在里面');
      expect(await ticket()).toMatchObject({ urgency: 'urgent', responseDueAt: cst('2026-10-03T00:00') });
      // Four hours after the missed deadline, at 04:00 on a holiday, the admin hears of it.
      h.clock.current = cst('2026-10-03T03:59');
      expect(await watchDeadlines(deps(store.db))).toMatchObject({ escalated: 0 });
      h.clock.current = cst('2026-10-03T04:00');
      expect(await watchDeadlines(deps(store.db))).toMatchObject({ escalated: 1 });
      await h.settle();
      expect(h.sender.textsTo('boss')).toHaveLength(1);
    });

    it('climbs on to the street of the ticket’s estate once, with two instances running, masked; the street digest lists it', async () => {
      const street = '临城街道';
      await new KyselyEstateStore(store.db).update('default', { street });
      const members = new KyselyMemberStore(store.db);
      const { code } = await members.createStreetInvite(street, new Date(h.clock.now().getTime() + DAY), h.clock.now());
      await members.redeem(code, { platform: PLATFORM, kind: 'group', id: STREET_ROOM }, h.clock.now());
      await h.say('ann', '3号楼停水了，我是张三，住301室，电话13812345678');

      const end = cst('2026-12-09T00:00');
      while (h.clock.now() < end) {
        h.clock.advance(2 * HOUR);
        await checkDeadlines(h.core);
        const race = await Promise.allSettled([watchDeadlines(deps(store.db)), watchDeadlines(deps(other.db))]);
        expect(race.some((r) => r.status === 'fulfilled')).toBe(true);
        await watchDeadlines(deps(store.db));
      }
      await h.settle();

      // Five working days after the Party branch (Tuesday 1 December 10:30): Tuesday 8 December 10:30.
      const steps = await store.db
        .selectFrom('ticket_escalations')
        .select(['step', 'due_at', 'recipients'])
        .where('step', '=', 'street')
        .execute();
      expect(steps.map((s) => [s.step, new Date(s.due_at).toISOString(), s.recipients])).toEqual([
        ['street', cst('2026-12-08T10:30').toISOString(), 1],
      ]);
      expect((await events()).filter((e) => e.kind === 'escalated').map((e) => e.data.level)).toEqual([
        'admin',
        'committee',
        'party_branch',
        'street',
      ]);
      const toStreet = h.groupTexts(STREET_ROOM);
      expect(toStreet).toHaveLength(1);
      expect(toStreet[0]).toContain('📣 督办｜W-0001');
      expect(toStreet[0]).toContain('此前已通知：物业工作群、物业负责人、居委会、社区党支部');
      expect(toStreet[0]).toContain('现提请街道督办');
      for (const secret of PRIVATE) expect(toStreet[0]).not.toContain(secret);
      // At the top of the ladder: no more steps, and the ticket is no longer watched.
      expect(await watchDeadlines(deps(store.db))).toEqual({ reminded: 0, escalated: 0 });

      const digest = await compileStreet(
        { unitOfWork: new KyselyUnitOfWork(store.db), config: h.core.config },
        street,
        '2026-W50',
        cst('2026-12-09T00:00'),
      );
      expect(digest?.escalated.map((item) => [item.reference, item.levels.at(-1)?.level])).toEqual([
        ['W-0001', 'street'],
      ]);
    });

    it('records the street rung reached with nobody told when the street has no chat, and the agenda says so; an estate without a street has no street rung', async () => {
      const estates = new KyselyEstateStore(store.db);
      await estates.update('default', { street: '无人街道' });
      const plain = await estates.add(
        'plain',
        {
          name: '无街道小区',
          community: null,
          street: null,
          settings: { emergencyNumbers: null, deadlines: null, workingHours: null },
        },
        h.clock.now(),
      );
      if (plain.kind !== 'added') throw new Error('estate not added');
      await h.say('ann', '/start default');
      await h.say('ann', '3号楼停水了，我是张三，住301室，电话13812345678');
      await h.say('bob', '/start plain');
      await h.say('bob', '5号楼停水了');
      const all = await new KyselyTicketStore(store.db).list();
      const streeted = all.find((t) => t.estateId === 1);
      const streetless = all.find((t) => t.estateId === plain.estate.id);
      h.clock.current = cst('2026-12-31T10:00');
      await watchDeadlines(deps(store.db));
      await watchDeadlines(deps(store.db));

      const rows = await store.db
        .selectFrom('ticket_escalations')
        .select(['ticket_id', 'step', 'recipients'])
        .where('step', 'in', ['party_branch', 'street'])
        .orderBy('ticket_id')
        .orderBy('step')
        .execute();
      expect(rows.map((r) => [r.ticket_id, r.step, r.recipients])).toEqual([
        [streeted!.id, 'party_branch', 1],
        [streeted!.id, 'street', 0],
        [streetless!.id, 'party_branch', 0],
      ]);
      const history = await new KyselyTicketStore(store.db).events(streeted!.id);
      expect(history.filter((e) => e.kind === 'escalated').map((e) => [e.data.level, e.data.recipients])).toEqual([
        ['admin', 1],
        ['committee', 1],
        ['party_branch', 1],
        ['street', 0],
      ]);
      // Both tickets are at the top of their ladders: neither is read again by the watch.
      const watched = await new KyselyEscalationStore(store.db).watchList(
        h.clock.now(),
        { withStreet: 'street', withoutStreet: 'party_branch' },
        10,
      );
      expect(watched).toEqual([]);

      const agenda = await compileAgenda(
        { unitOfWork: new KyselyUnitOfWork(store.db), config: h.core.config },
        '2026-W53',
        cst('2026-12-31T12:00'),
      );
      const item = agenda.supervised?.find((s) => s.reference === streeted!.reference);
      expect(item?.levels.at(-1)).toMatchObject({ level: 'street', unheard: true });
      expect(item?.levels.slice(0, -1).some((l) => 'unheard' in l)).toBe(false);
      expect(renderAgendaMarkdown(agenda, 'zh-CN')).toMatch(
        / {3}- 街道：自 2026-12-\d\d \d\d:\d\d 起 .+（无人收到：尚无登记的群或人员）/,
      );
      expect(renderAgendaMarkdown(agenda, 'en')).toContain('(nobody told: no chat or person registered)');
    });

    it('records a rung in the history even when nobody holds it, and leaves revoked members out', async () => {
      await new KyselyMemberStore(store.db).revoke(
        { kind: 'subject', platform: PLATFORM, subjectId: 'boss' },
        h.clock.now(),
      );
      await h.say('dan', '3号楼停水了');
      h.clock.current = new Date((await ticket()).responseDueAt.getTime() + 5 * 24 * HOUR);
      await watchDeadlines(deps(store.db));
      await h.settle();
      expect(h.sender.textsTo('boss')).toEqual([]);
      const admin = await store.db
        .selectFrom('ticket_escalations')
        .selectAll()
        .where('step', '=', 'admin')
        .executeTakeFirstOrThrow();
      expect(admin.recipients).toBe(0);
      expect((await events()).filter((e) => e.kind === 'escalated').map((e) => e.data.level)).toEqual([
        'admin',
        'committee',
      ]);
    });
  });
}
