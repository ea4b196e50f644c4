import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuMs, freePort, memoryOf } from './child.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * How lean `linli` starts, measured from outside as an operator would see it: `linli serve` with the
 * default configuration (SQLite under ./data, the offline classifier, no platform; only PORT is set, to
 * a free port) in an empty directory — the time from spawning the process to the first `/healthz` 200
 * and its resident memory after a few idle seconds — and the wall time of `linli --help` (median of
 * `rounds` runs). `root` is the checkout whose `bin/linli.js` runs (default this one).
 */
export async function runStartupBench(options: { quick?: boolean; root?: string } = {}): Promise<string[]> {
  const bin = join(options.root ?? ROOT, 'bin/linli.js');
  const rounds = options.quick ? 3 : 7;
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_FORMAT: 'json' };

  const help: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [bin, '--help'], { env, encoding: 'utf8' });
    help.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`linli --help exited ${result.status}: ${result.stderr}`);
  }

  const healthz: number[] = [];
  const healthzCpu: number[] = [];
  let idleRss = 0;
  let idlePeak = 0;
  const serves = options.quick ? 1 : 3;
  for (let i = 0; i < serves; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'linli-bench-startup-'));
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, [bin, 'serve'], {
      cwd: dir,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let gone = false;
    void exited.then(() => (gone = true));
    try {
      for (;;) {
        if (gone) throw new Error('linli serve exited before /healthz answered');
        const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          async (r) => (await r.arrayBuffer(), r.status),
          () => 0,
        );
        if (status === 200) break;
        if (performance.now() - started > 60_000) throw new Error('linli serve did not answer /healthz within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      healthz.push(performance.now() - started);
      healthzCpu.push(cpuMs(child.pid!));
      // Idle: give the start-up's garbage (and any catch-up work) a few seconds to settle.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const memory = memoryOf(child.pid!);
      idleRss = Math.max(idleRss, memory.rssMiB);
      idlePeak = Math.max(idlePeak, memory.peakMiB);
    } finally {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return [
    `startup_help_ms ${median(help).toFixed(0)} ms # linli --help, median of ${rounds}`,
    `startup_healthz_ms ${median(healthz).toFixed(0)} ms # spawn of linli serve to the first /healthz 200, median of ${serves}`,
    `startup_healthz_cpu_ms ${median(healthzCpu).toFixed(0)} ms # CPU time (user + system) linli serve used until then, which a busy machine inflates less than the wall time`,
    `startup_idle_rss ${idleRss.toFixed(0)} MiB # linli serve with the default configuration, 3 s after /healthz`,
    `startup_idle_peak ${idlePeak.toFixed(0)} MiB # its VmHWM`,
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rootAt = process.argv.indexOf('--root');
  const root = rootAt > 0 ? process.argv[rootAt + 1] : undefined;
  for (const line of await runStartupBench({ quick: process.argv.includes('--quick'), ...(root && { root }) }))
    console.log(line);
}
