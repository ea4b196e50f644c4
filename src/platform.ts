import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Route } from './http/server.ts';
import type { IncomingEvent } from './turn/incoming-event.ts';
import type { Metrics } from './metrics.ts';
import type { Sender } from './outbox/outgoing-message.ts';

/** A file a platform holds for us (a photo, a voice note), fetched by its platform file id. */
export interface FetchedFile {
  data: Buffer;
  mimeType: string;
}

/** The platform will never hand this file over (too large, deleted): the attachment is marked, not retried. */
export class FileUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileUnavailableError';
  }
}

/**
 * What a messaging platform adapter (bots/<platform>) gives the service: a Sender for the outbox, HTTP
 * routes (webhooks), a way to fetch attachments, and start/stop for long polling or webhook set-up.
 */
export interface PlatformAdapter {
  readonly platform: string;
  readonly sender: Sender;
  readonly routes: readonly Route[];
  /** Downloads an attachment the platform holds; throws when it cannot (retried later). */
  fetchFile?(fileId: string): Promise<FetchedFile>;
  start(): Promise<void>;
  /** Stops taking updates (long polling ends after the batch in hand); idempotent. */
  stop(): Promise<void>;
}

/** What an adapter may use. It saves incoming events with `saveIncoming` and does nothing else with them. */
export interface AdapterDeps {
  config: Config;
  log: Logger;
  metrics: Metrics;
  /** Save first: stores the event in the inbox (a repeat is a no-op). Throws when the database cannot. */
  saveIncoming(event: IncomingEvent): Promise<'saved' | 'duplicate'>;
}
