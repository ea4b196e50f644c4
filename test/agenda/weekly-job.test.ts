import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cron from 'node-cron';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agendaRoute } from '../../src/http/agenda-route.ts';
import { KyselyAgendaStore } from '../../src/store/agenda-store.ts';
import { HttpServer } from '../../src/http/server.ts';
import { recordDecisionNow } from '../../src/meeting/decide.ts';
import {
  catchUpWeeklyAgenda,
  lastScheduledRun,
  publishAgenda,
  runWeeklyAgendaJob,
  type AgendaDeps,
} from '../../src/agenda/weekly-job.ts';
import { loadConfig } from '../../src/config.ts';
import type { Core } from '../../src/turn/core.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import type { OutgoingMessage } from '../../src/outbox/outgoing-message.ts';
import { claimJobRun } from '../../src/store/job-runs.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { registerGroup, seedEvent, seedResident, seedTicket } from './seed.ts';

const log = pino({ level: 'silent' });
/** Monday 9 March 2026, 09:00 in Shanghai: the cron minute; the agenda covers 2026-W10. */
const MONDAY = new Date('2026-03-09T01:00:00Z');

async function seedWeek(store: TestStore): Promise<void> {
  const db = store.db;
  const zhang = await seedResident(db, { name: '张伟', phone: '13912345678', unit: '3-2-501', chatId: 'tg-zhang' });
  const amy = await seedResident(db, {
    name: 'Amy Chen',
    phone: '+852 9123 4567',
    unit: 'B-1203',
    locale: 'en',
    chatId: 'tg-amy',
  });
  const lin = await seedResident(db, {
    name: '林小芳',
    phone: '0912-345-678',
    locale: 'zh-TW',
    chatId: 'U-lin',
    platform: 'line',
  });
  const water = await seedTicket(
    db,
    {
      reference: 'W-0001',
      category: 'water_supply',
      summary: '3号楼2单元停水两天了，张伟 13912345678',
      building: '3',
      unit: '2',
      createdAt: '2026-03-02T02:00:00Z',
      responseDueAt: '2026-03-02T06:00:00Z',
    },
    [zhang, amy, lin],
  );
  await seedTicket(
    db,
    {
      reference: 'U-0001',
      summary: '5号楼电梯坏了',
      createdAt: '2026-03-03T02:00:00Z',
      firstResponseAt: '2026-03-03T03:00:00Z',
      reopenedCount: 1,
    },
    [amy],
  );
  const explained = await seedTicket(
    db,
    {
      reference: 'W-0002',
      category: 'water_supply',
      status: 'explained',
      summary: '二次供水水箱老化，水发黄',
      building: '7',
      createdAt: '2026-02-20T02:00:00Z',
      firstResponseAt: '2026-02-20T03:00:00Z',
      explanation: { reason: '水箱老化', plan: '申请维修资金改造二次供水' },
    },
    [lin],
  );
  await seedEvent(db, explained, 'explained', '2026-03-04T02:00:00Z');
  await seedEvent(db, water, 'overdue', '2026-03-02T06:00:00Z');
}

