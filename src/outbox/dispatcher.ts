import type { Logger } from 'pino';
import type { Metrics } from '../metrics.ts';
import { QueueWorker } from '../queue-worker.ts';
import type { UnitOfWork } from '../turn/unit-of-work.ts';
import { backoff } from '../work-queue.ts';
import type { Sender } from './outgoing-message.ts';

/** Delivery attempts before a message is recorded as failed (about half an hour of back-off). */
export const MAX_OUTBOX_ATTEMPTS = 12;

/**
 * The outbox dispatcher: delivers queued messages through each platform's {@link Sender}, in order per
 * chat, retrying with back-off (or after the platform's `retry_after`), and records a permanent failure
 * with its reason — on the ticket too, when the message was about one.
 */
export function createDispatcher(options: {
  unitOfWork: UnitOfWork;
  senders: readonly Sender[];
  log: Logger;
  metrics?: Metrics;
  now?: () => Date;
  concurrency?: number;
  pollMs?: number;
  /** How long a message's lease lasts without renewal (default 15 s); renewed while it is being sent. */
  leaseMs?: number;
  /** Deliver only to these chats (the console delivers only to its own user). */
  chatIds?: readonly string[];
  /**
   * While this says true (webhook requests are being answered), messages go out one at a time, at
   * most one per `BUSY_SPACING_MS` (20 a second, about what the paced inbox worker writes): a burst
   * of webhooks is answered first and its receipts follow it, each within that spacing of the last
   * send. A send's time is spent waiting on the platform, not on this process, so it does not
   * lengthen the pause as an event's handling does (a slow platform would hold every message up to
   * `BUSY_MAX_PAUSE_MS`, urgent alerts among them, while the backlog of receipts grew).
   */
  busy?: () => boolean;
}): QueueWorker {
  const now = options.now ?? (() => new Date());
  const byPlatform = new Map(options.senders.map((s) => [s.platform, s]));
  const { unitOfWork } = options;
  const queue = unitOfWork.queues.outbox;

  async function giveUp(id: number, ticketId: number | null, platform: string, reason: string): Promise<void> {
    await unitOfWork.run(async ({ queues, tickets }) => {
      await queues.outbox.fail(id, reason, undefined);
      if (ticketId !== null)
        await tickets.addEvent(
          ticketId,
          'delivery_failed',
          { kind: 'system' },
          { outboxId: id, platform, reason },
          now(),
        );
    });
    options.metrics?.outboxSent.inc({ platform, outcome: 'failed' });
    options.log.warn({ outboxId: id, platform, reason }, 'message could not be delivered; recorded as failed');
  }

  return new QueueWorker({
    queue,
    log: options.log,
    concurrency: options.concurrency ?? 8,
    ...(options.pollMs !== undefined && { pollMs: options.pollMs }),
    ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
    platforms: [...byPlatform.keys()],
    ...(options.chatIds && { chatIds: options.chatIds }),
    ...(options.busy && { busy: options.busy, busyPauseFactor: 0 }),
    now,
    handle: async (ref) => {
      const item = await unitOfWork.withoutTransaction(({ deliveries }) => deliveries.load(ref.id));
      if (!item) return;
      const sender = byPlatform.get(item.platform)!;
      const attempt = item.attempts + 1;
      const result = await sender.send(item.chatId, item.message, { retryKey: item.retryKey, attempt });
      if (result.kind === 'sent') {
        await queue.complete(item.id, now());
        if (result.platformMessageId !== undefined)
          await unitOfWork.withoutTransaction(({ deliveries }) =>
            deliveries.setPlatformMessageId(item.id, result.platformMessageId!),
          );
        options.metrics?.outboxSent.inc({ platform: item.platform, outcome: 'sent' });
      } else if (result.kind === 'failed' || attempt >= MAX_OUTBOX_ATTEMPTS) {
        await giveUp(item.id, item.ticketId, item.platform, result.reason);
      } else {
        const delay = Math.max(result.afterMs ?? 0, backoff(attempt));
        await queue.fail(item.id, result.reason, new Date(now().getTime() + delay));
        options.metrics?.outboxSent.inc({ platform: item.platform, outcome: 'retry' });
      }
    },
    onError: async (ref, error) => {
      // A Sender must not throw; if one does, treat it as a transient failure and retry.
      const attempt = ref.attempts + 1;
      const reason = error instanceof Error ? error.message : String(error);
      if (attempt >= MAX_OUTBOX_ATTEMPTS) await giveUp(ref.id, null, ref.platform, reason);
      else await queue.fail(ref.id, reason, new Date(now().getTime() + backoff(attempt)));
    },
  });
}
