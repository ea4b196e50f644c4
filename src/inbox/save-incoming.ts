import type { IncomingEvent } from '../turn/incoming-event.ts';
import type { UnitOfWork } from '../turn/unit-of-work.ts';

/**
 * Save first, one event at a time (the console chat, tests): stores it in the inbox before anything
 * else happens; a repeat of the same platform event id is ignored. The service's webhooks go through
 * `InboxWriter`, which groups saves and counts them in the metrics.
 */
export async function saveIncoming(
  unitOfWork: UnitOfWork,
  event: IncomingEvent,
  options: { now?: Date } = {},
): Promise<'saved' | 'duplicate'> {
  const [result] = await unitOfWork.withoutTransaction(({ inbox }) =>
    inbox.saveMany([event], options.now ?? new Date()),
  );
  return result!.kind;
}
