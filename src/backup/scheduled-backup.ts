import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { JobRuns } from '../agenda/job-runs.ts';
import { createBackup } from './create-backup.ts';

const ARCHIVE = /^linli-\d{8}T\d{4}Z\.tar\.gz$/;

/** `linli-20261202T0330Z.tar.gz`: names that sort by time. */
export function backupFileName(at: Date): string {
  const iso = at.toISOString();
  return `linli-${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z.tar.gz`;
}

/**
 * Deletes all but the newest KEEP scheduled backups in DIR (only files named as {@link backupFileName}
 * names them; an operator's own files there are left alone). Returns the names deleted.
 */
export async function rotateBackups(dir: string, keep: number): Promise<string[]> {
  const archives = (await readdir(dir)).filter((name) => ARCHIVE.test(name)).sort();
  const old = archives.slice(0, Math.max(0, archives.length - keep));
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}

/**
 * The scheduled backup (BACKUP_CRON): one archive per scheduled minute however many instances share the
 * database (the job_runs claim), then rotation. Returns the archive's path, or undefined when another
 * instance took this run.
 */
export async function runScheduledBackup(
  deps: { jobRuns: JobRuns; databaseFile: string; dataDir: string; dir: string; keep: number; log: Logger },
  now: Date,
): Promise<string | undefined> {
  const slot = now.toISOString().slice(0, 16);
  if (!(await deps.jobRuns.claim('backup', slot, now))) return undefined;
  try {
    await mkdir(deps.dir, { recursive: true });
    const out = join(deps.dir, backupFileName(now));
    const manifest = await createBackup({ databaseFile: deps.databaseFile, dataDir: deps.dataDir, out, now });
    const deleted = await rotateBackups(deps.dir, deps.keep);
    await deps.jobRuns.finish('backup', slot, new Date());
    deps.log.info(
      { file: out, tickets: manifest.tables.tickets ?? 0, attachments: manifest.attachments.length, deleted },
      'backup taken',
    );
    return out;
  } catch (error) {
    await deps.jobRuns.finish('backup', slot, new Date(), error).catch(() => {});
    deps.log.error({ err: error }, 'scheduled backup failed; the next run tries again');
    return undefined;
  }
}
