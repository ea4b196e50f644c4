import { messages } from '../i18n/index.ts';
import { QueueWorker } from '../queue-worker.ts';
import type { Core } from '../turn/core.ts';
import { handleIncomingEvent, InboxItemTakenError } from '../router/route-event.ts';
import { backoff } from '../work-queue.ts';

/** Attempts before an event is kept as failed for good (about 9 minutes of back-off in all). */
export const MAX_INBOX_ATTEMPTS = 10;

/**
 * The inbox worker: handles stored events in order per chat, different chats in parallel; a failure
 * is retried with back-off, and after {@link MAX_INBOX_ATTEMPTS} the event is kept as `failed` (visible
 * with `linli inbox --failed`) and the sender gets an apology.
 */
export function createInboxProcessor(
  core: Core,
  options: { concurrency?: number; pollMs?: number; leaseMs?: number; busy?: () => boolean } = {},
): QueueWorker {
  const { unitOfWork } = core;
  return new QueueWorker({
    queue: unitOfWork.queues.inbox,
    log: core.log,
    concurrency: options.concurrency ?? 4,
    // The lease is short and renewed while the event is in hand (an LLM call may take its timeout
    // twice over): a crash holds a resident's message for seconds, not for the LLM's timeout.
    ...(options.pollMs !== undefined && { pollMs: options.pollMs }),
    ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
    ...(options.busy && { busy: options.busy }),
    now: core.now,
    handle: async (ref) => {
      const item = await unitOfWork.withoutTransaction(({ inbox }) => inbox.load(ref.id));
      if (!item) return;
      await handleIncomingEvent(core, item.id, item.event);
      core.metrics?.inboxHandled.inc({ platform: ref.platform, outcome: 'done' });
    },
    onError: async (ref, error) => {
      if (error instanceof InboxItemTakenError) return;
      const attempt = ref.attempts + 1;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (attempt >= MAX_INBOX_ATTEMPTS) {
        core.log.error(
          { err: error, inboxId: ref.id, platform: ref.platform, attempts: attempt },
          'incoming event failed for good; kept as failed',
        );
        await unitOfWork.run(async ({ queues, inbox, outbox }) => {
          await queues.inbox.fail(ref.id, message, undefined);
          const item = await inbox.load(ref.id);
          if (item && item.event.chat.type === 'private') {
            await outbox.enqueue(
              {
                platform: ref.platform,
                chatId: ref.chat_id,
                message: { text: messages(core.config.defaultLocale).failedApology },
                dedupeKey: `inbox-failed:${ref.id}`,
              },
              core.now(),
            );
          }
        });
        core.metrics?.inboxHandled.inc({ platform: ref.platform, outcome: 'failed' });
        core.wakeOutbox?.();
        return;
      }
      core.log.warn(
        { err: error, inboxId: ref.id, platform: ref.platform, attempt },
        'incoming event failed; will retry',
      );
      await unitOfWork.queues.inbox.fail(ref.id, message, new Date(core.now().getTime() + backoff(attempt)));
      core.metrics?.inboxHandled.inc({ platform: ref.platform, outcome: 'retry' });
    },
  });
}
