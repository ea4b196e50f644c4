import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { createConsoleApp } from '../src/console/console-app.tsx';
import { hashConsoleToken, newConsoleToken } from '../src/console/console-tokens.ts';
import { openStore } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { KyselyConsoleAgendaReader } from '../src/store/console-agenda-reader.ts';
import { KyselyConsoleFiguresReader } from '../src/store/console-figures-reader.ts';
import { KyselyConsoleSessionStore } from '../src/store/console-session-store.ts';
import { KyselyConsoleTicketReader } from '../src/store/console-ticket-reader.ts';
import { KyselyEstateStore } from '../src/store/estate-store.ts';
import { KyselyMemberStore } from '../src/store/member-store.ts';
import { AS_OF, databaseOf } from './agenda.ts';

/*
 * The staff web console at 100 k tickets on SQLite (the agenda bench's generator, its own copy: 400 tickets a week
 * over the last twelve weeks, ten years of history before): the server time of a page, from the
 * request reaching the console's router to the last byte of its HTML, in process (no network). The
 * clock is the agenda bench's, so "overdue" and the figures' twelve weeks see the same data each run.
 */
const PAGES: ReadonlyArray<[string, string]> = [
  ['tickets', '/console/'],
  ['tickets_search', `/console/?q=${encodeURIComponent('电梯')}`],
  // A word no ticket holds: the search reads every row once (LIKE cannot use an index).
  ['tickets_search_none', `/console/?q=${encodeURIComponent('漏水')}`],
  ['tickets_overdue', '/console/?overdue=1'],
  ['tickets_filtered', '/console/?category=upkeep&status=closed&sort=due&page=3'],
  ['figures', '/console/figures'],
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runConsoleBench(options: { quick?: boolean; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => console.error(line));
  const size = 100_000;
  const { file } = await databaseOf(size, log, join(tmpdir(), 'linli-bench-console'));
  const store = openStore({ kind: 'sqlite', url: `sqlite:${file}`, file });
  const lines: string[] = [];
  try {
    await migrateToLatest(store);
    // The generator leaves the masked search text empty; searching it should cost what it costs in use.
    await store.db
      .updateTable('tickets')
      .set({ search_text: sql<string>`lower(summary || ' ' || description)` })
      .where('search_text', '=', '')
      .execute();
    const sessions = new KyselyConsoleSessionStore(store.db);
    const member = await new KyselyMemberStore(store.db).grant(
      { platform: 'web', kind: 'user', id: 'bench', displayName: 'bench' },
      'admin',
      AS_OF,
    );
    const token = newConsoleToken();
    await sessions.createSession({
      tokenHash: hashConsoleToken('session', token),
      memberId: member.id,
      estate: null,
      at: AS_OF,
    });
    const app = createConsoleApp({
      sessions,
      tickets: new KyselyConsoleTicketReader(store.db),
      figures: new KyselyConsoleFiguresReader(store.db),
      agendas: new KyselyConsoleAgendaReader(store.db),
      estates: new KyselyEstateStore(store.db),
      memberships: (platform, subjectId) =>
        new KyselyMemberStore(store.db).select({ kind: 'subject', platform, subjectId }),
      decide: () => Promise.reject(new Error('the bench only reads')),
      invite: () => Promise.reject(new Error('the bench only reads')),
      revoke: () => Promise.reject(new Error('the bench only reads')),
      act: () => Promise.reject(new Error('the bench only reads')),
      workload: () => Promise.reject(new Error('the bench only reads')),
      templates: () => Promise.resolve({ kind: 'ok', templates: [], scope: null }),
      changeTemplate: () => Promise.reject(new Error('the bench only reads')),
      settings: {
        timeZone: 'Asia/Shanghai',
        defaultLocale: 'zh-CN',
        publicUrl: undefined,
        showResidentDetails: false,
        idleMinutes: 60 * 24 * 365 * 100,
        dataDir: join(file, '..', 'data'),
      },
      now: () => AS_OF,
      log: pino({ level: 'silent' }),
    });
    const runs = options.quick ? 20 : 100;
    for (const [name, path] of PAGES) {
      const get = async () => {
        const response = await app.request(path, { headers: { cookie: `linli_console=${token}` } });
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        return response.text();
      };
      const html = await get();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await get();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const count = /id="count">([^<]*)</.exec(html)?.[1] ?? '';
      lines.push(
        `console_${name}_p50_100k ${percentile(times, 50).toFixed(1)} ms`,
        `console_${name}_p99_100k ${percentile(times, 99).toFixed(1)} ms${count ? ` # ${count}` : ''}`,
      );
    }
  } finally {
    await store.close();
  }
  return lines;
}

if (process.argv[1]?.endsWith('console.ts')) {
  for (const line of await runConsoleBench({ quick: process.argv.includes('--quick') })) console.log(line);
}
