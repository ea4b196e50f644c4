import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_LIMITS, renderAgendaChat } from '../../src/agenda/render-chat.ts';
import { renderAgendaHtml } from '../../src/agenda/render-html.ts';
import { renderAgendaMarkdown } from '../../src/agenda/render-markdown.ts';
import { compileAgenda } from '../../src/agenda/weekly-job.ts';
import { calendarFor } from '../../src/calendar/calendar-for.ts';
import { checkDeadlines } from '../../src/staff/check-deadlines.ts';
import { watchDeadlines } from '../../src/staff/watch-deadlines.ts';
import { KyselyEscalationStore } from '../../src/store/escalation-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const cst = (local: string) => new Date(`${local}:00+08:00`);
const PRIVATE = ['13812345678', '张三', '301'];

for (const dialect of DIALECTS) {
  describe(`${dialect}: 督办 items in the agenda`, () => {
    let store: TestStore;
    let h: Harness;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
      await h.registerStaff('staff-room', ['wang']);
      await new KyselyMemberStore(store.db).grant(
        { platform: PLATFORM, kind: 'group', id: 'committee-room' },
        'committee',
        h.clock.now(),
      );
    });
    afterAll(async () => {
      await store.cleanup();
    });

    /** Runs the deadline jobs at `at`, as the scheduler would. */
    const runAt = async (at: Date) => {
      h.clock.current = at;
      await checkDeadlines(h.core);
      await watchDeadlines({
        store: new KyselyEscalationStore(store.db),
        calendar: calendarFor(h.core.config, h.core.log),
        config: h.core.config,
        now: h.core.now,
      });
    };

    it('leads the agenda with escalated tickets and how long each level has had them, masked', async () => {
      // Monday 23 November 10:00: answer due 15:30; admin Tuesday 10:30; committee Thursday 10:30.
      await h.say('ann', '3号楼停水了，我是张三，住301室，电话13812345678');
      await h.say('bob', '5号楼门口的路灯坏了');
      const lamp = (await new KyselyTicketStore(store.db).list()).find((t) => t.reference !== 'W-0001')!;
      // Answered in time: it never climbs.
      await h.sayInGroup('staff-room', 'wang', `/reply ${lamp.reference} 今天下午来修`);
      for (const at of ['2026-11-23T15:30', '2026-11-24T10:30', '2026-11-26T10:30']) await runAt(cst(at));

      const agenda = await compileAgenda(
        { unitOfWork: new KyselyUnitOfWork(store.db), config: h.core.config },
        '2026-W48',
        cst('2026-11-30T09:00'),
      );
      expect(agenda.supervised).toEqual([
        expect.objectContaining({
          reference: 'W-0001',
          dueAt: cst('2026-11-23T15:30').toISOString(),
          levels: [
            { level: 'staff', since: cst('2026-11-23T15:30').toISOString(), hours: 19 },
            { level: 'admin', since: cst('2026-11-24T10:30').toISOString(), hours: 48 },
            { level: 'committee', since: cst('2026-11-26T10:30').toISOString(), hours: 94 },
          ],
        }),
      ]);

      const markdown = renderAgendaMarkdown(agenda, 'zh-CN');
      expect(markdown.indexOf('## 督办事项')).toBeGreaterThan(0);
      expect(markdown.indexOf('## 督办事项')).toBeLessThan(markdown.indexOf('## 本周概况'));
      expect(markdown).toContain('1. **W-0001（供水，3号楼）时限 2026-11-23 15:30');
      expect(markdown).toContain('   - 物业工作群：自 2026-11-23 15:30 起 19 小时');
      expect(markdown).toContain('   - 物业负责人：自 2026-11-24 10:30 起 2 天');
      expect(markdown).toContain('   - 居委会：自 2026-11-26 10:30 起 4 天');
      const html = renderAgendaHtml(agenda, 'en');
      expect(html).toContain('<section class="supervised"><h2>Escalated items (督办)</h2>');
      expect(html.indexOf('class="supervised"')).toBeLessThan(html.indexOf('class="narrative"'));
      const chat = renderAgendaChat(agenda, 'zh-TW', { limit: CHAT_LIMITS.telegram });
      expect(chat[0]).toContain('🔔 督辦事項\n1. W-0001（供水，3號樓）期限 2026-11-23 15:30');
      for (const text of [markdown, html, ...chat]) for (const secret of PRIVATE) expect(text).not.toContain(secret);
    });

    it('leaves the section out when nothing was escalated, and drops a ticket once it is resolved', async () => {
      await h.say('ann', '3号楼停水了');
      await runAt(cst('2026-11-24T10:30'));
      expect(
        (
          await compileAgenda(
            { unitOfWork: new KyselyUnitOfWork(store.db), config: h.core.config },
            '2026-W48',
            cst('2026-11-30T09:00'),
          )
        ).supervised,
      ).toHaveLength(1);
      await h.sayInGroup('staff-room', 'wang', '/resolve W-0001');
      const agenda = await compileAgenda(
        { unitOfWork: new KyselyUnitOfWork(store.db), config: h.core.config },
        '2026-W48',
        cst('2026-11-30T09:00'),
      );
      expect(agenda.supervised).toBeUndefined();
      expect(renderAgendaMarkdown(agenda, 'zh-CN')).not.toContain('督办事项');
    });
  });
}
