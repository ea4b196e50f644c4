import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { startInProcessConsole, textOf, type InProcessConsole } from './console-in-process.ts';

const STAFF_ROOM = 'staff-room';
const cst = (local: string) => new Date(`${local}:00+08:00`);

/** The rows of the workload page's table, each as its cells' texts. */
function workloadRows(html: string): string[][] {
  const body = /<table id="workload">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1]!)),
  );
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: the console's workload page (admins)`, () => {
    let store: TestStore;
    let h: Harness;
    let web: InProcessConsole;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(async () => {
      await store.cleanup();
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
      await h.registerStaff(STAFF_ROOM, ['wang', 'li']);
      await new KyselyMemberStore(store.db).grant(
        { platform: PLATFORM, kind: 'user', id: 'boss', displayName: 'boss' },
        'admin',
        h.clock.now(),
      );
      web = await startInProcessConsole(store, h);
      return () => web.close();
    });

    it('shows the very figures /workload gives in the chat, in working time, and refuses everyone but admins', async () => {
      // As in the chat's own test: W-0001 answered by wang after one working hour; W-0002 answered by li
      // after one working hour over a weekend (64 on the clock); U-0001 left unanswered past its deadline.
      await h.say('ann', '3号楼停水了');
      h.clock.current = cst('2026-11-23T11:00');
      await h.sayInGroup(STAFF_ROOM, 'wang', '/ack W-0001');
      h.clock.current = cst('2026-11-27T17:30');
      await h.say('bob', '9号楼没水了');
      await h.sayInGroup(STAFF_ROOM, 'li', '/assign W-0002');
      h.clock.current = cst('2026-11-30T09:30');
      await h.sayInGroup(STAFF_ROOM, 'li', '/reply W-0002 已派师傅');
      await h.say('cat', '5号楼门口的路灯坏了');
      await h.sayInGroup(STAFF_ROOM, 'li', '/assign U-0001');
      h.clock.current = cst('2026-12-01T12:00');

      await h.say('boss', '/workload');
      const chat = h.inbox('boss').at(-1)!.split('\n');
      const boss = await web.signIn('boss');
      const page = await boss.request('/console/workload?lang=zh-CN');
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('href="/console/workload"');
      const rows = workloadRows(html);
      expect(rows).toEqual([
        ['li', '2', '1', '1', '1 小时'],
        ['boss', '0', '0', '0', '—'],
        ['wang', '0', '0', '1', '1 小时'],
      ]);
      // Row for row, the chat's lines say the same.
      const lines = chat.slice(1, -1);
      expect(lines).toHaveLength(rows.length);
      for (const [i, [name, open, overdue, responses, median]] of rows.entries())
        expect(lines[i]).toBe(
          `• ${name}：处理中 ${open}，超时 ${overdue}，首次响应 ${responses} 次${median === '—' ? '' : `，中位用时 ${median}`}`,
        );
      expect(textOf(html)).toContain(chat.at(-1)!);

      // In English, the same numbers.
      const english = workloadRows(await (await boss.request('/console/workload?lang=en')).text());
      expect(english.map((r) => r.slice(0, 4))).toEqual(rows.map((r) => r.slice(0, 4)));
      expect(english[0]![4]).toBe('1 hour');

      // Staff see neither the page nor the link to it.
      const wang = await web.signIn('wang');
      const refused = await wang.request('/console/workload');
      expect(refused.status).toBe(403);
      expect(await (await wang.request('/console/')).text()).not.toContain('/console/workload');
    });

    it('lists every staff member with nothing to carry yet, and stops at once for a revoked admin', async () => {
      const boss = await web.signIn('boss');
      const rows = workloadRows(await (await boss.request('/console/workload?lang=en')).text());
      expect(rows.map((r) => r[0]).sort()).toEqual(['boss', 'li', 'wang']);
      expect(rows.every((r) => r[1] === '0' && r[3] === '0' && r[4] === '—')).toBe(true);
      await new KyselyMemberStore(store.db).revoke(
        { kind: 'subject', platform: PLATFORM, subjectId: 'boss' },
        h.clock.now(),
      );
      expect((await boss.request('/console/workload')).status).toBe(303);
    });
  });
}
