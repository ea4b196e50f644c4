import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './support/databases.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The production path: what `npm run build` (run by `npm install`, and by the tests' global setup)
 * writes, and the compiled CLI and `npm start` as an operator or a supervisor runs them.
 */
describe('the build', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linli-build-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the compiled CLI, the migrations under their own names and the classifier model', () => {
    expect(readdirSync(join(ROOT, 'dist', 'src'))).toContain('cli.js');
    expect(
      readdirSync(join(ROOT, 'dist', 'migrations'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => f.replace(/\.js$/, '')),
    ).toEqual(MIGRATIONS);
    expect(readdirSync(join(ROOT, 'dist', 'models'))).toEqual([expect.stringMatching(/^offline-[0-9a-f]{20}\.model$/)]);
  });

  it('runs bin/linli.js from dist/', () => {
    const result = spawnSync(process.execPath, ['bin/linli.js', '--help'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: linli <command>');
  });

  it('npm start serves from dist/ with the built model, and stops on a SIGTERM to npm', async () => {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: `sqlite:${join(dir, 'linli.db')}`,
      DATA_DIR: join(dir, 'data'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
    };
    const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    npm.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    try {
      let port: number | undefined;
      for (const until = Date.now() + 60_000; port === undefined && Date.now() < until;) {
        port = Number(/"port":(\d+),"database":"sqlite","msg":"Linli is listening/.exec(output)?.[1]) || undefined;
        if (port === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(port, output).toBeDefined();
      const healthz = `http://127.0.0.1:${port}/healthz`;
      expect((await fetch(healthz)).status).toBe(200);
      const migrated = output.split('\n').find((line) => line.includes('"msg":"database migrated"'));
      expect(JSON.parse(migrated!).migrations).toEqual(MIGRATIONS);
      expect(output).not.toContain('offline classifier trained');

      npm.kill('SIGTERM');
      const timer = setTimeout(() => npm.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      await expect(fetch(healthz)).rejects.toThrow();
      expect(output).toContain('"msg":"stopped"');
    } finally {
      npm.kill('SIGKILL');
      // A server left behind by npm (what this test guards against) must not outlive the test.
      const pid = Number(/"pid":(\d+)/.exec(output)?.[1]);
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone, as it should be
        }
      }
    }
  }, 120_000);
});
