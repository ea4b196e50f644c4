import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName, runScheduledBackup } from '../../src/backup/scheduled-backup.ts';
import { openStore } from '../../src/store/database.ts';
import { KyselyJobRuns } from '../../src/store/job-runs.ts';
import { chatAs, runCli } from '../support/run-cli.ts';

/*
 * `linli backup` / `linli restore` as an operator runs them: real processes on a real SQLite file, with
 * other processes writing to it while the backup is taken (DESIGN §4, issue "data rights" item 3).
 */

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-backup-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function install(dir: string): Record<string, string> {
  return { DATABASE_URL: `sqlite:${join(dir, 'linli.db')}`, DATA_DIR: join(dir, 'data') };
}

const PLACES = ['北门', '南门', '地下车库', '中心花园', '3号楼大堂', '游泳池', '篮球场', '西门'];
const PROBLEMS = ['路灯坏了', '垃圾没人清', '树枝断了挂在上面', '下水道堵了', '门禁刷不开', '地砖翘起来了'];
function complaints(user: number, n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) => `${user * 7 + i + 1}号楼${PLACES[i % PLACES.length]}${PROBLEMS[(i + user) % PROBLEMS.length]}`,
  );
}

function rows(file: string): Map<string, unknown[]> {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    return new Map(tables.map((t) => [t, db.prepare(`select * from "${t}" order by rowid`).all()]));
  } finally {
    db.close();
  }
}

/** Stores a photo the way the attachment fetcher does: the file under DATA_DIR/attachments, its row pointing at it. */
function addAttachment(env: Record<string, string>, ticketId: number, bytes: Buffer): string {
  const dir = join(env.DATA_DIR!, 'attachments', 'telegram');
  mkdirSync(dir, { recursive: true });
  const db = new SqliteDatabase(env.DATABASE_URL!.slice('sqlite:'.length));
  try {
    const id = Number(
      db
        .prepare(
          "insert into attachments (ticket_id, kind, platform, platform_file_id, mime_type, size_bytes, path, created_at) values (?, 'photo', 'telegram', ?, 'image/jpeg', ?, null, ?)",
        )
        .run(ticketId, `file-${ticketId}`, bytes.length, new Date().toISOString()).lastInsertRowid,
    );
    const path = join(dir, `${id}-abc.jpg`);
    writeFileSync(path, bytes);
    db.prepare('update attachments set path = ? where id = ?').run(path, id);
    return path;
  } finally {
    db.close();
  }
}

