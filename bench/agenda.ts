import { KyselyUnitOfWork } from '../src/store/unit-of-work.ts';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { KyselyAgendaStore } from '../src/store/agenda-store.ts';
import { agendaWeekAt, shiftWeek } from '../src/agenda/iso-week.ts';
import { agendaEstates, compileAgenda, type AgendaDeps } from '../src/agenda/weekly-job.ts';
import { compileStreet } from '../src/agenda/street-job.ts';
import { openStore, type Store } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { CATEGORIES } from '../src/tickets/category.ts';
import { formatReference } from '../src/tickets/reference.ts';

/*
 * The agenda against a large history. Synthetic databases of 10 k, 100 k and 1 M tickets share the
 * same recent weeks (the same generator at the same rate: 400 tickets a week over the last 12 weeks; the same
 * backlog of old tickets still explained or open); the rest of the history, spread over the ten years
 * before, is what differs. So the compile time of the week should not grow with the size.
 *
 * The databases are kept in the temporary directory (linli-bench-agenda/) and reused by later runs;
 * GENERATOR_VERSION names them, so a change of the generator makes new ones. Migrations added since
 * are applied to a kept database when it is opened.
 */
const GENERATOR_VERSION = 'v1';
const DIR = join(tmpdir(), 'linli-bench-agenda');
const TIME_ZONE = 'Asia/Shanghai';
/** Monday 09:00 in Shanghai: when the weekly job compiles the week that just ended. */
export const AS_OF = new Date('2026-11-23T01:00:00.000Z');
const RECENT_WEEKS = 12;
const RECENT_PER_WEEK = 400;
const HISTORY_YEARS = 10;
/** Old tickets left explained (a long-term plan) or open and forgotten, the same in every size. */
const OLD_EXPLAINED = 40;
const OLD_OPEN = 20;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ROWS_PER_INSERT = 100;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUMMARIES: Record<string, string[]> = {
  greening: ['树枝挡住窗户', '草坪枯死', '绿地被占用种菜', '绿篱需要修剪'],
  water_supply: ['停水一天了', '水压很低', '自来水发黄', '水箱有异味'],
  security: ['门禁坏了', '消防通道被堵', '高空抛物', '陌生人进入'],
  upkeep: ['电梯故障', '楼道灯不亮', '下水道堵塞', '垃圾没人清理'],
  other: ['物业费疑问', '邻居噪音', '暖气不热', '停车收费问题'],
};
const SPOTS = ['中心花园', '地下车库', '小区大门', '东门', '儿童乐园'];

type Row = Array<string | number | null>;

/** Inserts rows `ROWS_PER_INSERT` at a time through one prepared multi-row statement. */
class BulkInsert {
  private readonly rows: Row[] = [];
  private readonly full: SqliteDatabase.Statement;
  constructor(
    private readonly db: SqliteDatabase.Database,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.full = db.prepare(this.statement(ROWS_PER_INSERT));
  }
  private statement(n: number): string {
    const one = `(${this.columns.map(() => '?').join(',')})`;
    return `insert into ${this.table} (${this.columns.join(',')}) values ${Array.from({ length: n }, () => one).join(',')}`;
  }
  add(row: Row): void {
    this.rows.push(row);
    if (this.rows.length === ROWS_PER_INSERT) this.flush();
  }
  flush(): void {
    if (this.rows.length === 0) return;
    const statement =
      this.rows.length === ROWS_PER_INSERT ? this.full : this.db.prepare(this.statement(this.rows.length));
    statement.run(this.rows.flat());
    this.rows.length = 0;
  }
}

