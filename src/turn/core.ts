import type { Logger } from 'pino';
import type { Classifier } from '../classify/classifier.ts';
import type { Config } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import type { SameProblemJudge } from '../understand/same-problem-judge.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/**
 * What the platform-neutral use cases need: a unit of work over the ports, the classifier, the
 * configuration, a clock and a log. Tests pass a fixed clock; `wakeOutbox` lets a use case nudge the
 * dispatcher after queueing messages.
 */
export interface Core {
  unitOfWork: UnitOfWork;
  classifier: Classifier;
  config: Config;
  now: () => Date;
  log: Logger;
  metrics?: Metrics;
  /** A second opinion on "same problem?" (an LLM), when one is configured; the offline matcher otherwise. */
  sameProblemJudge?: SameProblemJudge;
  /** Called after messages were queued, so the dispatcher delivers them without waiting for a poll. */
  wakeOutbox?: () => void;
}
