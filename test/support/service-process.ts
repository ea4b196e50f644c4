import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from './run-cli.ts';

/**
 * `linli serve` as a child process, as an operator runs it: for tests that kill it (-9), run two of
 * it, or must see that it survives what it is sent. The child's environment is only `env` (see
 * `cliEnv`), its working directory a temporary one, its port chosen by the system (PORT=0). The port
 * is read from the "Linli is listening" log line, so LOG_LEVEL must stay at info or below.
 */
export interface ServiceProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  pid: number;
  /** What the child wrote so far (JSON log lines on stderr). */
  output: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGKILL, as a crash or the OOM killer would, and waits for the process to be gone. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful stop) and waits; SIGKILL if it does not exit within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Whether the process is still running. */
  alive(): boolean;
}

/** Polls `check` every 20 ms until it returns a value other than undefined/false; fails after `timeoutMs` naming `what`. */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function listeningPort(stderr: string): number | undefined {
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: unknown; port?: unknown };
      if (typeof entry.msg === 'string' && entry.msg.startsWith('Linli is listening') && typeof entry.port === 'number')
        return entry.port;
    } catch {
      // a line cut in two by the pipe; the next read completes it
    }
  }
  return undefined;
}

/**
 * Starts `linli serve` (see {@link startCli}) with `env` (PORT and HOST are set to a free loopback port) and
 * resolves once `GET /healthz` answers 200. Fails with the child's log when it exits first or does
 * not become healthy within `timeoutMs`.
 */
export async function startServiceProcess(
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<ServiceProcess> {
  const cwd = mkdtempSync(join(tmpdir(), 'linli-proc-'));
  const child = startCli(['serve'], { cwd, env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json' } });
  let gone = false;
  const exited = child.exited.then((result) => {
    gone = true;
    rmSync(cwd, { recursive: true, force: true });
    return result;
  });
  const timeoutMs = options.timeoutMs ?? 20_000;
  let url: string;
  try {
    const port = await waitUntil(
      () => {
        if (gone) throw new Error(`linli serve exited before listening:\n${child.output.stderr}`);
        return listeningPort(child.output.stderr);
      },
      'linli serve to listen',
      timeoutMs,
    );
    url = `http://127.0.0.1:${port}`;
    await waitUntil(
      async () => {
        if (gone) throw new Error(`linli serve exited before it was healthy:\n${child.output.stderr}`);
        return (
          (await fetch(`${url}/healthz`).then(
            (r) => r.status,
            () => 0,
          )) === 200
        );
      },
      '/healthz to answer 200',
      timeoutMs,
    );
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${(error as Error).message}\n--- child stderr ---\n${child.output.stderr.slice(-4000)}`, {
      cause: error,
    });
  }
  return {
    url,
    pid: child.pid!,
    output: child.output,
    exited,
    alive: () => !gone,
    async kill9() {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
    async stop(stopTimeoutMs = 10_000) {
      if (gone) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
