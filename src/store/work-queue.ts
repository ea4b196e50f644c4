import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

/**
 * The inbox and the outbox are both work queues with the same columns (status, attempts,
 * next_attempt_at, locked_until, last_error, lane) and the same rule: items of one chat and lane are
 * handled in id order, items of different chats or lanes in parallel, and an item is leased before it is worked on so two
 * workers (or two instances on PostgreSQL) never take the same one.
 */
export type QueueTable = 'inbox' | 'outbox';

export interface QueueItemRef {
  id: number;
  platform: string;
  chat_id: string;
  attempts: number;
}

/**
 * Leases up to `limit` due items, at most one per chat and lane, each the oldest pending item of its
 * chat and lane.
 * Returns the ids leased; the lease lasts `leaseMs` (a crashed worker's items come back after it).
 */
export async function leaseDue(
  db: Kysely<Database>,
  table: QueueTable,
  now: Date,
  options: { limit: number; leaseMs: number; platforms?: readonly string[]; chatIds?: readonly string[] },
): Promise<QueueItemRef[]> {
  const at = toDbTime(now);
  // Typed against `inbox`; the outbox has the same queue columns.
  const t = table as 'inbox';
  let candidates = db
    .selectFrom(`${t} as q`)
    .select(['q.id', 'q.platform', 'q.chat_id', 'q.attempts'])
    .where('q.status', '=', 'pending')
    .where('q.next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('q.locked_until', 'is', null), eb('q.locked_until', '<', at)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom(`${t} as earlier`)
            .select(sql`1`.as('one'))
            .whereRef('earlier.platform', '=', 'q.platform')
            .whereRef('earlier.chat_id', '=', 'q.chat_id')
            .whereRef('earlier.lane', '=', 'q.lane')
            .whereRef('earlier.id', '<', 'q.id')
            .where('earlier.status', '=', 'pending'),
        ),
      ),
    );
  if (options.platforms !== undefined) {
    if (options.platforms.length === 0) return [];
    candidates = candidates.where('q.platform', 'in', [...options.platforms]);
  }
  if (options.chatIds !== undefined) {
    if (options.chatIds.length === 0) return [];
    candidates = candidates.where('q.chat_id', 'in', [...options.chatIds]);
  }
  const rows = await candidates.orderBy('q.id').limit(options.limit).execute();
  const leased: QueueItemRef[] = [];
  const until = toDbTime(new Date(now.getTime() + options.leaseMs));
  for (const row of rows) {
    const result = await db
      .updateTable(t)
      .set({ locked_until: until })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) leased.push(row);
  }
  return leased;
}

/**
 * Marks a pending item finished (`done` for the inbox, `sent` for the outbox). Returns false when it
 * was not pending any more: another worker finished it first.
 */
export async function completeItem(db: Kysely<Database>, table: QueueTable, id: number, now: Date): Promise<boolean> {
  const t = table as 'inbox';
  const status = table === 'inbox' ? 'done' : 'sent';
  const stampColumn = table === 'inbox' ? 'handled_at' : 'sent_at';
  const result = await db
    .updateTable(t)
    .set({ status, locked_until: null, last_error: null, [stampColumn]: toDbTime(now) } as { status: string })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records a failed attempt: retried at `retryAt`, or with `retryAt` undefined kept as `failed` for good
 * (never deleted, visible to operators).
 */
export async function failItem(db: Kysely<Database>, table: QueueTable, id: number, error: string, retryAt: Date | undefined): Promise<void> {
  const t = table as 'inbox';
  await db
    .updateTable(t)
    .set({
      status: retryAt === undefined ? 'failed' : 'pending',
      attempts: sql`attempts + 1`,
      next_attempt_at: retryAt === undefined ? sql`next_attempt_at` : toDbTime(retryAt),
      locked_until: null,
      last_error: error.slice(0, 2000),
    })
    .where('id', '=', id)
    .execute();
}

/** Exponential back-off with jitter: 1 s, 2 s, 4 s … capped at `maxMs`. */
export function backoff(attempt: number, maxMs = 5 * 60_000): number {
  const base = Math.min(maxMs, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Counts items by status, for /metrics and `linli status`. */
export async function countByStatus(db: Kysely<Database>, table: QueueTable): Promise<Record<string, number>> {
  const t = table as 'inbox';
  const rows = await db.selectFrom(t).select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
