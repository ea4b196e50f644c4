import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadOfflineClassifier } from '../src/classify/offline-classifier.ts';
import { loadConfig } from '../src/config.ts';
import type { Core } from '../src/intake/core.ts';
import { createInboxProcessor } from '../src/intake/inbox-processor.ts';
import { saveIncoming } from '../src/intake/save-incoming.ts';
import { openStore } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';

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
 * classify, place, duplicate match, ticket, receipt and staff card in the outbox — by the worker with
 * its default concurrency. Reports complaints handled per second.
 */
export async function runWorkerBench(options: { quick?: boolean; databaseUrl?: string; label: string }): Promise<string[]> {
  const n = options.quick ? 300 : 2000;
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-'));
  const url = options.databaseUrl ?? `sqlite:${join(dir, 'bench.db')}`;
  const config = loadConfig({ DATABASE_URL: url, LOG_FORMAT: 'json' });
  const store = openStore(config.database);
  try {
    await migrateToLatest(store);
    if (store.dialect === 'postgres') {
      for (const table of ['ticket_events', 'ticket_reporters', 'attachments', 'outbox', 'conversations', 'tickets', 'inbox', 'resident_identities', 'residents', 'counters']) {
        await store.db.deleteFrom(table as 'inbox').execute();
      }
    }
    const core: Core = { db: store.db, classifier: await loadOfflineClassifier(), config, now: () => new Date(), log: pino({ level: 'silent' }) };
    const texts = complaintTexts();
    for (let i = 0; i < n; i++) {
      await saveIncoming(store.db, {
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
    const started = performance.now();
    await worker.drain(100_000);
    const seconds = (performance.now() - started) / 1000;
    const handled = await store.db.selectFrom('inbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'done').executeTakeFirstOrThrow();
    return [`worker_${options.label}_complaints_per_s ${(Number(handled.n) / seconds).toFixed(0)} complaints/s`];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
