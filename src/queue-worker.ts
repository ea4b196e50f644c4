import type { Logger } from 'pino';
import { heldByDeadProcess, LEASE_HOLDER } from './lease-holder.ts';
import type { QueueItemRef, WorkQueue } from './work-queue.ts';

export interface QueueWorkerOptions {
  queue: WorkQueue;
  log: Logger;
  /** Handles one leased item; it must complete or fail it itself. Throwing counts as a retryable failure. */
  handle: (item: QueueItemRef) => Promise<void>;
  /** Called when `handle` throws, to record the failure. */
  onError: (item: QueueItemRef, error: unknown) => Promise<void>;
  /** Items handled at once (different chats). */
  concurrency?: number;
  /**
   * How long a lease lasts without renewal (default {@link DEFAULT_LEASE_MS}). While an item is in
   * hand its lease is renewed every third of this, so it need not cover the slowest handling; a
   * crashed worker's items come back after it (at once when its successor starts on the same host).
   */
  leaseMs?: number;
  /** Who this worker is in the leases it takes (default: this process, {@link LEASE_HOLDER}). */
  holder?: string;
  /** Idle poll interval; `wake()` polls at once. */
  pollMs?: number;
  platforms?: readonly string[];
  chatIds?: readonly string[];
  /**
   * While this says true (webhook requests are being answered), the worker takes one item at a time,
   * at most one per {@link BUSY_SPACING_MS}, and after each waits {@link BUSY_PAUSE_FACTOR} times what
   * it took (at most {@link BUSY_MAX_PAUSE_MS}): answering the platforms quickly comes first, handling
   * catches up after the burst — and is never starved completely.
   */
  busy?: () => boolean;
  /**
   * Under webhook load, how many times an item's duration the worker waits after it (default
   * {@link BUSY_PAUSE_FACTOR}). Items that spend their time waiting on another service rather than on
   * this process's CPU (the outbox's sends) are paced by {@link BUSY_SPACING_MS} alone with 0.
   */
  busyPauseFactor?: number;
  now?: () => Date;
}

/** Under webhook load, the shortest time between two items the worker takes up. */
export const BUSY_SPACING_MS = 50;

/**
 * Under webhook load, how many times an item's own duration the worker waits after it before taking
 * the next: the worker then has at most a ninth of the process's time however costly its items are
 * (matching a report against hundreds of open tickets, a loaded machine). A fixed spacing alone let
 * items that took longer than it run back to back, and the webhooks were answered in what was left.
 */
export const BUSY_PAUSE_FACTOR = 8;

/**
 * The longest pause after an item under webhook load: however long the load lasts and whatever an
 * item costs, the next item (an urgent report among them) is taken up within this of the last one.
 */
export const BUSY_MAX_PAUSE_MS = 1_000;

/**
 * A lease without renewal: short, so that what a dead worker held comes back within seconds even
 * when no successor starts on its host; renewals keep it while an LLM call takes its time.
 */
export const DEFAULT_LEASE_MS = 15_000;

/**
 * Polls a work queue (inbox or outbox) and handles due items, one per chat at a time and several
 * chats in parallel, renewing the leases of the items in hand. `start()` first frees the leases a
 * dead predecessor on this host still held; `stop()` stops taking work and waits for what is in hand.
 */
export class QueueWorker {
  private running = false;
  private inFlight = new Set<Promise<void>>();
  private readonly inFlightIds = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private wakeResolve: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  /** `performance.now()` before which a worker under webhook load takes up no item (see {@link BUSY_PAUSE_FACTOR}). */
  private resumeAt = 0;

  constructor(private readonly options: QueueWorkerOptions) {}

  private get leaseMs(): number {
    return this.options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  private get holder(): string {
    return this.options.holder ?? LEASE_HOLDER;
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.reclaimFromDeadProcesses().then(() => this.loop());
  }

  /**
   * Frees the leases of processes that are certainly dead (a predecessor on this host killed before
   * it finished): a message it had acknowledged is handled now, not when its lease runs out. Each
   * item is still handled once: the handling commits only while the item is pending.
   */
  async reclaimFromDeadProcesses(): Promise<number> {
    try {
      const dead = (await this.options.queue.leaseHolders(this.now())).filter((holder) =>
        heldByDeadProcess(holder, this.holder),
      );
      const freed = await this.options.queue.releaseLeasesOf(dead);
      if (freed > 0)
        this.options.log.info(
          { queue: this.options.queue.name, freed, holders: dead },
          'took back the items a crashed process had in hand',
        );
      return freed;
    } catch (error) {
      this.options.log.warn(
        { err: error, queue: this.options.queue.name },
        'could not look for leases of crashed processes; they come back when they run out',
      );
      return 0;
    }
  }

  /** Renews the leases of the items in hand, every third of the lease while there are any. */
  private keepLeases(): void {
    if (this.inFlightIds.size === 0) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
      return;
    }
    if (this.heartbeat) return;
    this.heartbeat = setInterval(
      () => {
        const ids = [...this.inFlightIds];
        this.options.queue
          .renewLeases(ids, this.holder, this.now(), this.leaseMs)
          .catch((error: unknown) =>
            this.options.log.warn(
              { err: error, queue: this.options.queue.name, ids },
              'could not renew leases; retrying at the next beat',
            ),
          );
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    this.heartbeat.unref();
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
      // Let the event loop read sockets between rounds. On SQLite every query answers at once, so with
      // work queued the rounds would follow each other in promise callbacks alone: webhook requests
      // sat unread (and unseen by `busy`) until the queue ran dry, and were accepted only as fast as
      // events were handled.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!this.running) break;
      if (this.options.busy?.()) {
        const now = performance.now();
        if (this.inFlight.size > 0 || now - lastLease < BUSY_SPACING_MS || now < this.resumeAt) {
          // Look again soon: the load may end before the pause does, and then handling catches up at once.
          await new Promise((resolve) => setTimeout(resolve, 2));
          continue;
        }
      }
      let started = 0;
      try {
        started = await this.tick(this.options.busy?.() ? 1 : undefined);
        if (started > 0) lastLease = performance.now();
      } catch (error) {
        this.options.log.error({ err: error, queue: this.options.queue.name }, 'queue poll failed; retrying');
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
    const leasedAt = performance.now();
    const items = await this.options.queue.leaseDue(this.now(), {
      limit: free,
      leaseMs: this.leaseMs,
      holder: this.holder,
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
        .catch((error: unknown) =>
          this.options.log.error(
            { err: error, queue: this.options.queue.name, id: item.id },
            'could not record a failure',
          ),
        )
        .finally(() => {
          const done = performance.now();
          this.resumeAt = Math.max(
            this.resumeAt,
            done + Math.min(BUSY_MAX_PAUSE_MS, (this.options.busyPauseFactor ?? BUSY_PAUSE_FACTOR) * (done - leasedAt)),
          );
          this.inFlight.delete(work);
          this.inFlightIds.delete(item.id);
          this.keepLeases();
        });
      this.inFlight.add(work);
    }
    this.keepLeases();
    return started;
  }
}
