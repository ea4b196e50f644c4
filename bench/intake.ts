import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { parseDatabaseUrl } from '../src/config.ts';
import { openStore, type Store } from '../src/store/database.ts';
import { FakeLineApi } from '../test/servers/line-api.ts';
import { FakeTelegramApi } from '../test/servers/telegram-api.ts';
import { cpuMs, memoryOf, startChild, type ChildServer } from './child.ts';
import { runLoad, type LoadRequest, type LoadResult } from './load.ts';
import { freshBenchSchema } from './postgres-schema.ts';
import { complaintTexts } from './worker.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TOKEN = '123456:bench-token-abcdefghijk';
const WEBHOOK_SECRET = 'bench_webhook_secret';
const LINE_SECRET = 'bench-line-channel-secret';
const LINE_ACCESS_TOKEN = 'bench-line-access-token';

/**
 * The webhook posts of one run: every other one a Telegram update (with its secret token header),
 * the others a LINE body of one event (signed over its bytes). Each comes from a resident of its own,
 * in a private chat, with a complaint naming a building: each should become a ticket (new, or joined
 * as a co-reporter) with a receipt.
 */
function webhookPosts(n: number, line: FakeLineApi | undefined): LoadRequest[] {
  const texts = complaintTexts();
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: n }, (_, i): LoadRequest => {
    const text = texts[i % texts.length]!;
    if (i % 2 === 0) {
      const update = {
        update_id: 1_000_000 + i,
        message: {
          message_id: 1 + i,
          date: now,
          chat: { id: 500_000_000 + i, type: 'private' },
          from: { id: 500_000_000 + i, is_bot: false, first_name: '居民', language_code: 'zh-hans' },
          text,
        },
      };
      return {
        path: '/webhooks/telegram',
        headers: { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
        body: Buffer.from(JSON.stringify(update)),
      };
    }
    const userId = `U${randomBytes(16).toString('hex')}`;
    const body = Buffer.from(
      JSON.stringify({
        destination: 'Ubench',
        events: [
          {
            type: 'message',
            mode: 'active',
            timestamp: now * 1000,
            source: { type: 'user', userId },
            webhookEventId: `01BENCH${String(i).padStart(19, '0')}`,
            deliveryContext: { isRedelivery: false },
            replyToken: line ? line.issueReplyToken(userId) : randomBytes(16).toString('hex'),
            message: {
              type: 'text',
              id: String(700_000_000_000 + i),
              quoteToken: randomBytes(8).toString('hex'),
              text,
            },
          },
        ],
      }),
    );
    const signature = createHmac('sha256', LINE_SECRET).update(body).digest('base64');
    return { path: '/webhooks/line', headers: { 'x-line-signature': signature }, body };
  });
}

/** A warm-up post: the same request under another update id / webhook event id (and re-signed). */
function rename(post: LoadRequest, i: number): LoadRequest {
  const body = JSON.parse(post.body.toString('utf8')) as {
    update_id?: number;
    events?: Array<{ webhookEventId: string }>;
  };
  if (body.update_id !== undefined) body.update_id = 9_000_000 + i;
  if (body.events) body.events[0]!.webhookEventId = `01WARM${String(i).padStart(20, '0')}`;
  const bytes = Buffer.from(JSON.stringify(body));
  if (post.path !== '/webhooks/line') return { ...post, body: bytes };
  return {
    ...post,
    body: bytes,
    headers: { 'x-line-signature': createHmac('sha256', LINE_SECRET).update(bytes).digest('base64') },
  };
}

async function count(store: Store, query: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`${sql.raw(query)}`.execute(store.db);
  return Number(rows[0]?.n ?? 0);
}

/** A fresh database of the kind `databaseUrl` names: a new SQLite file, or the bench's PostgreSQL schema recreated. */
async function freshDatabase(dir: string, name: string, databaseUrl: string | undefined): Promise<string> {
  return databaseUrl === undefined ? `sqlite:${join(dir, `${name}.db`)}` : freshBenchSchema(databaseUrl);
}

