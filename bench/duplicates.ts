import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSameProblem } from '../src/intake/find-same-problem.ts';
import { openStore } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { KyselyTicketStore } from '../src/store/ticket-store.ts';
import { CATEGORIES } from '../src/tickets/category.ts';

const PROBLEMS = [
  '楼道灯不亮好几天了',
  '电梯坏了，老人下不了楼',
  '停水了，到现在还没来水',
  '门口垃圾桶满了没人倒',
  '单元门关不上',
  '下水道堵了，污水冒出来',
  '水压太低，楼上没水',
  '门禁刷卡开不了门',
  '外墙瓷砖脱落',
  '楼下的树枝太长挡着窗户',
];
const NEW_REPORTS = ['楼梯间的灯坏了', '又没水了', '垃圾箱溢出来了', '电梯不动了', '楼顶漏水'];

/**
 * Same-problem matching against 1,000 open tickets (SQLite, a file in the temporary directory): the
 * time to find the match for one new report — the store's candidates and the matcher over them — with
 * the tickets spread over 20 buildings, and with all 1,000 in the report's own building (the worst
 * case: every open ticket is a candidate, up to the limit of 500).
 */
export async function runDuplicatesBench({ quick = false }: { quick?: boolean } = {}): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-duplicates-'));
  const lines: string[] = [];
  try {
    for (const [label, buildings] of [
      ['spread', 20],
      ['one_building', 1],
    ] as const) {
      const file = join(dir, `${label}.db`);
      const store = openStore({ kind: 'sqlite', url: `sqlite:${file}`, file });
      await migrateToLatest(store);
      const tickets = new KyselyTicketStore(store.db);
      const now = new Date('2026-12-01T02:00:00Z');
      for (let i = 0; i < 1000; i++) {
        const building = String((i % buildings) + 1);
        const problem = PROBLEMS[i % PROBLEMS.length]!;
        await tickets.create(
          {
            category: CATEGORIES[i % CATEGORIES.length]!,
            urgency: 'normal',
            summary: problem,
            description: `${building}号楼${problem}`,
            place: { building, text: `${building}号楼` },
            language: 'zh-CN',
            classifierSource: 'offline',
            responseDueAt: now,
            resolutionDueAt: now,
            createdAt: new Date(now.getTime() - i * 60_000),
          },
          null,
        );
      }
      const since = new Date(now.getTime() - 14 * 86_400_000);
      const rounds = quick ? 20 : 200;
      const times: number[] = [];
      let joined = 0;
      for (let round = 0; round < rounds; round++) {
        const building = String((round % buildings) + 1);
        const text = `${building}栋${NEW_REPORTS[round % NEW_REPORTS.length]}`;
        const started = performance.now();
        const match = await findSameProblem(
          tickets,
          { text, place: { building, text: `${building}栋` }, urgency: 'normal' },
          since,
        );
        times.push(performance.now() - started);
        if (match) joined++;
      }
      await store.close();
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
      lines.push(
        `duplicates_match_${label}_p50_ms ${p(0.5).toFixed(2)} ms # one new report against 1,000 open tickets (${buildings} building${buildings > 1 ? 's' : ''}), store + matcher; ${joined} of ${rounds} joined`,
        `duplicates_match_${label}_p99_ms ${p(0.99).toFixed(2)} ms`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
