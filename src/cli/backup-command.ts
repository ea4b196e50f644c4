import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { EXIT, type CommandIo } from './command-io.ts';

const POSTGRES_ADVICE =
  'linli backup copies a SQLite database. With PostgreSQL, back up the database with its own tools ' +
  '(pg_dump -Fc "$DATABASE_URL" > linli.dump; restore with pg_restore -d "$DATABASE_URL" --clean linli.dump) ' +
  'and copy DATA_DIR/attachments beside it (the photos and voice notes).\n';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** `linli backup FILE`: an online, consistent backup of a SQLite install into FILE (.tar.gz). */
export async function backupCommand(argv: string[], io: CommandIo, config: Config): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) {
    io.stderr('linli backup: give the file to write, e.g. linli backup /srv/backups/linli-2026-12-02.tar.gz\n');
    return EXIT.usage;
  }
  if (config.database.kind !== 'sqlite') {
    io.stderr(POSTGRES_ADVICE);
    return EXIT.failure;
  }
  const { BackupError, createBackup } = await import('../backup/create-backup.ts');
  try {
    const manifest = await createBackup({
      databaseFile: config.database.file,
      dataDir: config.dataDir,
      out: positionals[0]!,
    });
    const bytes = manifest.attachments.reduce((sum, a) => sum + a.bytes, 0);
    io.stdout(
      `Backup written to ${positionals[0]}: ${count(manifest.tables.tickets ?? 0, 'ticket', 'tickets')}, ` +
        `${count(manifest.attachments.length, 'attachment file', 'attachment files')} (${formatBytes(bytes)}).\n` +
        'Restore: stop the service, then run linli restore FILE (see README, "Backups").\n',
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof BackupError) {
      io.stderr(`linli backup: ${error.message}\n`);
      return EXIT.failure;
    }
    throw error;
  }
}

/** `linli restore FILE [--force]`: puts a backup back into DATABASE_URL's file and DATA_DIR. */
export async function restoreCommand(argv: string[], io: CommandIo, config: Config): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean' } },
  });
  if (positionals.length !== 1) {
    io.stderr(
      'linli restore: give the backup file, e.g. linli restore /srv/backups/linli-2026-12-02.tar.gz [--force]\n',
    );
    return EXIT.usage;
  }
  if (config.database.kind !== 'sqlite') {
    io.stderr(POSTGRES_ADVICE);
    return EXIT.failure;
  }
  const { BackupError } = await import('../backup/create-backup.ts');
  const { restoreBackup } = await import('../backup/restore-backup.ts');
  try {
    const outcome = await restoreBackup({
      archive: positionals[0]!,
      databaseFile: config.database.file,
      dataDir: config.dataDir,
      force: values.force ?? false,
    });
    io.stdout(
      `Restored the backup of ${outcome.manifest.createdAt} into ${config.database.file}: ${count(outcome.manifest.tables.tickets ?? 0, 'ticket', 'tickets')}, ` +
        `${count(outcome.manifest.attachments.length, 'attachment file', 'attachment files')} under ${config.dataDir}.\n` +
        (outcome.previous ? `The database it replaced is kept as ${outcome.previous}.\n` : '') +
        'Start the service again.\n',
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof BackupError) {
      io.stderr(`linli restore: ${error.message}\n`);
      return EXIT.failure;
    }
    throw error;
  }
}
