import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadOfflineClassifier } from '../src/classify/offline-classifier.ts';
import { loadConfig } from '../src/config.ts';
import type { Core } from '../src/turn/core.ts';
import { createInboxProcessor } from '../src/inbox/inbox-processor.ts';
import { saveIncoming } from '../src/inbox/save-incoming.ts';
import { openStore } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { KyselyUnitOfWork } from '../src/store/unit-of-work.ts';
import { freshBenchSchema } from './postgres-schema.ts';

const CORPUS = fileURLToPath(new URL('../corpus/heldout/', import.meta.url));

/** Complaint texts from the held-out corpus (non-complaints left out), each given a building. */
export function complaintTexts(): string[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.tsv') && !f.startsWith('not-complaint'))
    .flatMap((f) => readFileSync(join(CORPUS, f), 'utf8').split('\n').slice(1))
    .map((line) => line.slice(line.indexOf('\t') + 1).trim())
    .filter((t) => t !== '')
    .map((t, i) => `${(i % 30) + 1}号楼 ${t}`);
}

/**
 * The inbox worker alone: N complaints already saved in the inbox (one chat each) are handled —
 * classify, place, duplicate match, ticket, receipt and staff card in the outbox — by the worker
 * running as in the service (its own loop, default concurrency), from its start until the last item
 * is done. PostgreSQL runs in the bench's own schema, created fresh. Reports complaints handled per
 * second.
 */
export async function runWorkerBench(options: {
  quick?: boolean;
  databaseUrl?: string;
  label: string;
}): Promise<string[]> {
  const n = options.quick ? 300 : 2000;
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-'));
  const url =
    options.databaseUrl === undefined ? `sqlite:${join(dir, 'bench.db')}` : await freshBenchSchema(options.databaseUrl);
  const config = loadConfig({ DATABASE_URL: url, LOG_FORMAT: 'json' });
  const store = openStore(config.database);
  try {
    await migrateToLatest(store);
    const core: Core = {
      unitOfWork: new KyselyUnitOfWork(store.db),
      classifier: await loadOfflineClassifier(),
      config,
      now: () => new Date(),
      log: pino({ level: 'silent' }),
    };
    const texts = complaintTexts();
    for (let i = 0; i < n; i++) {
      await saveIncoming(core.unitOfWork, {
        platform: 'bench',
        eventId: `w${i}`,
        kind: 'message',
        chat: { id: `c${i}`, type: 'private' },
        sender: { id: `u${i}` },
        text: texts[i % texts.length]!,
        occurredAt: new Date().toISOString(),
      });
    }
    const worker = createInboxProcessor(core);
    const handled = async (): Promise<number> =>
      Number(
        (
          await store.db
            .selectFrom('inbox')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', 'in', ['done', 'failed'])
            .executeTakeFirstOrThrow()
        ).n,
      );
    const started = performance.now();
    worker.start();
    const deadline = Date.now() + 300_000;
    let done = 0;
    while ((done = await handled()) < n && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    const tickets = Number(
      (
        await store.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    return [
      `worker_${options.label}_complaints_per_s ${(done / seconds).toFixed(0)} complaints/s # ${done}/${n} handled, ${tickets} tickets`,
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
