/*
 * The inbox and the outbox are both work queues with the same rule: items of one chat and lane are
 * handled in id order, items of different chats or lanes in parallel, and an item is leased before it
 * is worked on, so two workers (or two instances on PostgreSQL) never take the same one. This is the
 * port the queue workers use; `src/store/work-queue.ts` implements it with Kysely.
 */

/** A leased item: which chat it belongs to and how often it was tried. */
export interface QueueItemRef {
  id: number;
  platform: string;
  chat_id: string;
  attempts: number;
}

export interface LeaseRequest {
  limit: number;
  leaseMs: number;
  /** Who takes the lease (see `src/lease-holder.ts`). */
  holder?: string;
  platforms?: readonly string[];
  chatIds?: readonly string[];
}

export interface WorkQueue {
  readonly name: 'inbox' | 'outbox';
  /**
   * Leases up to `limit` due items, at most one per chat and lane, each the oldest pending item of its
   * chat and lane. The lease lasts `leaseMs` unless renewed.
   */
  leaseDue(now: Date, request: LeaseRequest): Promise<QueueItemRef[]>;
  /** Extends the leases `holder` still has on `ids`; returns how many it still held. */
  renewLeases(ids: readonly number[], holder: string, now: Date, leaseMs: number): Promise<number>;
  /** The holders of leases still running at `now` (to find those of dead processes). */
  leaseHolders(now: Date): Promise<string[]>;
  /** Frees at once the running leases of `holders` (processes known to be dead); returns how many. */
  releaseLeasesOf(holders: readonly string[]): Promise<number>;
  /** Marks a pending item finished; false when it was not pending any more (another worker finished it). */
  complete(id: number, at: Date): Promise<boolean>;
  /**
   * Records a failed attempt: retried at `retryAt`, or with `retryAt` undefined kept as `failed` for good.
   * Only a pending item: one another worker finished meanwhile stays finished.
   */
  fail(id: number, error: string, retryAt: Date | undefined): Promise<void>;
}

/** Exponential back-off with jitter: 1 s, 2 s, 4 s … capped at `maxMs`. */
export function backoff(attempt: number, maxMs = 5 * 60_000): number {
  const base = Math.min(maxMs, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
