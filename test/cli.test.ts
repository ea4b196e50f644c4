import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, it, type TestContext } from 'vitest';
import { openStore } from '../src/store/database.ts';
import { KyselyMemberStore } from '../src/store/member-store.ts';
import { KyselyTicketStore } from '../src/store/ticket-store.ts';
import { createTestStore, DIALECTS, MIGRATIONS } from './support/databases.ts';
import { runCli } from './support/run-cli.ts';

const APPLIED = `Applied ${MIGRATIONS.length} migration(s):\n${MIGRATIONS.map((m) => `  ${m}\n`).join('')}`;

/** A temporary working directory for one test (no ./.env there) and a CLI that runs in it. */
function sandbox(context: TestContext, databaseUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'linli-cli-'));
  context.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const url = databaseUrl ?? `sqlite:${join(dir, 'data', 'x.db')}`;
  return {
    dir,
    linli: (args: string[], env: Record<string, string> = {}) =>
      runCli(args, { cwd: dir, env: { DATABASE_URL: url, ...env } }),
  };
}

// Every test starts its own process; they run side by side to keep the file quick.
describe.concurrent('linli CLI', () => {
  describe('command line', () => {
    it('prints the help and exits 0', async (context) => {
      const result = await sandbox(context).linli(['help']);
      context.expect(result.code).toBe(0);
      context.expect(result.stdout).toContain('Usage: linli <command>');
      context.expect(result.stdout).toContain('invite --role ROLE');
    });

    it('exits 2 on an unknown command', async (context) => {
      const result = await sandbox(context).linli(['frobnicate']);
      context.expect(result.code).toBe(2);
      context.expect(result.stderr).toContain('unknown command "frobnicate"');
      context.expect(result.stderr).toContain('Usage: linli <command>');
    });

    it('names the roles an invite can have when given another', async (context) => {
      const result = await sandbox(context).linli(['invite', '--role', 'king']);
      context.expect(result.code).toBe(2);
      context.expect(result.stderr).toContain('--role must be one of staff, committee, party_branch, admin');
    });

    it('exits 2 on a bad option value, before reading the configuration', async (context) => {
      const result = await sandbox(context).linli(['tickets', '--status', 'bogus'], { DATABASE_URL: 'mysql://x' });
      context.expect(result.code).toBe(2);
      context.expect(result.stderr).toContain('--status must be one of open, acknowledged');
    });
  });

  describe('configuration and database errors', () => {
    it('exits 3 naming DATABASE_URL when its scheme is unsupported', async (context) => {
      const result = await sandbox(context).linli(['migrate'], { DATABASE_URL: 'mysql://x' });
      context.expect(result.code).toBe(3);
      context.expect(result.stderr).toContain('configuration error: DATABASE_URL');
      context.expect(result.stderr).toContain('"mysql"');
    });

    it('exits 4 with a clear message when the SQLite directory cannot be created', async (context) => {
      const { dir, linli } = sandbox(context);
      // Running as root, chmod would not stop us: a path under a regular file can never be created.
      const file = join(dir, 'not-a-directory');
      writeFileSync(file, '');
      const result = await linli(['migrate'], { DATABASE_URL: `sqlite:${file}/sub/x.db` });
      context.expect(result.code).toBe(4);
      context.expect(result.stderr).toContain(`cannot write to the directory ${file}/sub`);
      context.expect(result.stderr).toContain('DATABASE_URL');
      context.expect(result.stderr).not.toContain('    at ');
    });

    it('exits 4 with a clear message, and no password, when PostgreSQL does not answer', async (context) => {
      const result = await sandbox(context).linli(['tickets'], {
        DATABASE_URL: 'postgres://linli:hunter2@127.0.0.1:1/test',
      });
      context.expect(result.code).toBe(4);
      context.expect(result.stderr).toContain('the database did not answer');
      context.expect(result.stderr).toContain('ECONNREFUSED');
      context.expect(result.stderr).not.toContain('hunter2');
      context.expect(result.stderr).not.toContain('    at ');
    });
  });

  describe('on SQLite', () => {
    it('migrates once when two migrate commands start together', async (context) => {
      const { linli } = sandbox(context);
      const results = await Promise.all([linli(['migrate']), linli(['migrate'])]);
      context.expect(results.map((r) => [r.code, r.stderr])).toEqual([
        [0, ''],
        [0, ''],
      ]);
      context.expect(results.map((r) => r.stdout).sort()).toEqual([APPLIED, 'The database is up to date.\n']);
    });

    it('keeps the database in ./data/linli.db of the working directory by default', async (context) => {
      const { dir } = sandbox(context);
      context.expect((await runCli(['migrate'], { cwd: dir })).code).toBe(0);
      const file = join(dir, 'data', 'linli.db');
      const store = openStore({ kind: 'sqlite', url: `sqlite:${file}`, file });
      try {
        context.expect(await store.db.selectFrom('tickets').selectAll().execute()).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('says "No tickets." on a new database', async (context) => {
      context.expect(await sandbox(context).linli(['tickets'])).toMatchObject({ code: 0, stdout: 'No tickets.\n' });
    });

    it('lists tickets one per line, newest first, and filters them', async (context) => {
      const store = await createTestStore('sqlite');
      context.onTestFinished(() => store.cleanup());
      const { linli } = sandbox(context, store.config.url);
      const tickets = new KyselyTicketStore(store.db);
      const base = { urgency: 'normal' as const, language: 'zh-CN', classifierSource: 'offline', description: 'd' };
      const due = {
        responseDueAt: new Date('2026-03-02T05:00:00Z'),
        resolutionDueAt: new Date('2026-03-04T01:00:00Z'),
      };
      await tickets.create(
        {
          ...base,
          ...due,
          category: 'water_supply',
          summary: '3号楼停水',
          place: { building: '3', text: '3号楼' },
          createdAt: new Date('2026-03-02T01:00:00Z'),
        },
        null,
      );
      await tickets.create(
        {
          ...base,
          ...due,
          category: 'greening',
          summary: '树倒了',
          place: { spot: '中心花园', text: '中心花园' },
          createdAt: new Date('2026-03-02T02:00:00Z'),
        },
        null,
      );
      // A spot that names its building ("5号楼门口") is not preceded by the building again.
      await tickets.create(
        {
          ...base,
          ...due,
          category: 'upkeep',
          summary: '门禁坏了',
          place: { building: '5', spot: '5号楼门口', text: '5号楼门口' },
          createdAt: new Date('2026-03-02T03:00:00Z'),
        },
        null,
      );
      context.expect(await linli(['tickets'])).toMatchObject({
        code: 0,
        stdout:
          'U-0001\topen\tupkeep\tnormal\t2026-03-02 03:00\t5号楼门口\toffline\t门禁坏了\n' +
          'G-0001\topen\tgreening\tnormal\t2026-03-02 02:00\t中心花园\toffline\t树倒了\n' +
          'W-0001\topen\twater_supply\tnormal\t2026-03-02 01:00\t3号楼\toffline\t3号楼停水\n',
      });
      context
        .expect(await linli(['tickets', '--category', 'water_supply', '--search', '停水']))
        .toMatchObject({ code: 0, stdout: context.expect.stringMatching(/^W-0001\t[^\n]*\n$/) });
    });

    it('prints a one-time invite code that a chat can redeem once', async (context) => {
      const store = await createTestStore('sqlite');
      context.onTestFinished(() => store.cleanup());
      const result = await sandbox(context, store.config.url).linli(['invite', '--role', 'staff']);
      context.expect(result.code).toBe(0);
      context.expect(result.stdout).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}\n$/);
      const code = result.stdout.trim();
      context.expect(result.stderr).toContain(`/join ${code}`);
      // The expiry in the estate's time zone (Asia/Shanghai by default, UTC+8) and in ISO-8601.
      const until = /valid until (\d{4}-\d\d-\d\d \d\d:\d\d) Asia\/Shanghai \((\S+Z)\)/.exec(result.stderr);
      context.expect(until).not.toBeNull();
      const local = new Date(new Date(until![2]!).getTime() + 8 * 3_600_000)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ');
      context.expect(until![1]).toBe(local);
      const members = new KyselyMemberStore(store.db);
      const group = { platform: 'telegram', kind: 'group', id: '-1001' } as const;
      context.expect((await members.redeem(code, group, new Date())).kind).toBe('granted');
      context.expect((await members.redeem(code, { ...group, id: '-1002' }, new Date())).kind).toBe('invalid');
    });
  });

  describe('when the reader of its output goes away (linli tickets | head -1)', () => {
    for (const args of [['help'], ['tickets'], ['invite', '--role', 'staff']]) {
      it(`exits 0 quietly from "linli ${args.join(' ')}"`, async (context) => {
        const { dir } = sandbox(context);
        const url = `sqlite:${join(dir, 'data', 'x.db')}`;
        const result = await runCli(args, { cwd: dir, env: { DATABASE_URL: url }, closedStdout: true });
        context.expect(result).toMatchObject({ code: 0, signal: null });
        context.expect(result.stderr).not.toMatch(/EPIPE|Error|^\s+at /m);
      });
    }
  });

  for (const dialect of DIALECTS) {
    describe(`on ${dialect}`, () => {
      it('migrates the configured database, then finds nothing to do, and lists no tickets', async (context) => {
        const store = await createTestStore(dialect, { migrate: false });
        context.onTestFinished(() => store.cleanup());
        const { linli } = sandbox(context, store.config.url);
        context.expect(await linli(['migrate'])).toMatchObject({ code: 0, stdout: APPLIED });
        const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
        context.expect(rows.map((r) => r.name)).toEqual(MIGRATIONS);
        context.expect(await linli(['migrate'])).toMatchObject({ code: 0, stdout: 'The database is up to date.\n' });
        context.expect(await linli(['tickets'])).toMatchObject({ code: 0, stdout: 'No tickets.\n' });
      });
    });
  }
});
