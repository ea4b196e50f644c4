import type { Kysely } from 'kysely';
import { INSTANCE_ID } from '../scheduler.ts';
import type { JobRuns } from '../agenda/job-runs.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

/**
 * Claims a job's slot (e.g. `agenda` for `2026-W48`). The (job, slot) primary key makes the claim
 * atomic across processes and instances: exactly one caller gets true.
 */
export async function claimJobRun(db: Kysely<Database>, job: string, slot: string, at: Date): Promise<boolean> {
  const result = await db
    .insertInto('job_runs')
    .values({
      job,
      slot,
      instance: INSTANCE_ID,
      started_at: toDbTime(at),
      finished_at: null,
      status: 'running',
      error: null,
    })
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function finishJobRun(
  db: Kysely<Database>,
  job: string,
  slot: string,
  at: Date,
  error?: unknown,
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({
      finished_at: toDbTime(at),
      status: error === undefined ? 'done' : 'failed',
      error: error === undefined ? null : String((error as Error).message ?? error),
    })
    .where('job', '=', job)
    .where('slot', '=', slot)
    .execute();
}

/** Job runs in the job_runs table; its (job, slot) key decides between instances. */
export class KyselyJobRuns implements JobRuns {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(job: string, slot: string, at: Date, options: { staleAfterMs?: number } = {}): Promise<boolean> {
    if (await claimJobRun(this.db, job, slot, at)) return true;
    if (options.staleAfterMs === undefined) return false;
    const stale = toDbTime(new Date(at.getTime() - options.staleAfterMs));
    const result = await this.db
      .updateTable('job_runs')
      .set({ instance: INSTANCE_ID, started_at: toDbTime(at), finished_at: null, status: 'running', error: null })
      .where('job', '=', job)
      .where('slot', '=', slot)
      .where((eb) =>
        eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', stale)])]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  finish(job: string, slot: string, at: Date, error?: unknown): Promise<void> {
    return finishJobRun(this.db, job, slot, at, error);
  }
}