function messagesIn(rows: Array<{ payload: string }>): OutgoingMessage[] {
  return rows.map((r) => JSON.parse(r.payload) as OutgoingMessage);
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: weekly agenda job`, () => {
    let store: TestStore;
    let dataDir: string;
    let deps: AgendaDeps;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      dataDir = mkdtempSync(join(tmpdir(), 'linli-agenda-'));
      const config = loadConfig({
        DATA_DIR: dataDir,
        PUBLIC_URL: 'https://linli.example.org',
        COMMUNITY_NAME: '幸福里',
        LOG_LEVEL: 'silent',
      });
      deps = { unitOfWork: new KyselyUnitOfWork(store.db), config, log };
      await seedWeek(store);
      await registerGroup(store.db, 'party_branch', '-1001');
      await registerGroup(store.db, 'committee', 'C-line-committee', 'line');
      await registerGroup(store.db, 'staff', '-1002');
      // The staff group also sits in the committee role: it gets the agenda once.
      await registerGroup(store.db, 'committee', '-1002');
    });
    afterAll(async () => {
      await store.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function outbox() {
      return store.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    }

    it('stores one agenda and queues text and chart to every party_branch, committee and staff group', async () => {
      const result = await runWeeklyAgendaJob(deps, MONDAY);
      expect(result).toMatchObject({ kind: 'published', week: '2026-W10', compiled: true, chats: 3 });
      const rows = await outbox();
      const byChat = (chat: string) => messagesIn(rows.filter((r) => r.chat_id === chat));
      for (const chat of ['-1001', '-1002']) {
        const messages = byChat(chat);
        expect(messages.at(-1)!.image!.path).toMatch(/agenda\/[A-Za-z0-9_-]{24}\.png$/);
        expect(existsSync(messages.at(-1)!.image!.path!)).toBe(true);
        expect(messages[0]!.text).toContain('幸福里三方联席会议议程');
      }
      const line = byChat('C-line-committee');
      const stored = await new KyselyAgendaStore(store.db).findByWeek('2026-W10');
      expect(line.at(-1)!.image!.url).toBe(`https://linli.example.org/agenda/${stored!.imageToken}.png`);
      expect(line[0]!.text).toContain(`https://linli.example.org/agenda/${stored!.imageToken}.html`);
      expect(stored!.sentAt).not.toBeNull();
      expect(await store.db.selectFrom('agenda_items').select('rank').execute()).toHaveLength(
        stored!.agenda.items.length,
      );
      const png = readFileSync(byChat('-1001').at(-1)!.image!.path!);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    });

    it('serves the chart and the printable agenda at the unguessable token path only', async () => {
      await runWeeklyAgendaJob(deps, MONDAY);
      const stored = (await new KyselyAgendaStore(store.db).findByWeek('2026-W10'))!;
      rmSync(join(dataDir, 'agenda'), { recursive: true, force: true }); // another instance compiled it
      const http = new HttpServer(log).add(agendaRoute(new KyselyAgendaStore(store.db), { dataDir, locale: 'zh-CN' }));
      const { port } = await http.listen(0, '127.0.0.1');
      try {
        const png = await fetch(`http://127.0.0.1:${port}/agenda/${stored.imageToken}.png`);
        expect(png.status).toBe(200);
        expect(png.headers.get('content-type')).toBe('image/png');
        expect(
          Buffer.from(await png.arrayBuffer())
            .subarray(1, 4)
            .toString(),
        ).toBe('PNG');
        const html = await fetch(`http://127.0.0.1:${port}/agenda/${stored.imageToken}.html`);
        expect(await html.text()).toContain('@media print');
        expect((await fetch(`http://127.0.0.1:${port}/agenda/${'A'.repeat(24)}.png`)).status).toBe(404);
        expect((await fetch(`http://127.0.0.1:${port}/agenda/2026-W10.png`)).status).toBe(404);
      } finally {
        await http.close();
      }
    });

    it('sends once when the job runs twice for the same week', async () => {
      await runWeeklyAgendaJob(deps, MONDAY);
      const first = (await outbox()).length;
      expect(await runWeeklyAgendaJob(deps, new Date(MONDAY.getTime() + 60_000))).toEqual({
        kind: 'skipped',
        week: '2026-W10',
        reason: 'claimed-elsewhere',
      });
      expect(await outbox()).toHaveLength(first);
      expect(await store.db.selectFrom('agendas').select('week').execute()).toEqual([{ week: '2026-W10' }]);
    });

    it('sends once when two instances run it at the same minute', async () => {
      const other = store.reopen();
      const results = await Promise.all([
        runWeeklyAgendaJob(deps, MONDAY),
        runWeeklyAgendaJob({ ...deps, unitOfWork: new KyselyUnitOfWork(other.db) }, MONDAY),
      ]);
      expect(results.map((r) => r.kind).sort()).toEqual(['published', 'skipped']);
      const rows = await outbox();
      expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(rows.length);
      expect(new Set(rows.map((r) => r.chat_id))).toEqual(new Set(['-1001', '-1002', 'C-line-committee']));
      expect(await store.db.selectFrom('agendas').select('week').execute()).toHaveLength(1);
    });

    it('sends once when publishing races on two instances without the job lock (linli agenda --send twice at once)', async () => {
      const other = store.reopen();
      const results = await Promise.allSettled([
        publishAgenda(deps, '2026-W10', MONDAY),
        publishAgenda({ ...deps, unitOfWork: new KyselyUnitOfWork(other.db) }, '2026-W10', MONDAY),
      ]);
      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
      const rows = await outbox();
      expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(rows.length);
      const second = await publishAgenda(deps, '2026-W10', MONDAY);
      expect(second).toMatchObject({ compiled: false, queued: 0 });
      expect(await outbox()).toHaveLength(rows.length);
    });

    it('after a crash mid-run (slot left running) the next start finishes the week once', async () => {
      await claimJobRun(store.db, 'agenda', '2026-W10', new Date(MONDAY.getTime() - 60 * 60_000));
      const later = new Date(MONDAY.getTime() + 30 * 60_000);
      expect(await runWeeklyAgendaJob(deps, later)).toMatchObject({ kind: 'published', compiled: true });
      const count = (await outbox()).length;
      expect(await runWeeklyAgendaJob(deps, later)).toMatchObject({ kind: 'skipped' });
      expect(await publishAgenda(deps, '2026-W10', later)).toMatchObject({ queued: 0 });
      expect(await outbox()).toHaveLength(count);
    });

    it('resending reaches only the chats registered since', async () => {
      await publishAgenda(deps, '2026-W10', MONDAY);
      const before = (await outbox()).length;
      await registerGroup(store.db, 'party_branch', '-1003');
      const again = await publishAgenda(deps, '2026-W10', new Date(MONDAY.getTime() + 3_600_000));
      const added = (await outbox()).slice(before);
      expect(again.queued).toBe(added.length);
      expect(new Set(added.map((r) => r.chat_id))).toEqual(new Set(['-1003']));
    });

    it('catches up at start-up a run missed while the service was down, once', async () => {
      const tuesday = new Date('2026-03-10T02:00:00Z');
      expect(await catchUpWeeklyAgenda(deps, tuesday)).toMatchObject({ kind: 'published', week: '2026-W10' });
      expect(await catchUpWeeklyAgenda(deps, tuesday)).toBeUndefined();
      expect(await store.db.selectFrom('agendas').select('week').execute()).toEqual([{ week: '2026-W10' }]);
    });

    it('spends no week on nobody: without a registered chat nothing is stored, and the catch-up sends it later', async () => {
      await store.db.deleteFrom('members').execute();
      const tuesday = new Date('2026-03-10T02:00:00Z');
      expect(await catchUpWeeklyAgenda(deps, tuesday)).toEqual({
        kind: 'skipped',
        week: '2026-W10',
        reason: 'no-recipients',
      });
      expect(await store.db.selectFrom('agendas').select('week').execute()).toEqual([]);
      expect(await store.db.selectFrom('job_runs').select('slot').execute()).toEqual([]);
      await registerGroup(store.db, 'party_branch', '-1009');
      expect(await catchUpWeeklyAgenda(deps, new Date(tuesday.getTime() + 3_600_000))).toMatchObject({
        kind: 'published',
        week: '2026-W10',
        chats: 1,
      });
    });

    it('catches up nothing on the first start of a fresh install: no ticket was opened by the end of the missed week', async () => {
      await store.reset();
      await registerGroup(store.db, 'staff', '-1002');
      const tuesday = new Date('2026-03-10T02:00:00Z');
      expect(await catchUpWeeklyAgenda(deps, tuesday)).toBeUndefined();
      // The first ticket came after the week had ended (Monday morning, before the start): still nothing to catch up.
      await seedTicket(store.db, {
        reference: 'W-0001',
        category: 'water_supply',
        summary: '3号楼停水',
        building: '3',
        createdAt: '2026-03-09T00:30:00Z',
      });
      expect(await catchUpWeeklyAgenda(deps, tuesday)).toBeUndefined();
      expect(await store.db.selectFrom('agendas').select('week').execute()).toEqual([]);
      expect(await outbox()).toEqual([]);
      // A ticket opened during that week is worth the meeting's time: the missed agenda goes out.
      await seedTicket(store.db, {
        reference: 'G-0001',
        category: 'greening',
        summary: '中心花园的树倒了',
        createdAt: '2026-03-08T15:00:00Z',
      });
      expect(await catchUpWeeklyAgenda(deps, tuesday)).toMatchObject({ kind: 'published', week: '2026-W10', chats: 1 });
    });

    it('catches up nothing when the cron did not fire during the last week', async () => {
      expect(
        await catchUpWeeklyAgenda(
          { ...deps, config: { ...deps.config, agendaCron: '0 9 1 1 *' } },
          new Date('2026-03-10T02:00:00Z'),
        ),
      ).toBeUndefined();
      expect(await store.db.selectFrom('agendas').select('week').execute()).toEqual([]);
    });

    it('records a decision, tells each reporter in their language, and follows it up next week', async () => {
      await runWeeklyAgendaJob(deps, MONDAY);
      const core = {
        unitOfWork: new KyselyUnitOfWork(store.db),
        config: deps.config,
        now: () => new Date('2026-03-09T03:00:00Z'),
        log,
      } as unknown as Core;
      const result = await recordDecisionNow(core, {
        reference: 'W-0001',
        text: '物业联系自来水公司排查，居委会通知住户',
        lead: 'property',
        dueDate: '2026-03-12',
        by: 'cli',
        actor: { kind: 'system' },
      });
      expect(result).toEqual({ kind: 'recorded', reference: 'W-0001', week: '2026-W10', notified: 3 });
      const told = messagesIn(
        await store.db
          .selectFrom('outbox')
          .select('payload')
          .where('chat_id', 'in', ['tg-zhang', 'tg-amy', 'U-lin'])
          .orderBy('chat_id')
          .execute(),
      );
      expect(told.map((m) => m.text)).toEqual([
        '三方聯席會議討論了您反映的 W-0001：物业联系自来水公司排查，居委会通知住户（主責：物業公司，預計 2026-03-12 前）。',
        'The tripartite meeting discussed your report W-0001: 物业联系自来水公司排查，居委会通知住户 (led by Property firm, expected by 2026-03-12).',
        '三方联席会议讨论了您反映的 W-0001：物业联系自来水公司排查，居委会通知住户（牵头：物业公司，预计 2026-03-12 前）。',
      ]);
      const next = await runWeeklyAgendaJob(deps, new Date('2026-03-16T01:00:00Z'));
      expect(next.kind === 'published' && next.stored.agenda.followUps).toEqual([
        expect.objectContaining({
          reference: 'W-0001',
          decision: '物业联系自来水公司排查，居委会通知住户',
          lead: 'property',
          dueDate: '2026-03-12',
          state: 'overdue',
          status: 'open',
        }),
      ]);
    });

    it('refuses a decision on an unknown ticket or before any agenda exists', async () => {
      const core = {
        unitOfWork: new KyselyUnitOfWork(store.db),
        config: deps.config,
        now: () => MONDAY,
        log,
      } as unknown as Core;
      const input = {
        text: '处理',
        lead: 'property' as const,
        dueDate: null,
        by: 'cli',
        actor: { kind: 'system' as const },
      };
      expect(await recordDecisionNow(core, { ...input, reference: 'U-0001' })).toEqual({ kind: 'no-agenda' });
      await runWeeklyAgendaJob(deps, MONDAY);
      expect(await recordDecisionNow(core, { ...input, reference: 'G-0099' })).toEqual({
        kind: 'not-found',
        reference: 'G-0099',
      });
    });
  });
}