const TICKET_COLUMNS = [
  'id',
  'estate_id',
  'reference',
  'category',
  'urgency',
  'status',
  'summary',
  'description',
  'place_building',
  'place_unit',
  'place_spot',
  'place_text',
  'language',
  'classifier_source',
  'confidence',
  'duplicate_of',
  'reopened_count',
  'explanation_reason',
  'explanation_plan',
  'created_at',
  'updated_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'response_due_at',
  'resolution_due_at',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** A status for a ticket `ageDays` old, weighted like a working estate's. */
function statusFor(rand: () => number, ageDays: number): string {
  const r = rand();
  if (ageDays < 7)
    return r < 0.45
      ? 'open'
      : r < 0.65
        ? 'acknowledged'
        : r < 0.75
          ? 'in_progress'
          : r < 0.95
            ? 'resolved'
            : 'explained';
  if (ageDays < 28)
    return r < 0.08
      ? 'open'
      : r < 0.13
        ? 'acknowledged'
        : r < 0.2
          ? 'in_progress'
          : r < 0.65
            ? 'resolved'
            : r < 0.9
              ? 'closed'
              : r < 0.95
                ? 'explained'
                : 'duplicate';
  if (ageDays < RECENT_WEEKS * 7)
    return r < 0.3 ? 'resolved' : r < 0.9 ? 'closed' : r < 0.92 ? 'explained' : 'duplicate';
  return r < 0.17 ? 'resolved' : r < 0.92 ? 'closed' : 'duplicate';
}

/** The street whose estates the street bench compares. */
const STREET = '基准街道';

/**
 * Writes a database of `size` tickets (with residents, reporters, answers and events) into `file`. With
 * several `estates`, each is a copy of one estate's profile — the same recent weeks at the same rate,
 * the same backlog — interleaved by creation time, all of the street {@link STREET}.
 */
async function generate(file: string, size: number, estates = 1): Promise<void> {
  const store = openStore({ kind: 'sqlite', url: `sqlite:${file}`, file });
  await migrateToLatest(store);
  await store.close();

  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  // Rows go in by table in batches; the generator keeps the references right itself.
  db.pragma('foreign_keys = OFF');
  // Indexes are built once after the rows are in, from the migrations' own definitions.
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('tickets', 'ticket_events', 'ticket_reporters', 'residents')`,
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) db.exec(`drop index ${index.name}`);

  if (estates > 1) {
    db.prepare('update estates set name = ?, street = ? where id = 1').run('基准小区1', STREET);
    const add = db.prepare(
      'insert into estates (id, code, name, community, street, created_at) values (?, ?, ?, ?, ?, ?)',
    );
    for (let e = 2; e <= estates; e++)
      add.run(e, `bench-${e}`, `基准小区${e}`, `基准社区${Math.ceil(e / 5)}`, STREET, '2016-01-01T00:00:00.000Z');
  }
  const rand = random(20261123);
  const recent = RECENT_WEEKS * RECENT_PER_WEEK * estates;
  const history = Math.max(0, size - recent);
  const residentsCount = Math.max(1000, Math.floor(size / 4));
  const counters = new Map<string, number>();
  const tickets = new BulkInsert(db, 'tickets', TICKET_COLUMNS);
  const events = new BulkInsert(db, 'ticket_events', [
    'ticket_id',
    'kind',
    'actor_kind',
    'actor_id',
    'data',
    'created_at',
  ]);
  const reporters = new BulkInsert(db, 'ticket_reporters', [
    'ticket_id',
    'resident_id',
    'is_original',
    'fixed_answer',
    'rating',
    'answered_at',
    'created_at',
  ]);
  const residents = new BulkInsert(db, 'residents', ['id', 'display_name', 'locale', 'phone', 'unit', 'created_at']);
  const iso = (ms: number): string => new Date(ms).toISOString();

  db.transaction(() => {
    for (let i = 1; i <= residentsCount; i++) {
      residents.add([
        i,
        `住户${i}`,
        'zh-CN',
        `1380000${String(i).padStart(6, '0')}`.slice(0, 11),
        `${1 + (i % 6)}单元${100 + (i % 30)}`,
        '2016-01-01T00:00:00.000Z',
      ]);
    }
    residents.flush();
  })();

  const recentStart = AS_OF.getTime() - RECENT_WEEKS * 7 * DAY;
  const historyStart = recentStart - HISTORY_YEARS * 365 * DAY;
  const backlogEvery = history > 0 ? Math.max(1, Math.floor(history / ((OLD_EXPLAINED + OLD_OPEN) * estates))) : 0;
  const BATCH = 20_000;
  for (let from = 0; from < size; from += BATCH) {
    db.transaction(() => {
      for (let k = from; k < Math.min(size, from + BATCH); k++) {
        const id = k + 1;
        // History first, evenly over the years, then the recent weeks: ids follow creation time.
        const isHistory = k < history;
        const created = isHistory
          ? historyStart + ((recentStart - historyStart) * k) / history + rand() * HOUR
          : recentStart + ((AS_OF.getTime() - recentStart) * (k - history)) / recent;
        const ageDays = (AS_OF.getTime() - created) / DAY;
        let status = statusFor(rand, ageDays);
        if (isHistory && backlogEvery > 0 && k % backlogEvery === 0) {
          const slot = k / backlogEvery;
          if (slot < OLD_EXPLAINED * estates) status = 'explained';
          else if (slot < (OLD_EXPLAINED + OLD_OPEN) * estates) status = 'open';
        }
        const category = pick(rand, CATEGORIES);
        const n = (counters.get(category) ?? 0) + 1;
        counters.set(category, n);
        const urgent = rand() < 0.05;
        const summary = pick(rand, SUMMARIES[category]!);
        const responded = status !== 'open' && status !== 'duplicate';
        const firstResponse = responded ? created + (1 + rand() * 30) * HOUR : null;
        const resolved = status === 'resolved' || status === 'closed' ? created + (1 + rand() * 9) * DAY : null;
        const closed = status === 'closed' ? resolved! + 3 * DAY : null;
        const explained = status === 'explained' ? created + 2 * DAY : null;
        const reopened = rand() < 0.05 ? 1 : 0;
        const last = Math.min(
          AS_OF.getTime() - HOUR,
          Math.max(created, firstResponse ?? 0, resolved ?? 0, closed ?? 0, explained ?? 0),
        );
        tickets.add([
          id,
          1 + (k % estates),
          formatReference(category, n),
          category,
          urgent ? 'urgent' : 'normal',
          status,
          summary,
          `${summary}，请尽快处理`,
          String(1 + Math.floor(rand() * 40)),
          `${1 + Math.floor(rand() * 6)}单元`,
          rand() < 0.2 ? pick(rand, SPOTS) : null,
          null,
          'zh-CN',
          'offline',
          0.5 + rand() / 2,
          status === 'duplicate' && id > 1 ? Math.max(1, id - 1 - Math.floor(rand() * 50)) : null,
          reopened,
          explained ? '需要业主大会表决维修资金' : null,
          explained ? '下季度申请维修资金后更换' : null,
          iso(created),
          iso(last),
          firstResponse && iso(Math.min(firstResponse, last)),
          resolved && iso(Math.min(resolved, last)),
          closed && iso(Math.min(closed, last)),
          iso(created + (urgent ? 1 : 4) * HOUR),
          iso(created + (urgent ? 1 : 3) * DAY),
        ]);
        events.add([id, 'created', 'resident', null, '{}', iso(created)]);
        if (firstResponse) events.add([id, 'acknowledged', 'staff', null, '{}', iso(Math.min(firstResponse, last))]);
        if (resolved) events.add([id, 'resolved', 'staff', null, '{}', iso(Math.min(resolved, last))]);
        if (reopened && resolved)
          events.add([id, 'reopened', 'resident', null, '{}', iso(Math.min(resolved + DAY, last))]);
        if (closed) events.add([id, 'closed', 'staff', null, '{}', iso(Math.min(closed, last))]);
        if (explained)
          events.add([
            id,
            'explained',
            'staff',
            null,
            '{"reason":"需要业主大会表决维修资金","plan":"下季度申请维修资金后更换"}',
            iso(Math.min(explained, last)),
          ]);
        const original = 1 + Math.floor(rand() * residentsCount);
        const answered = resolved !== null && rand() < 0.5 ? Math.min(resolved + DAY, last) : null;
        reporters.add([
          id,
          original,
          1,
          answered && (rand() < 0.8 ? 'yes' : 'no'),
          answered && 1 + Math.floor(rand() * 5),
          answered && iso(answered),
          iso(created),
        ]);
        if (rand() < 0.15) {
          const co = 1 + Math.floor(rand() * 3);
          for (let c = 1; c <= co; c++) {
            const resident = 1 + ((original + c * 7919) % residentsCount);
            reporters.add([id, resident, 0, null, null, null, iso(created + c * HOUR)]);
          }
        }
      }
      tickets.flush();
      events.flush();
      reporters.flush();
    })();
  }
  db.transaction(() => {
    const upsert = db.prepare(
      'insert into counters (name, value) values (?, ?) on conflict (name) do update set value = excluded.value',
    );
    for (const [category, n] of counters) upsert.run(`ticket:${category}`, n);
  })();
  for (const index of indexes) db.exec(index.sql);
  db.exec('analyze');
  db.pragma('journal_mode = WAL');
  db.close();

  // The previous meeting: last week's agenda, compiled by the real code, with a decision on each of its first items.
  if (estates > 1) return;
  const kept = openStore({ kind: 'sqlite', url: `sqlite:${file}`, file });
  try {
    const deps = agendaDeps(kept);
    const previousWeek = shiftWeek(agendaWeekAt(AS_OF, TIME_ZONE), -1);
    const previousAsOf = new Date(AS_OF.getTime() - 7 * DAY);
    const agenda = await compileAgenda(deps, previousWeek, previousAsOf);
    const { stored } = await new KyselyAgendaStore(kept.db).insertOnce(agenda, `bench${size}`, previousAsOf);
    const items = await kept.db
      .selectFrom('agenda_items')
      .select(['id'])
      .where('agenda_id', '=', stored.id)
      .orderBy('rank')
      .limit(5)
      .execute();
    for (const item of items) {
      await kept.db
        .insertInto('agenda_decisions')
        .values({
          agenda_item_id: item.id,
          decision: '物业两周内维修',
          lead_party: 'property',
          due_date: '2026-11-30',
          decided_at: previousAsOf.toISOString(),
          decided_by: 'bench',
        })
        .execute();
    }
  } finally {
    await kept.close();
  }
}

function agendaDeps(store: Store): AgendaDeps {
  return {
    unitOfWork: new KyselyUnitOfWork(store.db),
    config: {
      timezone: TIME_ZONE,
      communityName: '基准小区',
      defaultLocale: 'zh-CN',
      publicUrl: undefined,
      dataDir: join(DIR, 'data'),
      agendaCron: '0 9 * * 1',
    },
  };
}

/** The kept database of `size` tickets, generated first if missing. */
export async function databaseOf(
  size: number,
  log: (line: string) => void,
  /** Where it is kept (another bench keeps its own copy, so neither migrates the other's). */
  dir = DIR,
  estates = 1,
): Promise<{ file: string; generatedSeconds?: number }> {
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    estates === 1
      ? `agenda-${GENERATOR_VERSION}-${size}.db`
      : `street-${GENERATOR_VERSION}-${estates}x${size / estates}.db`,
  );
  if (existsSync(file)) return { file };
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const started = performance.now();
  log(`# generating ${size} tickets${estates > 1 ? ` in ${estates} estates` : ''} into ${file}`);
  await generate(partial, size, estates);
  for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
  renameSync(partial, file);
  return { file, generatedSeconds: (performance.now() - started) / 1000 };
}

function label(size: number): string {
  return size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1000}k`;
}

/**
 * Compile time of one week's agenda (load the week from the database, compile, write the narrative)
 * for each size: the median of `runs` compilations after one warm-up. Prints
 * `agenda_ratio_<largest>_over_10k`; it must stay at most 2.
 */
export async function runAgendaBench(
  options: { quick?: boolean; log?: (line: string) => void } = {},
): Promise<string[]> {
  const log = options.log ?? ((line: string) => console.error(line));
  const oneMillion = join(DIR, `agenda-${GENERATOR_VERSION}-1000000.db`);
  // A quick run measures 1 M only when a previous full run left its database.
  const sizes = options.quick && !existsSync(oneMillion) ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const runs = options.quick ? 3 : 7;
  const week = agendaWeekAt(AS_OF, TIME_ZONE);
  const lines: string[] = [];
  const medians = new Map<number, number>();
  for (const size of sizes) {
    const { file, generatedSeconds } = await databaseOf(size, log);
    if (generatedSeconds !== undefined) lines.push(`agenda_generate_${label(size)} ${generatedSeconds.toFixed(1)} s`);
    const store = openStore({ kind: 'sqlite', url: `sqlite:${file}`, file });
    try {
      await migrateToLatest(store);
      const deps = agendaDeps(store);
      const agenda = await compileAgenda(deps, week, AS_OF);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await compileAgenda(deps, week, AS_OF);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      medians.set(size, median);
      lines.push(
        `agenda_compile_${label(size)} ${median.toFixed(1)} ms # week ${week}: ${agenda.figures.thisWeek.new} new, ${agenda.items.length} items, ${agenda.followUps.length} follow-ups`,
      );
    } finally {
      await store.close();
    }
  }
  const largest = sizes[sizes.length - 1]!;
  lines.push(`agenda_ratio_${label(largest)}_over_10k ${(medians.get(largest)! / medians.get(10_000)!).toFixed(2)} x`);
  return lines;
}

