import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';
import type { LeaseRequest, QueueItemRef, WorkQueue } from '../work-queue.ts';

export type QueueTable = 'inbox' | 'outbox';

/** The outbox lanes leased before the routine `chat` lane (see `laneOf` in outbox-store.ts). */
const AHEAD_LANES = ['answer', 'urgent', 'reply'];

export type { QueueItemRef } from '../work-queue.ts';

/**
 * Leases up to `limit` due items, at most one per chat and lane, each the oldest pending item of its
 * chat and lane, to `holder` (see `src/lease-holder.ts`).
 * Returns the ids leased; the lease lasts `leaseMs` unless renewed (a crashed worker's items come
 * back after it, or at once through {@link releaseLeasesOf}).
 */
export async function leaseDue(
  db: Kysely<Database>,
  table: QueueTable,
  now: Date,
  options: LeaseRequest,
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
  // The outbox's button answers, urgent alerts and answers to staff go first across chats too: in a burst
  // of residents' reports an urgent alert must not wait behind every receipt queued before it (the
  // dispatcher then sends one message at a time). Read through the index of pending items by lane
  // (migration 20261229100000), then the rest in id order.
  const ahead =
    table === 'outbox'
      ? // Few, and unordered in SQL so that the planner seeks them by lane rather than walking pending ids.
        (await candidates.where('q.lane', 'in', AHEAD_LANES).execute())
          .sort((a, b) => a.id - b.id)
          .slice(0, options.limit)
      : [];
  const others =
    ahead.length > 0
      ? candidates.where(
          'q.id',
          'not in',
          ahead.map((r) => r.id),
        )
      : candidates;
  const rest =
    ahead.length < options.limit
      ? await others
          .orderBy('q.id')
          .limit(options.limit - ahead.length)
          .execute()
      : [];
  const rows = [...ahead, ...rest];
  const leased: QueueItemRef[] = [];
  const until = toDbTime(new Date(now.getTime() + options.leaseMs));
  for (const row of rows) {
    const result = await db
      .updateTable(t)
      .set({ locked_until: until, locked_by: options.holder ?? null })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) leased.push(row);
  }
  return leased;
}

/**
 * Extends the leases `holder` has on `ids` to `leaseMs` from `now` (the worker's heartbeat while it
 * works on them). Returns how many it still held: an item finished, or whose lease was lost and
 * taken by another worker, is not renewed.
 */
export async function renewLeases(
  db: Kysely<Database>,
  table: QueueTable,
  ids: readonly number[],
  holder: string,
  now: Date,
  leaseMs: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const t = table as 'inbox';
  const result = await db
    .updateTable(t)
    .set({ locked_until: toDbTime(new Date(now.getTime() + leaseMs)) })
    .where('id', 'in', [...ids])
    .where('status', '=', 'pending')
    .where('locked_by', '=', holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The holders of leases still running at `now` (to find those of dead processes). */
export async function leaseHolders(db: Kysely<Database>, table: QueueTable, now: Date): Promise<string[]> {
  const t = table as 'inbox';
  const rows = await db
    .selectFrom(t)
    .select('locked_by')
    .distinct()
    .where('status', '=', 'pending')
    .where('locked_until', '>=', toDbTime(now))
    .where('locked_by', 'is not', null)
    .execute();
  return rows.map((r) => r.locked_by!);
}

/**
 * Frees at once the running leases of `holders` (processes known to be dead), so their items are
 * taken up without waiting for the leases to run out. Returns how many items were freed.
 */
export async function releaseLeasesOf(
  db: Kysely<Database>,
  table: QueueTable,
  holders: readonly string[],
): Promise<number> {
  if (holders.length === 0) return 0;
  const t = table as 'inbox';
  const result = await db
    .updateTable(t)
    .set({ locked_until: null, locked_by: null })
    .where('status', '=', 'pending')
    .where('locked_by', 'in', [...holders])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
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
    .set({ status, locked_until: null, locked_by: null, last_error: null, [stampColumn]: toDbTime(now) } as {
      status: string;
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records a failed attempt: retried at `retryAt`, or with `retryAt` undefined kept as `failed` for good
 * (never deleted, visible to operators). Only a pending item: one another worker finished meanwhile
 * stays finished, never to be handled again.
 */
export async function failItem(
  db: Kysely<Database>,
  table: QueueTable,
  id: number,
  error: string,
  retryAt: Date | undefined,
): Promise<void> {
  const t = table as 'inbox';
  await db
    .updateTable(t)
    .set({
      status: retryAt === undefined ? 'failed' : 'pending',
      attempts: sql`attempts + 1`,
      next_attempt_at: retryAt === undefined ? sql`next_attempt_at` : toDbTime(retryAt),
      locked_until: null,
      locked_by: null,
      last_error: error.slice(0, 2000),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Counts items by status, for /metrics and `linli status`. */
export async function countByStatus(db: Kysely<Database>, table: QueueTable): Promise<Record<string, number>> {
  const t = table as 'inbox';
  const rows = await db
    .selectFrom(t)
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Whether `table` has an item waiting to be handled (read on its (status, id) index, not counted). */
export async function hasPending(db: Kysely<Database>, table: QueueTable): Promise<boolean> {
  const t = table as 'inbox';
  const row = await db.selectFrom(t).select('id').where('status', '=', 'pending').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The inbox or the outbox table as a {@link WorkQueue}, on a connection or a transaction. */
export class KyselyWorkQueue implements WorkQueue {
  constructor(
    private readonly db: Kysely<Database>,
    readonly name: QueueTable,
  ) {}

  leaseDue(now: Date, request: LeaseRequest): Promise<QueueItemRef[]> {
    return leaseDue(this.db, this.name, now, request);
  }

  renewLeases(ids: readonly number[], holder: string, now: Date, leaseMs: number): Promise<number> {
    return renewLeases(this.db, this.name, ids, holder, now, leaseMs);
  }

  leaseHolders(now: Date): Promise<string[]> {
    return leaseHolders(this.db, this.name, now);
  }

  releaseLeasesOf(holders: readonly string[]): Promise<number> {
    return releaseLeasesOf(this.db, this.name, holders);
  }

  complete(id: number, at: Date): Promise<boolean> {
    return completeItem(this.db, this.name, id, at);
  }

  fail(id: number, error: string, retryAt: Date | undefined): Promise<void> {
    return failItem(this.db, this.name, id, error, retryAt);
  }
}