describe('lastScheduledRun', () => {
  it('finds the latest minute the cron fired in the time zone within a week', () => {
    expect(lastScheduledRun('0 9 * * 1', 'Asia/Shanghai', new Date('2026-03-10T02:00:30Z'))).toEqual(
      new Date('2026-03-09T01:00:00Z'),
    );
    expect(lastScheduledRun('0 9 * * 1', 'Asia/Shanghai', new Date('2026-03-09T00:59:00Z'))).toEqual(
      new Date('2026-03-02T01:00:00Z'),
    );
  });

  /** The definition itself: the cron's `match` asked about every minute of the week, latest first. */
  function everyMinute(expression: string, timeZone: string, now: Date): Date | undefined {
    const task = cron.createTask(expression, () => {}, { timezone: timeZone });
    try {
      const minute = Math.floor(now.getTime() / 60_000) * 60_000;
      for (let i = 0; i <= 7 * 24 * 60; i++) {
        const at = new Date(minute - i * 60_000);
        if (task.match(at)) return at;
      }
      return undefined;
    } finally {
      void task.destroy();
    }
  }

  it('gives what asking the cron about every minute of the week gives, across clock changes', () => {
    // Daily ones, so the span the minute-by-minute answer walks stays short; the weekly is tested above.
    const expressions = ['15,45 1-3 * * *', '30 2 * * *', '40 2 * * *', '*/7 * * * *'];
    const cases: Array<[string, string]> = [
      ['Asia/Shanghai', '2026-03-10T02:00:30Z'],
      ['Asia/Kathmandu', '2026-06-01T00:00:00Z'], // +05:45
      ['America/New_York', '2026-03-09T12:00:00Z'], // the day after the clocks went forward
      ['America/New_York', '2026-11-02T12:00:00Z'], // the day after they went back: 01:15 came twice
      ['Europe/Berlin', '2026-03-30T01:30:00Z'],
      ['Australia/Lord_Howe', '2026-04-06T00:00:00Z'], // clocks back half an hour, at 15:00 UTC
      ['Australia/Lord_Howe', '2026-10-04T00:00:00Z'], // forward half an hour, at 15:30 UTC: mid-hour
    ];
    for (const [timeZone, at] of cases)
      for (const expression of expressions)
        expect(lastScheduledRun(expression, timeZone, new Date(at)), `${expression} in ${timeZone} at ${at}`).toEqual(
          everyMinute(expression, timeZone, new Date(at)),
        );
  });

  it('finds none in a week the cron does not fire', () => {
    expect(lastScheduledRun('0 0 29 2 *', 'Australia/Lord_Howe', new Date('2026-03-01T00:00:00Z'))).toBeUndefined();
  });

  it('finds a run in the hour the clocks changed', () => {
    // New York, 1 November 2026: 01:00–01:59 came twice; the later 01:30 is 06:30 UTC.
    expect(lastScheduledRun('30 1 * * *', 'America/New_York', new Date('2026-11-01T07:00:00Z'))).toEqual(
      new Date('2026-11-01T06:30:00Z'),
    );
    // Lord Howe, 5 April 2026: 02:00 went back to 01:30 (4 April 15:00 UTC); the later 01:45 is 15:15 UTC.
    expect(lastScheduledRun('45 1 * * *', 'Australia/Lord_Howe', new Date('2026-04-04T15:30:00Z'))).toEqual(
      new Date('2026-04-04T15:15:00Z'),
    );
    // Lord Howe, 4 October 2026: 02:00 went forward to 02:30 at 15:30 UTC, within the hour; 02:40 is 15:40 UTC.
    expect(lastScheduledRun('40 2 * * *', 'Australia/Lord_Howe', new Date('2026-10-03T16:00:00Z'))).toEqual(
      new Date('2026-10-03T15:40:00Z'),
    );
  });
});
