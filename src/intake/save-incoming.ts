import type { Kysely } from 'kysely';
import type { Metrics } from '../metrics.ts';
import { KyselyInboxStore } from '../store/inbox-store.ts';
import type { Database } from '../store/schema.ts';
import type { IncomingEvent } from './incoming-event.ts';

/**
 * Save first: stores an incoming event in the inbox before anything else happens. A repeat of the same
 * platform event id is ignored. Throws when the database cannot take it — the adapter must then answer
 * with an error status so the platform delivers the event again.
 */
export async function saveIncoming(
  db: Kysely<Database>,
  event: IncomingEvent,
  options: { now?: Date; metrics?: Metrics; wake?: () => void } = {},
): Promise<'saved' | 'duplicate'> {
  const result = await new KyselyInboxStore(db).save(event, options.now ?? new Date());
  if (result.kind === 'duplicate') {
    options.metrics?.inboxDuplicates.inc({ platform: event.platform });
    return 'duplicate';
  }
  options.metrics?.inboxReceived.inc({ platform: event.platform });
  options.wake?.();
  return 'saved';
}