describe('linli backup and restore', () => {
  it('takes a consistent backup while residents are writing, and a restore into a new folder gives back every row and photo', async () => {
    const cwd = tempDir();
    const env = install(join(cwd, 'site'));
    expect(await chatAs('first', complaints(0, 3), { cwd, env })).toBe(0);
    const photo = randomBytes(50_000);
    addAttachment(env, 1, photo);

    // Write load: three residents filing at once while the backup runs.
    const load = Promise.all([1, 2, 3].map((u) => chatAs(`resident${u}`, complaints(u, 12), { cwd, env })));
    const during = await runCli(['backup', join(cwd, 'during.tar.gz')], { cwd, env });
    expect(await load).toEqual([0, 0, 0]);
    expect(during.stderr).toBe('');
    expect(during.code).toBe(0);
    expect(during.stdout).toMatch(/Backup written to .*during\.tar\.gz: \d+ tickets?, 1 attachment file \(/);

    // The backup taken under load is one consistent snapshot: whole, referentially sound, as counted.
    const restoredDuring = install(join(cwd, 'restored-during'));
    const r1 = await runCli(['restore', join(cwd, 'during.tar.gz')], { cwd, env: restoredDuring });
    expect(r1.stderr).toBe('');
    expect(r1.code).toBe(0);
    const snapshot = new SqliteDatabase(restoredDuring.DATABASE_URL!.slice(7), { readonly: true });
    expect(snapshot.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshot.pragma('foreign_key_check')).toEqual([]);
    const snapshotTickets = snapshot.prepare('select id, reference, summary from tickets order by id').all() as Array<{
      id: number;
      reference: string;
      summary: string;
    }>;
    snapshot.close();
    expect(snapshotTickets.length).toBeGreaterThanOrEqual(3);
    const source = rows(env.DATABASE_URL!.slice(7));
    // Every ticket of the snapshot is the source's ticket with the same id (tickets are only added here).
    const sourceTickets = new Map(
      (source.get('tickets') as Array<{ id: number; reference: string; summary: string }>).map((t) => [t.id, t]),
    );
    for (const t of snapshotTickets) expect(sourceTickets.get(t.id)).toMatchObject(t);

    // Quiet now: a second backup restored into a new folder equals the source row by row.
    const after = await runCli(['backup', join(cwd, 'after.tar.gz')], { cwd, env });
    expect(after.code).toBe(0);
    const restored = install(join(cwd, 'restored'));
    const r2 = await runCli(['restore', join(cwd, 'after.tar.gz')], { cwd, env: restored });
    expect(r2.code).toBe(0);
    expect(r2.stdout).toContain(`${(source.get('tickets') ?? []).length} tickets, 1 attachment file under`);
    const back = rows(restored.DATABASE_URL!.slice(7));
    expect([...back.keys()]).toEqual([...source.keys()]);
    for (const [table, sourceRows] of source) {
      if (table === 'attachments') continue;
      expect(back.get(table), table).toEqual(sourceRows);
    }
    // The photo is back, and its row points into the new DATA_DIR.
    const [attachment] = back.get('attachments') as Array<{ path: string; ticket_id: number }>;
    expect(attachment!.path.startsWith(join(restored.DATA_DIR!, 'attachments', 'telegram'))).toBe(true);
    expect(readFileSync(attachment!.path).equals(photo)).toBe(true);
    const { path: _p, ...sourceAttachment } = (source.get('attachments') as Array<{ path: string }>)[0]!;
    const { path: _b, ...backAttachment } = attachment!;
    expect(backAttachment).toEqual(sourceAttachment);

    // The restored install works: the CLI lists the same tickets.
    const listed = await runCli(['tickets', '--limit', '1000'], { cwd, env: restored });
    expect(listed.stdout.trim().split('\n')).toHaveLength((source.get('tickets') ?? []).length);
  });

  it('replaces an existing database only with --force, keeping the old one, and refuses a damaged archive without touching anything', async () => {
    const cwd = tempDir();
    const env = install(join(cwd, 'site'));
    await chatAs('a', ['5号楼门口路灯坏了'], { cwd, env });
    expect((await runCli(['backup', join(cwd, 'b.tar.gz')], { cwd, env })).code).toBe(0);
    await chatAs('b', ['8号楼地下车库漏水'], { cwd, env });

    const refused = await runCli(['restore', join(cwd, 'b.tar.gz')], { cwd, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/a database exists at .*--force/);

    const again = await runCli(['backup', join(cwd, 'b.tar.gz')], { cwd, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);

    const damaged = join(cwd, 'damaged.tar.gz');
    writeFileSync(damaged, readFileSync(join(cwd, 'b.tar.gz')).subarray(0, 2_000));
    const bad = await runCli(['restore', damaged, '--force'], { cwd, env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/linli restore: cannot read the backup/);
    expect((await runCli(['tickets'], { cwd, env })).stdout.trim().split('\n')).toHaveLength(2);

    const forced = await runCli(['restore', join(cwd, 'b.tar.gz'), '--force'], { cwd, env });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/The database it replaced is kept as .*linli\.db\.before-restore-/);
    expect((await runCli(['tickets'], { cwd, env })).stdout.trim().split('\n')).toHaveLength(1);
    const kept = readdirSync(join(cwd, 'site')).find(
      (f) => /^linli\.db\.before-restore-[^-]/.test(f) && !/-(wal|shm)$/.test(f),
    );
    expect(kept).toBeDefined();
  });

  it('tells a PostgreSQL install what to use instead', async () => {
    const cwd = tempDir();
    const result = await runCli(['backup', join(cwd, 'x.tar.gz')], {
      cwd,
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pg_dump');
    expect(existsSync(join(cwd, 'x.tar.gz'))).toBe(false);
    const cron = await runCli(['migrate'], {
      cwd,
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', BACKUP_CRON: '0 3 * * *' },
    });
    expect(cron.code).toBe(3);
    expect(cron.stderr).toContain('BACKUP_CRON');
  });
});

describe('scheduled backup', () => {
  it('takes one archive per scheduled run across two instances, and keeps the newest BACKUP_KEEP', async () => {
    const cwd = tempDir();
    const env = install(join(cwd, 'site'));
    await chatAs('a', ['5号楼门口路灯坏了'], { cwd, env });
    const dir = join(cwd, 'backups');
    mkdirSync(dir);
    writeFileSync(join(dir, 'operator-notes.txt'), 'mine');
    const log = pino({ level: 'silent' });
    const stores = [
      openStore({ kind: 'sqlite', url: env.DATABASE_URL!, file: env.DATABASE_URL!.slice(7) }),
      openStore({ kind: 'sqlite', url: env.DATABASE_URL!, file: env.DATABASE_URL!.slice(7) }),
    ];
    try {
      const deps = (i: number) => ({
        jobRuns: new KyselyJobRuns(stores[i]!.db),
        databaseFile: env.DATABASE_URL!.slice(7),
        dataDir: env.DATA_DIR!,
        dir,
        keep: 2,
        log,
      });
      const times = ['2026-12-01T19:30:00Z', '2026-12-02T19:30:00Z', '2026-12-03T19:30:00Z'].map((t) => new Date(t));
      for (const at of times) {
        const taken = await Promise.all([runScheduledBackup(deps(0), at), runScheduledBackup(deps(1), at)]);
        expect(taken.filter(Boolean)).toHaveLength(1);
      }
      expect(readdirSync(dir).sort()).toEqual([
        backupFileName(times[1]!),
        backupFileName(times[2]!),
        'operator-notes.txt',
      ]);
      expect(backupFileName(times[2]!)).toBe('linli-20261203T1930Z.tar.gz');
      const runs = await stores[0]!.db
        .selectFrom('job_runs')
        .select(['slot', 'status'])
        .where('job', '=', 'backup')
        .execute();
      expect(runs.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    } finally {
      for (const s of stores) await s.close();
    }
  });
});
