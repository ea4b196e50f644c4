import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { TarWriter } from './tar-archive.ts';

/** Name of the manifest inside a backup archive. */
export const MANIFEST_NAME = 'linli-backup.json';
/** Name of the database copy inside a backup archive. */
export const DATABASE_NAME = 'linli.db';
/** Folder, under DATA_DIR and inside the archive, of the stored photos and voice notes. */
export const ATTACHMENTS_DIR = 'attachments';

/** What a backup holds, written into it as linli-backup.json. */
export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** Absolute paths on the machine that took the backup: a restore elsewhere rewrites the attachments' paths. */
  source: { databaseFile: string; dataDir: string };
  /** Rows per table in the database copy. */
  tables: Record<string, number>;
  attachments: Array<{ path: string; bytes: number; sha256: string }>;
}

/** A backup could not be taken or restored; the message says what to do. */
export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

/** The SHA-256 of a file, hex, streamed (attachments may be large). */
export async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Copies the SQLite database at SOURCE into DESTINATION through SQLite's online backup API, while other
 * connections (a running `linli serve`) keep reading and writing. The copy is one consistent snapshot.
 */
export async function copySqliteDatabase(source: string, destination: string): Promise<void> {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(source, { fileMustExist: true, timeout: 5_000 });
  } catch (error) {
    throw new BackupError(
      `cannot open the SQLite database ${source}: ${(error as Error).message}; check DATABASE_URL`,
      { cause: error },
    );
  }
  try {
    // SQLite restarts a backup when another connection writes between two steps; after the first step,
    // asking for every remaining page at once makes each step a snapshot, so a busy service cannot keep
    // the backup restarting forever.
    await db.backup(destination, { progress: () => 1_000_000_000 });
  } finally {
    db.close();
  }
}

function countRows(file: string): Record<string, number> {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      throw new BackupError(
        `the database copy failed SQLite's integrity check (${String(check)}); the source may be damaged`,
      );
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => [
        t,
        Number(
          db
            .prepare(`select count(*) from "${t.replaceAll('"', '""')}"`)
            .pluck()
            .get(),
        ),
      ]),
    );
  } finally {
    db.close();
  }
}

/**
 * Takes a backup of a SQLite install into OUT (a .tar.gz that `tar -xzf` opens): a consistent copy of the
 * database, the stored attachments under DATA_DIR/attachments, and a manifest with row counts and the
 * attachments' checksums. Safe while the service runs. OUT must not exist; nothing is left half-written.
 */
export async function createBackup(options: {
  databaseFile: string;
  dataDir: string;
  out: string;
  now?: Date;
}): Promise<BackupManifest> {
  const databaseFile = resolve(options.databaseFile);
  const dataDir = resolve(options.dataDir);
  const out = resolve(options.out);
  const now = options.now ?? new Date();
  if (existsSync(out)) throw new BackupError(`${out} exists already; choose a new file name for the backup`);
  if (!existsSync(databaseFile))
    throw new BackupError(`there is no database at ${databaseFile}; check DATABASE_URL (nothing to back up)`);
  if (!existsSync(dirname(out))) throw new BackupError(`the folder ${dirname(out)} does not exist; create it first`);
  const work = await mkdtemp(join(dirname(out), `.${basename(out)}.`));
  const partial = join(work, 'archive.tar.gz');
  try {
    const copy = join(work, DATABASE_NAME);
    await copySqliteDatabase(databaseFile, copy);
    const tables = countRows(copy);
    // Attachments are written to disk before their row points at them, so every file the snapshot
    // refers to exists now; files that arrive after the snapshot are included too, and are harmless.
    const attachmentFiles = await listFiles(join(dataDir, ATTACHMENTS_DIR));
    const attachments: BackupManifest['attachments'] = [];
    for (const file of attachmentFiles) {
      const info = await stat(file);
      attachments.push({
        path: relative(dataDir, file).split(sep).join('/'),
        bytes: info.size,
        sha256: await sha256(file),
      });
    }
    const manifest: BackupManifest = {
      format: 1,
      createdAt: now.toISOString(),
      source: { databaseFile, dataDir },
      tables,
      attachments,
    };
    const tar = new TarWriter(partial);
    try {
      await tar.addBuffer(MANIFEST_NAME, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), now);
      await tar.addFile(DATABASE_NAME, copy, (await stat(copy)).size, now);
      for (const a of attachments) await tar.addFile(a.path, join(dataDir, a.path), a.bytes, now);
    } finally {
      await tar.close();
    }
    await rename(partial, out);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
