import type { Kysely } from 'kysely';
import { KyselyInboxStore } from '../store/inbox-store.ts';
import type { Database } from '../store/schema.ts';
import type { IncomingEvent } from '../turn/incoming-event.ts';

/**
 * Save first, one event at a time (the console chat, tests): stores it in the inbox before anything
 * else happens; a repeat of the same platform event id is ignored. The service's webhooks go through
 * `InboxWriter`, which groups saves and counts them in the metrics.
 */
export async function saveIncoming(
  db: Kysely<Database>,
  event: IncomingEvent,
  options: { now?: Date } = {},
): Promise<'saved' | 'duplicate'> {
  return (await new KyselyInboxStore(db).save(event, options.now ?? new Date())).kind;
}
