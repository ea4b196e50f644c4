import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { agendaForReaders } from '../../src/agenda/agenda-for-readers.ts';
import { agendaWeekAt } from '../../src/agenda/iso-week.ts';
import { renderAgendaMarkdown } from '../../src/agenda/render-markdown.ts';
import { compileAgenda } from '../../src/agenda/weekly-job.ts';
import { applyRetention, forgetResident } from '../../src/privacy/forget-resident.ts';
import { runRetentionJob } from '../../src/privacy/retention-job.ts';
import { claimJobRun, finishJobRun } from '../../src/store/job-runs.ts';
import type { Store } from '../../src/store/database.ts';
import { KyselyPersonalDataStore } from '../../src/store/personal-data-store.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const STAFF_ROOM = 'staff-room';
const VICTIM_REPORT = '3号楼2单元门口下水道堵了，污水漫出来，我是李建国，电话13800138000，住3-1202';
const NEIGHBOUR_REPORT = '3号楼2单元门口下水道也堵了 好臭';
/** What identifies the erased resident, in every form it was written or stored. */
const ERASED = ['李建国', '13800138000', '1202', 'chat-victim', '"victim"'];

/** Every value in every table, as one text to search (what an auditor with the database file would see). */
async function everything(store: Store): Promise<string> {
  const tables = (await store.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
  const parts: string[] = [];
  for (const table of tables)
    parts.push(
      table,
      JSON.stringify(
        await store.db
          .selectFrom(table as 'tickets')
          .selectAll()
          .execute(),
      ),
    );
  return parts.join('\n');
}

function expectNone(text: string, what: string): void {
  for (const detail of ERASED) expect(text, `${what} holds ${detail}`).not.toContain(detail);
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: residents' data rights`, () => {
    let store: TestStore;
    let h: Harness;
    let data: KyselyPersonalDataStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(async () => {
      await store.cleanup();
    });
    beforeEach(async () => {
      await store.reset();
      // The operator opted in to details for staff: the staff view must still lose them once erased.
      h = await createHarness(store, { env: { SHOW_RESIDENT_DETAILS: 'true' } });
      data = new KyselyPersonalDataStore(store.db);
      await h.registerStaff(STAFF_ROOM, ['wang']);
      await h.say('victim', VICTIM_REPORT);
      await h.say('victim', '污水已经流到路上了，晚上打13800138000找我');
      await h.press('victim', 'choice:add');
      await h.say('neighbour', NEIGHBOUR_REPORT);
      await h.sayInGroup(STAFF_ROOM, 'wang', '/reply U-0001 李建国先生您好，师傅下午到3-1202门口看看');
    });

    it('forgets a resident whose open ticket a neighbour shares: nothing of them in the neighbour view, the staff view, the agenda or the database', async () => {
      // Before: the details are there, so the checks below can fail.
      await h.sayInGroup(STAFF_ROOM, 'wang', '/show U-0001');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('李建国');
      expect(await everything(store)).toContain('13800138000');

      const residentId = await data.findResident(PLATFORM, 'victim');
      expect(residentId).toBeDefined();
      const report = await forgetResident(data, residentId!, h.clock.now());
      expect(report).toMatchObject({ residents: 1, tickets: 1 });
      expect(report.reporterTexts).toBeGreaterThanOrEqual(1);
      expect(report.inboxRows).toBeGreaterThanOrEqual(2);

      // The neighbour still has the ticket, with their own words.
      await h.say('neighbour', '/mytickets');
      const neighbourView = h.inbox('neighbour').at(-1)!;
      expect(neighbourView).toContain('U-0001');
      expectNone(neighbourView, "the neighbour's /mytickets");

      // Staff (details shown by the operator's choice) see a masked summary and that an erasure happened.
      await h.sayInGroup(STAFF_ROOM, 'wang', '/show U-0001');
      const staffView = h.groupTexts(STAFF_ROOM).at(-1)!;
      expect(staffView).toContain('下水道');
      expect(staffView).toContain('个人信息已删除');
      expectNone(staffView, "staff's /show");

      // The ticket goes on: a reply reaches the neighbour.
      await h.sayInGroup(STAFF_ROOM, 'wang', '/reply U-0001 师傅已经到了');
      expect(h.inbox('neighbour').at(-1)).toContain('师傅已经到了');

      // A week on, the ticket is overdue: an agenda item.
      const asOf = new Date(h.clock.now().getTime() + 8 * 86_400_000);
      const agenda = await compileAgenda(
        { unitOfWork: new KyselyUnitOfWork(store.db), config: h.core.config, log: pino({ level: 'silent' }) },
        agendaWeekAt(asOf, 'Asia/Shanghai'),
        asOf,
      );
      const rendered = JSON.stringify(agenda) + renderAgendaMarkdown(agendaForReaders(agenda), 'zh-CN');
      expect(rendered).toContain('U-0001');
      expectNone(rendered, 'the agenda');

      const all = await everything(store);
      expectNone(all, 'the database');
      expect(all).toContain(NEIGHBOUR_REPORT);
      expect(await data.findResident(PLATFORM, 'victim')).toBeUndefined();
    });

    it('/forgetme asks first; "keep" erases nothing; "delete" erases the resident and the answer still reaches them', async () => {
      await h.say('victim', '/forgetme');
      const prompt = h.sender.sent.at(-1)!;
      expect(prompt.message.text).toContain('无法恢复');
      expect(prompt.message.buttons?.flat().map((b) => b.data)).toEqual(['forget:yes', 'forget:no']);

      await h.press('victim', 'forget:no');
      expect(h.inbox('victim').at(-1)).toBe('好的，什么都没有删除。');
      expect(await everything(store)).toContain('13800138000');
      expect(await data.findResident(PLATFORM, 'victim')).toBeDefined();

      await h.press('victim', 'forget:yes');
      expect(h.inbox('victim').at(-1)).toContain('您的个人信息已删除');
      expect(await data.findResident(PLATFORM, 'victim')).toBeUndefined();
      const all = await everything(store);
      for (const detail of ['李建国', '13800138000', '1202'])
        expect(all, `the database holds ${detail}`).not.toContain(detail);
      expect(all).toContain(NEIGHBOUR_REPORT);
      await h.sayInGroup(STAFF_ROOM, 'wang', '/show U-0001');
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('个人信息已删除');

      // A second press (a redelivery, or an impatient finger) finds nothing of them left and erases nothing else.
      await h.press('victim', 'forget:yes');
      expect(h.inbox('victim').at(-1)).toContain('您的个人信息已删除');
      await h.say('neighbour', '/mytickets');
      expect(h.inbox('neighbour').at(-1)).toContain('U-0001');
    });

    it('hands a resident their own data, and only theirs', async () => {
      const exported = await data.exportResident((await data.findResident(PLATFORM, 'neighbour'))!);
      expect(exported.identities).toEqual([
        expect.objectContaining({ platform: PLATFORM, userId: 'neighbour', chatId: 'chat-neighbour' }),
      ]);
      expect(exported.reports).toHaveLength(1);
      expect(exported.reports[0]).toMatchObject({
        reference: 'U-0001',
        role: 'co-reporter',
        words: NEIGHBOUR_REPORT,
        summary: null,
        place: null,
      });
      // Staff replies to the ticket are theirs to see; the first reporter's words are not.
      expect(exported.reports[0]!.history.map((e) => e.kind)).toContain('replied');
      expect(JSON.stringify(exported)).not.toContain('13800138000');

      const own = await data.exportResident((await data.findResident(PLATFORM, 'victim'))!);
      expect(own.reports[0]).toMatchObject({ role: 'first reporter', words: VICTIM_REPORT });
      expect(own.reports[0]!.history.map((e) => e.text)).toContain('污水已经流到路上了，晚上打13800138000找我');
    });

    it('retention erases closed tickets once, however often and on however many instances it runs', async () => {
      await h.sayInGroup(STAFF_ROOM, 'wang', '/resolve U-0001 疏通了');
      await h.say('victim', '9号楼北门路灯不亮了');
      const later = new Date(h.clock.now().getTime() + 400 * 86_400_000);

      const second = store.reopen();
      const runs = await Promise.all(
        [store, second].map((s) =>
          runRetentionJob(
            {
              runs: {
                claim: (slot, at) => claimJobRun(s.db, 'retention', slot, at),
                finish: (slot, at, error) => finishJobRun(s.db, 'retention', slot, at, error),
              },
              personalData: new KyselyPersonalDataStore(s.db),
              days: 365,
              log: pino({ level: 'silent' }),
            },
            later,
          ),
        ),
      );
      const ran = runs.filter((r) => r !== undefined);
      expect(ran).toHaveLength(1);
      // U-0001 was resolved; the neighbour, who had nothing else, was forgotten with it.
      expect(ran[0]).toMatchObject({ residents: 1 });
      expect(ran[0]!.reporterTexts).toBe(2);

      const again = await applyRetention(data, 365, later);
      expect(again).toMatchObject({
        residents: 0,
        tickets: 0,
        reporterTexts: 0,
        events: 0,
        attachments: 0,
        inboxRows: 0,
        outboxRows: 0,
      });

      const tickets = await store.db
        .selectFrom('tickets')
        .select(['reference', 'summary', 'personal_data_erased_at'])
        .orderBy('id')
        .execute();
      expect(tickets[0]!.personal_data_erased_at).not.toBeNull();
      expect(tickets[0]!.summary).not.toContain('李建国');
      expect(tickets[1]).toMatchObject({ summary: '9号楼北门路灯不亮了', personal_data_erased_at: null });
      const reporters = await store.db
        .selectFrom('ticket_reporters')
        .select(['ticket_id', 'text'])
        .orderBy('id')
        .execute();
      expect(reporters.filter((r) => r.ticket_id === 1 && r.text !== null)).toEqual([]);
      // The neighbour had nothing else: forgotten too. The victim still has an open ticket: kept.
      expect(await data.findResident(PLATFORM, 'neighbour')).toBeUndefined();
      expect(await data.findResident(PLATFORM, 'victim')).toBeDefined();
    });
  });
}
