import type { Logger } from 'pino';
import { applyRetention, describeErasure } from './forget-resident.ts';
import type { ErasureReport, PersonalDataStore } from './personal-data.ts';

/** Claims of a scheduled job's runs (the scheduler's job_runs table): exactly one caller wins a slot. */
export interface JobRuns {
  claim(slot: string, at: Date): Promise<boolean>;
  finish(slot: string, at: Date, error?: unknown): Promise<void>;
}

/**
 * The daily retention pass (RETENTION_DAYS): once per day however many instances share the database
 * (a claim on the UTC date), logged with what it erased. Returns the report, or undefined when another
 * instance ran it.
 */
export async function runRetentionJob(
  deps: { runs: JobRuns; personalData: PersonalDataStore; days: number; log: Logger },
  now: Date,
): Promise<ErasureReport | undefined> {
  const slot = now.toISOString().slice(0, 10);
  if (!(await deps.runs.claim(slot, now))) return undefined;
  try {
    const report = await applyRetention(deps.personalData, deps.days, now);
    await deps.runs.finish(slot, new Date());
    deps.log.info({ days: deps.days, report: describeErasure(report) }, 'retention pass done');
    return report;
  } catch (error) {
    await deps.runs.finish(slot, new Date(), error).catch(() => {});
    deps.log.error({ err: error }, 'retention pass failed; it runs again tomorrow, or run linli retention');
    return undefined;
  }
}
