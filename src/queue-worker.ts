import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from './store/schema.ts';
import { leaseDue, type QueueItemRef, type QueueTable } from './store/work-queue.ts';

export interface QueueWorkerOptions {
  db: Kysely<Database>;
  table: QueueTable;
  log: Logger;
  /** Handles one leased item; it must complete or fail it itself. Throwing counts as a retryable failure. */
  handle: (item: QueueItemRef) => Promise<void>;
  /** Called when `handle` throws, to record the failure. */
  onError: (item: QueueItemRef, error: unknown) => Promise<void>;
  /** Items handled at once (different chats). */
  concurrency?: number;
  /** How long a lease lasts; a crashed worker's items come back after it. */
  leaseMs?: number;
  /** Idle poll interval; `wake()` polls at once. */
  pollMs?: number;
  platforms?: readonly string[];
  chatIds?: readonly string[];
  /**
   * While this says true (webhook requests are being answered), the worker takes one item at a time
   * and at most one per {@link BUSY_SPACING_MS}: answering the platforms quickly comes first, handling
   * catches up after the burst — and is never starved completely.
   */
  busy?: () => boolean;
  now?: () => Date;
}

/** Under webhook load, the shortest time between two items the worker takes up. */
export const BUSY_SPACING_MS = 50;

/**
 * Polls a work queue (inbox or outbox) and handles due items, one per chat at a time and several
 * chats in parallel. `stop()` stops taking work and waits for what is in hand.
 */
export class QueueWorker {
  private running = false;
  private inFlight = new Set<Promise<void>>();
  private readonly inFlightIds = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private wakeResolve: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;

  constructor(private readonly options: QueueWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Polls at once instead of waiting for the next interval (called after an enqueue). */
  wake(): void {
    this.wakeResolve?.();
  }

  /** Handles everything due now and returns; for the CLI and tests. */
  async drain(maxRounds = 1_000): Promise<number> {
    let handled = 0;
    for (let round = 0; round < maxRounds; round++) {
      const n = await this.tick();
      await Promise.all(this.inFlight);
      if (n === 0) break;
      handled += n;
    }
    return handled;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    if (this.timer) clearTimeout(this.timer);
    await this.loopDone;
    await Promise.all(this.inFlight);
  }

  private async loop(): Promise<void> {
    const pollMs = this.options.pollMs ?? 500;
    let lastLease = 0;
    while (this.running) {
      if (this.options.busy?.()) {
        if (this.inFlight.size > 0 || performance.now() - lastLease < BUSY_SPACING_MS) {
          await new Promise((resolve) => setTimeout(resolve, 2));
          continue;
        }
      }
      let started = 0;
      try {
        started = await this.tick(this.options.busy?.() ? 1 : undefined);
        if (started > 0) lastLease = performance.now();
      } catch (error) {
        this.options.log.error({ err: error, queue: this.options.table }, 'queue poll failed; retrying');
      }
      if (!this.running) break;
      if (started > 0 && this.inFlight.size < (this.options.concurrency ?? 4)) continue;
      await new Promise<void>((resolve) => {
        this.wakeResolve = resolve;
        this.timer = setTimeout(resolve, started > 0 ? 20 : pollMs);
        // Finishing an item frees its chat's next item: poll again as soon as any finishes.
        if (this.inFlight.size > 0) void Promise.race(this.inFlight).then(resolve);
      });
      this.wakeResolve = undefined;
    }
  }

  private async tick(limit?: number): Promise<number> {
    const concurrency = Math.min(this.options.concurrency ?? 4, limit ?? Infinity);
    const free = concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const now = (this.options.now ?? (() => new Date()))();
    const items = await leaseDue(this.options.db, this.options.table, now, {
      limit: free,
      leaseMs: this.options.leaseMs ?? 60_000,
      ...(this.options.platforms && { platforms: this.options.platforms }),
      ...(this.options.chatIds && { chatIds: this.options.chatIds }),
    });
    let started = 0;
    for (const item of items) {
      // An item still in hand whose lease ran out was just leased again: that only renews our lease.
      if (this.inFlightIds.has(item.id)) continue;
      this.inFlightIds.add(item.id);
      started++;
      const work = this.options
        .handle(item)
        .catch((error: unknown) => this.options.onError(item, error))
        .catch((error: unknown) => this.options.log.error({ err: error, queue: this.options.table, id: item.id }, 'could not record a failure'))
        .finally(() => {
          this.inFlight.delete(work);
          this.inFlightIds.delete(item.id);
        });
      this.inFlight.add(work);
    }
    return started;
  }
}