/** Estates in the street bench, and tickets in each. */
export const STREET_ESTATES = 50;
export const TICKETS_PER_ESTATE = 20_000;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Several estates in one install: 50 estates of 20 k tickets each (1 M in all), every estate with the
 * recent weeks and backlog of the single-estate databases. Prints the street digest's compile time
 * (load the street's week, compile; target ≤ 1 s) next to the single-estate agenda's of the same run
 * (`singleEstateMs`, the median of agenda_compile_10k).
 */
export async function runStreetBench(
  options: { quick?: boolean; log?: (line: string) => void; singleEstateMs?: number } = {},
): Promise<string[]> {
  const log = options.log ?? ((line: string) => console.error(line));
  const size = STREET_ESTATES * TICKETS_PER_ESTATE;
  const runs = options.quick ? 3 : 7;
  const week = agendaWeekAt(AS_OF, TIME_ZONE);
  const lines: string[] = [];
  const { file, generatedSeconds } = await databaseOf(size, log, DIR, STREET_ESTATES);
  if (generatedSeconds !== undefined)
    lines.push(`street_generate_${STREET_ESTATES}x${label(TICKETS_PER_ESTATE)} ${generatedSeconds.toFixed(1)} s`);
  const store = openStore({ kind: 'sqlite', url: `sqlite:${file}`, file });
  try {
    await migrateToLatest(store);
    const deps = { ...agendaDeps(store), unitOfWork: new KyselyUnitOfWork(store.db) };
    const digest = (await compileStreet(deps, STREET, week, AS_OF))!;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await compileStreet(deps, STREET, week, AS_OF);
      times.push(performance.now() - started);
    }
    const street = median(times);
    lines.push(
      `street_digest_compile_${STREET_ESTATES}_estates ${street.toFixed(1)} ms # target ≤ 1000 ms; week ${week}: ${digest.estates.length} estates, ${digest.total.thisWeek.new} new, ${digest.escalated.length} escalated`,
    );
    // One estate's agenda in the street's install: its 20 k tickets among 1 M.
    const estate = (await agendaEstates(deps)).find((e) => e.code === 'bench-25')!;
    const agenda = await compileAgenda(deps, week, AS_OF, estate);
    const agendaTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await compileAgenda(deps, week, AS_OF, estate);
      agendaTimes.push(performance.now() - started);
    }
    const perEstate = median(agendaTimes);
    lines.push(
      `agenda_compile_one_of_${STREET_ESTATES}_estates ${perEstate.toFixed(1)} ms # ${estate.code}: ${agenda.figures.thisWeek.new} new, ${agenda.items.length} items`,
    );
    if (options.singleEstateMs !== undefined) {
      lines.push(
        `agenda_single_estate_compile ${options.singleEstateMs.toFixed(1)} ms # agenda_compile_10k of this run`,
      );
      lines.push(
        `agenda_ratio_per_estate_over_single ${(perEstate / options.singleEstateMs).toFixed(2)} x # target ≤ 2`,
      );
    }
  } finally {
    await store.close();
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lines = await runAgendaBench({ quick: process.argv.includes('--quick') });
  for (const line of lines) console.log(line);
  const single = lines.find((l) => l.startsWith('agenda_compile_10k '));
  for (const line of await runStreetBench({
    quick: process.argv.includes('--quick'),
    ...(single && { singleEstateMs: Number(single.split(' ')[1]) }),
  }))
    console.log(line);
}
