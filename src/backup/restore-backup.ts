import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { BackupError, DATABASE_NAME, MANIFEST_NAME, sha256, type BackupManifest } from './create-backup.ts';
import { extractTarGz, safeJoin } from './tar-archive.ts';

function readManifest(text: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch (error) {
    throw new BackupError(`${MANIFEST_NAME} in the archive is not JSON: the archive is damaged`, { cause: error });
  }
  if (manifest.format !== 1 || !Array.isArray(manifest.attachments) || typeof manifest.tables !== 'object') {
    throw new BackupError(
      `${MANIFEST_NAME} has format ${String(manifest.format)}; this Linli restores format 1: use the Linli version that took the backup`,
    );
  }
  return manifest;
}

/** What a restore put back. */
export interface RestoreOutcome {
  manifest: BackupManifest;
  /** Where the database that was replaced now lies (with --force), if there was one. */
  previous?: string;
  /** Attachment rows whose stored path was rewritten for the new DATA_DIR. */
  rewrittenPaths: number;
}

/**
 * Points the restored database's attachment rows at DATA_DIR. A row's path ends with the file's place
 * under the data folder (`attachments/<platform>/<file>`), whatever DATA_DIR was on the machine that took
 * the backup; it is rewritten the way the service writes it (`DATA_DIR/attachments/…`).
 */
function rewriteAttachmentPaths(file: string, manifest: BackupManifest, dataDir: string): number {
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    const hasTable = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'attachments'").get();
    if (!hasTable) return 0;
    const rows = db
      .prepare(
        "select id, path from attachments where path is not null and path not like 'skipped:%' and path not like 'unavailable:%'",
      )
      .all() as Array<{ id: number; path: string }>;
    const update = db.prepare('update attachments set path = ? where id = ?');
    let rewritten = 0;
    db.transaction(() => {
      for (const row of rows) {
        const stored = row.path.replaceAll('\\', '/');
        const entry = manifest.attachments.find((a) => stored === a.path || stored.endsWith(`/${a.path}`));
        if (!entry) continue;
        const path = join(dataDir, ...entry.path.split('/'));
        if (path !== row.path) {
          update.run(path, row.id);
          rewritten++;
        }
      }
    })();
    return rewritten;
  } finally {
    db.close();
  }
}

/**
 * Restores a backup made by {@link createBackup} into DATABASE_FILE and DATA_DIR. The service must be
 * stopped. Everything is checked (the manifest, every attachment's checksum, the database's integrity and
 * row counts) before anything is replaced; an existing database is replaced only with `force`, and is
 * then kept beside it as `<file>.before-restore-<time>`.
 */
export async function restoreBackup(options: {
  archive: string;
  databaseFile: string;
  dataDir: string;
  force?: boolean;
  now?: Date;
}): Promise<RestoreOutcome> {
  const archive = resolve(options.archive);
  const databaseFile = resolve(options.databaseFile);
  const now = options.now ?? new Date();
  if (!existsSync(archive)) throw new BackupError(`there is no backup at ${archive}`);
  if (existsSync(databaseFile) && !options.force) {
    throw new BackupError(
      `a database exists at ${databaseFile}; stop the service, then run the restore again with --force to replace it ` +
        '(the current database is kept beside it as <file>.before-restore-<time>)',
    );
  }
  await mkdir(dirname(databaseFile), { recursive: true });
  const work = await mkdtemp(join(dirname(databaseFile), '.linli-restore-'));
  try {
    let names: string[];
    try {
      names = await extractTarGz(archive, work);
    } catch (error) {
      throw new BackupError(`cannot read the backup ${archive}: ${(error as Error).message}`, { cause: error });
    }
    if (!names.includes(MANIFEST_NAME) || !names.includes(DATABASE_NAME)) {
      throw new BackupError(`${archive} is not a Linli backup (it lacks ${MANIFEST_NAME} or ${DATABASE_NAME})`);
    }
    const manifest = readManifest(await readFile(join(work, MANIFEST_NAME), 'utf8'));
    for (const a of manifest.attachments) {
      const file = safeJoin(work, a.path);
      if (!existsSync(file) || (await stat(file)).size !== a.bytes || (await sha256(file)) !== a.sha256) {
        throw new BackupError(
          `the attachment ${a.path} in the backup does not match its checksum: the archive is damaged`,
        );
      }
    }
    const copy = join(work, DATABASE_NAME);
    const db = new SqliteDatabase(copy, { readonly: true, fileMustExist: true });
    try {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok')
        throw new BackupError(`the database in the backup failed SQLite's integrity check (${String(check)})`);
      for (const [table, count] of Object.entries(manifest.tables)) {
        const found = Number(
          db
            .prepare(`select count(*) from "${table.replaceAll('"', '""')}"`)
            .pluck()
            .get(),
        );
        if (found !== count)
          throw new BackupError(
            `the backup's ${table} table has ${found} rows where its manifest says ${count}: the archive is damaged`,
          );
      }
    } finally {
      db.close();
    }
    const rewrittenPaths = rewriteAttachmentPaths(copy, manifest, options.dataDir);

    for (const a of manifest.attachments) {
      const target = safeJoin(resolve(options.dataDir), a.path);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(work, ...a.path.split('/')), target);
    }
    let previous: string | undefined;
    if (existsSync(databaseFile)) {
      previous = `${databaseFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      await rename(databaseFile, previous);
    }
    // A WAL or shared-memory file left by the replaced database belongs to it, not to the restored one.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(databaseFile + suffix)) {
        if (previous) await rename(databaseFile + suffix, previous + suffix);
        else await rm(databaseFile + suffix);
      }
    }
    await rename(copy, databaseFile);
    return { manifest, ...(previous && { previous }), rewrittenPaths };
  } finally {
    await rm(work, { recursive: true, force: true, maxRetries: 3 });
  }
}
