import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Classifier } from '../classify/classifier.ts';
import type { Config } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import type { Database } from '../store/schema.ts';

/**
 * What the platform-neutral use cases need: the database, the classifier, the configuration, a clock
 * and a log. Tests pass a fixed clock; `wake` lets a use case nudge the workers after writing.
 */
export interface Core {
  db: Kysely<Database>;
  classifier: Classifier;
  config: Config;
  now: () => Date;
  log: Logger;
  metrics?: Metrics;
  /** Called after messages were queued, so the dispatcher delivers them without waiting for a poll. */
  wakeOutbox?: () => void;
}
