/**
 * Runs of scheduled jobs, one per (job, slot) across every instance: whoever claims a slot runs it.
 * A slot is the job's own period (an ISO week for the agenda).
 */
export interface JobRuns {
  /**
   * Takes a job's slot: the first claim, or — with `staleAfterMs` — the slot of a run that failed or
   * was left running longer than that by a process that died. Exactly one caller gets true.
   */
  claim(job: string, slot: string, at: Date, options?: { staleAfterMs?: number }): Promise<boolean>;
  /** Records how a claimed run ended (an error marks it failed, so it may be claimed again). */
  finish(job: string, slot: string, at: Date, error?: unknown): Promise<void>;
}
