import type { Metrics } from '../metrics.ts';
import type { IncomingEvent } from '../turn/incoming-event.ts';
import type { UnitOfWork } from '../turn/unit-of-work.ts';

/** Most events written in one statement. */
const MAX_BATCH = 200;

interface Waiting {
  event: IncomingEvent;
  resolve: (outcome: 'saved' | 'duplicate') => void;
  reject: (error: unknown) => void;
}

/**
 * Save first, in groups: the webhook requests that arrive in the same turn of the event loop are
 * written to the inbox in one statement and one commit (group commit), and each caller learns its own
 * outcome. Under a burst this costs one database write per group instead of one per request; alone, a
 * request waits no longer than one turn of the loop. A failed write fails every caller of its group,
 * so each webhook answers 5xx and the platform delivers again.
 */
export class InboxWriter {
  private queue: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly options: { metrics?: Metrics; wake?: () => void; now?: () => Date } = {},
  ) {}

  save(event: IncomingEvent): Promise<'saved' | 'duplicate'> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) this.schedule();
    if (batch.length === 0) return;
    try {
      const at = (this.options.now ?? (() => new Date()))();
      const results = await this.unitOfWork.withoutTransaction(({ inbox }) =>
        inbox.saveMany(
          batch.map((w) => w.event),
          at,
        ),
      );
      let saved = 0;
      results.forEach((result, i) => {
        const { event, resolve } = batch[i]!;
        if (result.kind === 'saved') {
          saved++;
          this.options.metrics?.inboxReceived.inc({ platform: event.platform });
        } else {
          this.options.metrics?.inboxDuplicates.inc({ platform: event.platform });
        }
        resolve(result.kind);
      });
      if (saved > 0) this.options.wake?.();
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