/** Runs a load on a child and reads the CPU time the child spent meanwhile (what it took to answer, and whatever else it did then). */
async function measuredLoad(
  child: ChildServer,
  posts: readonly LoadRequest[],
  concurrency: number,
): Promise<LoadResult & { cpuMs: number }> {
  const before = cpuMs(child.pid);
  const result = await runLoad(child.url, posts, concurrency);
  return { ...result, cpuMs: cpuMs(child.pid) - before };
}

function loadLines(prefix: string, result: LoadResult & { cpuMs: number }): string[] {
  const failures = Object.entries(result.failed)
    .map(([status, n]) => `${status}:${n}`)
    .join(',');
  return [
    `${prefix}_requests ${result.requests} req`,
    `${prefix}_accepted_per_s ${result.perSecond.toFixed(0)} req/s`,
    `${prefix}_p50 ${result.p50Ms.toFixed(2)} ms`,
    `${prefix}_p99 ${result.p99Ms.toFixed(2)} ms`,
    `${prefix}_cpu_per_request ${((result.cpuMs * 1000) / result.requests).toFixed(0)} µs # the server's CPU time (user + system) during the load over its requests; a busy machine inflates it less than it lowers the rate`,
    ...(failures === '' ? [] : [`${prefix}_failed ${result.requests - result.ok} req # ${failures}`]),
  ];
}

/**
 * Intake over HTTP on one database kind (SQLite, or PostgreSQL when `databaseUrl` is given). First the
 * baseline — a bare `http` server inserting one row per request — then `linli serve` with Telegram in
 * webhook mode and LINE on, their platform APIs faked locally; each a child process on a fresh
 * database, each given the same posts at the same concurrency. Reports the webhook answers per second
 * with p50/p99, the ratio Linli/baseline, the rate at which the accepted updates became handled inbox
 * rows with a ticket and a receipt in the outbox (polled from the database), and the service's memory
 * idle and under the load.
 */
