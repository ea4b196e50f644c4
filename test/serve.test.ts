import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/database.ts';
import { KyselyOutboxStore } from '../src/store/outbox-store.ts';
import { completeItem } from '../src/store/work-queue.ts';
import { startCli } from './support/run-cli.ts';

/** Resolves with `promise`, or fails saying what did not happen (with the service's log) after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string, log: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not happen within ${ms} ms; the service said:\n${log()}`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function logLines(stderr: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The value of one sample in Prometheus text format, e.g. `linli_queue_items{queue="outbox",status="pending"}`. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('linli serve', () => {
  let dir: string;
  let file: string;
  let service: ReturnType<typeof startCli>;
  let baseUrl: string;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'linli-serve-'));
    file = join(dir, 'state', 'linli.db');
    service = startCli(['serve'], { cwd: dir, env: { DATABASE_URL: `sqlite:${file}`, PORT: '0', HOST: '127.0.0.1' } });
    const listening = new Promise<number>((resolve, reject) => {
      const onData = () => {
        const line = logLines(service.output.stderr).find(
          (l) => typeof l.msg === 'string' && l.msg.startsWith('Linli is listening'),
        );
        if (line) {
          service.stderr!.off('data', onData);
          resolve(line.port as number);
        }
      };
      service.stderr!.on('data', onData);
      void service.exited.then(({ code }) =>
        reject(new Error(`linli serve exited with ${code} before listening:\n${service.output.stderr}`)),
      );
    });
    const port = await within(listening, 20_000, 'listening', () => service.output.stderr);
    baseUrl = `http://127.0.0.1:${port}`;
    store = openStore({ kind: 'sqlite', url: `sqlite:${file}`, file });
  });

  afterAll(async () => {
    await store?.close();
    if (service.exitCode === null && service.signalCode === null) {
      service.kill('SIGKILL');
      await service.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /healthz with 200 while the database answers', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok\n');
  });

  it('serves Prometheus metrics with the queue depths', async () => {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    expect(body).toContain('# TYPE linli_queue_items gauge');
    expect(body).toContain('# TYPE linli_tickets_created_total counter');
    expect(body).toMatch(/^linli_process_cpu_user_seconds_total \d/m);
  });

  it('reports the current queue depth, not a stale one, as items are sent', async () => {
    const outbox = new KyselyOutboxStore(store.db);
    // A chat no sender serves, so the service leaves the message pending.
    await outbox.enqueue({ platform: 'nowhere', chatId: 'c1', message: { text: 'hello' } }, new Date());
    const [item] = await outbox.forChat('nowhere', 'c1');
    const before = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(sample(before, 'linli_queue_items{queue="outbox",status="pending"}')).toBe(1);
    await completeItem(store.db, 'outbox', item!.id, new Date());
    const after = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(sample(after, 'linli_queue_items{queue="outbox",status="sent"}')).toBe(1);
    expect(sample(after, 'linli_queue_items{queue="outbox",status="pending"}')).toBe(0);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    expect((await fetch(`${baseUrl}/nope`)).status).toBe(404);
    const post = await fetch(`${baseUrl}/healthz`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('says at start-up that Telegram and LINE are off and how to turn them on', () => {
    const messages = logLines(service.output.stderr).map((l) => String(l.msg));
    expect(messages.some((m) => m.includes('Telegram is off') && m.includes('TELEGRAM_BOT_TOKEN'))).toBe(true);
    expect(messages.some((m) => m.includes('LINE is off') && m.includes('LINE_CHANNEL_SECRET'))).toBe(true);
  });

  it('stops on SIGTERM with exit code 0, leaving the SQLite file where it was configured', async () => {
    service.kill('SIGTERM');
    const { code, signal } = await within(service.exited, 10_000, 'exit after SIGTERM', () => service.output.stderr);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(existsSync(file)).toBe(true);
    const messages = logLines(service.output.stderr).map((l) => String(l.msg));
    expect(messages).toContain('stopped');
  });
});

describe('linli serve start-up checks', () => {
  it('exits 3 naming DATA_DIR, before touching the database, when DATA_DIR cannot be created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-serve-'));
    try {
      // Tests run as root, so permissions would not stop us: nothing can be created under a regular file.
      const file = join(dir, 'not-a-directory');
      writeFileSync(file, '');
      const database = join(dir, 'db', 'linli.db');
      const service = startCli(['serve'], {
        cwd: dir,
        env: { DATABASE_URL: `sqlite:${database}`, DATA_DIR: join(file, 'data'), PORT: '0', HOST: '127.0.0.1' },
      });
      const exited = await within(service.exited, 15_000, 'exit', () => service.output.stderr).finally(() => {
        if (service.exitCode === null && service.signalCode === null) service.kill('SIGKILL');
      });
      expect(exited.code).toBe(3);
      expect(service.output.stderr).toContain(
        `configuration error: DATA_DIR: cannot create or write the directory ${join(file, 'data')}`,
      );
      expect(service.output.stderr).toContain('point DATA_DIR at a directory');
      expect(existsSync(database)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
