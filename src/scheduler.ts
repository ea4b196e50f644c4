import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

/** An identifier for this process in job_runs (several instances may share PostgreSQL). */
export const INSTANCE_ID = `${hostname()}:${process.pid}`;

export interface CronJob {
  name: string;
  /** A cron expression (node-cron syntax). */
  cron: string;
  /** Runs the job; it claims its own slot (a `JobRuns` claim) when it must run once across instances. */
  run: (now: Date) => Promise<void>;
}

export interface IntervalJob {
  name: string;
  everyMs: number;
  run: (now: Date) => Promise<void>;
}

/** Runs cron jobs in the configured time zone and interval jobs, never overlapping one with itself. */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly timezone: string,
    private readonly log: Logger,
  ) {}

  addCron(job: CronJob): void {
    const task = cron.schedule(job.cron, () => this.track(job.name, job.run), {
      timezone: this.timezone,
      name: job.name,
      noOverlap: true,
    });
    this.tasks.push(task);
  }

  addInterval(job: IntervalJob): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.stopped) return;
      busy = true;
      void this.track(job.name, job.run).finally(() => (busy = false));
    }, job.everyMs);
    timer.unref();
    this.timers.push(timer);
  }

  /** The number of jobs registered, for the start-up summary. */
  get size(): number {
    return this.tasks.length + this.timers.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks) await task.destroy();
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all(this.running);
  }

  private track(name: string, run: (now: Date) => Promise<void>): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const work = run(new Date())
      .catch((error: unknown) => this.log.error({ err: error, job: name }, 'scheduled job failed'))
      .finally(() => this.running.delete(work));
    this.running.add(work);
    return work;
  }
}