export async function runIntakeBench(options: {
  quick?: boolean;
  label: string;
  databaseUrl?: string;
  concurrency?: number;
}): Promise<string[]> {
  const n = options.quick ? 1000 : 6000;
  const concurrency = options.concurrency ?? 32;
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-intake-'));
  const p = `intake_${options.label}`;
  const lines: string[] = [];
  const telegram = await FakeTelegramApi.start(TOKEN);
  const line = await FakeLineApi.start({ channelAccessToken: LINE_ACCESS_TOKEN });
  let child: ChildServer | undefined;
  let store: Store | undefined;
  try {
    // Baseline: its row on the disk before it answers, as Linli's inbox row is (see bench/baseline-server.ts).
    const runBaseline = async (name: string, env: Record<string, string>) => {
      child = await startChild(
        ['--import', 'tsx', join(ROOT, 'bench/baseline-server.ts')],
        { BASELINE_DATABASE_URL: await freshDatabase(dir, name, options.databaseUrl), ...env },
        { logFile: join(dir, `${name}.log`), healthPath: '/' },
      );
      await runLoad(child.url, webhookPosts(Math.min(200, n), undefined), concurrency);
      const result = await measuredLoad(child, webhookPosts(n, undefined), concurrency);
      await child.stop();
      child = undefined;
      return result;
    };
    const baseline = await runBaseline('baseline', {});
    lines.push(...loadLines(`${p}_baseline`, baseline));
    // …and on SQLite the baseline of the benches before the inbox synced its commits, for comparison.
    const unsynced =
      options.databaseUrl === undefined
        ? await runBaseline('unsynced', { BASELINE_SQLITE_SYNCHRONOUS: 'NORMAL' })
        : undefined;
    if (unsynced) lines.push(...loadLines(`${p}_baseline_unsynced`, unsynced));

    // Linli.
    const databaseUrl = await freshDatabase(dir, 'linli', options.databaseUrl);
    child = await startChild(
      [
        ...(process.env.BENCH_SERVICE_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []),
        join(ROOT, 'bin/linli.js'),
        'serve',
      ],
      {
        DATABASE_URL: databaseUrl,
        DATA_DIR: join(dir, 'data'),
        LOG_FORMAT: 'json',
        CLASSIFIER: 'offline',
        PUBLIC_URL: 'http://127.0.0.1',
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
        TELEGRAM_API_ROOT: telegram.url,
        LINE_CHANNEL_SECRET: LINE_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: LINE_ACCESS_TOKEN,
        LINE_API_BASE_URL: line.apiBaseUrl,
        LINE_DATA_API_BASE_URL: line.dataApiBaseUrl,
      },
      { logFile: join(dir, 'linli.log'), healthPath: '/healthz' },
    );
    await telegram.waitFor('setWebhook');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = memoryOf(child.pid);
    store = openStore(parseDatabaseUrl(databaseUrl));

    // Warm up as the baseline was (its own updates, which are handled like the rest), then measure.
    const warmUp = webhookPosts(Math.min(200, n), line).map((post, i) => rename(post, i));
    const warmed = await runLoad(child.url, warmUp, concurrency);
    // The warm-up is over when its updates are handled and their receipts sent: the baseline leaves no
    // work behind its warm-up, and receipts still going out would be counted against the measured load.
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      if (
        (await count(store, `select count(*) as n from inbox where status in ('done', 'failed')`)) >= warmed.ok &&
        (await count(store, `select count(*) as n from outbox where status = 'pending'`)) === 0
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const posts = webhookPosts(n, line);
    const started = performance.now();
    const result = await measuredLoad(child, posts, concurrency);
    const loadPeak = memoryOf(child.pid);
    lines.push(
      ...loadLines(p, result),
      `${p}_ratio_to_baseline ${(result.perSecond / baseline.perSecond).toFixed(2)} x`,
      ...(unsynced
        ? [
            `${p}_ratio_to_unsynced_baseline ${(result.perSecond / unsynced.perSecond).toFixed(2)} x # a baseline whose commits a power cut could take back (synchronous=NORMAL), as before the inbox synced its own`,
          ]
        : []),
    );

    // Handled: every accepted update a done inbox row (its ticket and receipt are written in the same transaction).
    const deadline = Date.now() + (options.quick ? 60_000 : 300_000);
    let done = 0;
    for (;;) {
      done = (await count(store, `select count(*) as n from inbox where status in ('done', 'failed')`)) - warmed.ok;
      if (done >= result.ok || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const handledSeconds = (performance.now() - started) / 1000;
    const peak = memoryOf(child.pid);
    const failed = await count(store, `select count(*) as n from inbox where status = 'failed'`);
    const reporters = await count(store, 'select count(*) as n from ticket_reporters');
    const tickets = await count(store, 'select count(*) as n from tickets');
    const receipts = await count(
      store,
      `select count(*) as n from outbox where ticket_id is not null and chat_id not like '-%'`,
    );
    lines.push(
      `${p}_handled_per_s ${(done / handledSeconds).toFixed(0)} updates/s # ${done}/${result.ok} accepted updates handled in ${handledSeconds.toFixed(1)} s${failed > 0 ? `, ${failed} failed` : ''}`,
      `${p}_tickets ${tickets} tickets # ${reporters} reporters (new tickets and co-reporters of duplicates), ${receipts} receipts in the outbox, warm-up included`,
      `memory_${options.label}_idle_rss ${idle.rssMiB.toFixed(0)} MiB`,
      `memory_${options.label}_idle_peak ${idle.peakMiB.toFixed(0)} MiB # VmHWM after start-up (reading the classifier's model file included; it is not trained)`,
      `memory_${options.label}_load_peak ${Math.max(loadPeak.peakMiB, peak.peakMiB).toFixed(0)} MiB # VmHWM after the load and its handling`,
    );
    return lines;
  } finally {
    await store?.close();
    await child?.stop();
    await telegram.close();
    await line.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  for (const l of await runIntakeBench({ quick, label: 'sqlite' })) console.log(l);
  const postgres = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (postgres)
    for (const l of await runIntakeBench({ quick, label: 'postgres', databaseUrl: postgres })) console.log(l);
}
