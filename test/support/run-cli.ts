import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The real CLI entry point, as `npx linli` runs it: the build, which the tests' global setup makes fresh. */
export const LINLI_BIN = fileURLToPath(new URL('../../bin/linli.js', import.meta.url));

/**
 * The environment of a CLI child: only what node needs plus `env`. Nothing leaks in from the developer's
 * shell (DATABASE_URL, TELEGRAM_BOT_TOKEN…), and tests run the CLI in a temporary directory, so no
 * ./.env is read either.
 */
export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', LOG_FORMAT: 'json', ...env };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `linli ...args` to completion. With `closedStdout`, its standard output is a pipe nobody
 * reads, closed before the command writes (as `linli tickets | head -1` after the first line).
 */
export function runCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; closedStdout?: boolean },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LINLI_BIN, ...args], {
      cwd: options.cwd,
      env: cliEnv(options.env ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (options.closedStdout) child.stdout.destroy();
    else child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Starts `linli ...args` and leaves it running (for `serve`). */
export function startCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): ChildProcess & {
  output: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
} {
  const child = spawn(process.execPath, [LINLI_BIN, ...args], {
    cwd: options.cwd,
    env: cliEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return Object.assign(child, { output, exited });
}

/**
 * A resident typing `lines` into `linli chat --user USER` (one message per line) through the service's own
 * code; resolves with the exit code.
 */
export function chatAs(
  user: string,
  lines: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LINLI_BIN, 'chat', '--user', user], {
      cwd: options.cwd,
      env: cliEnv(options.env ?? {}),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.on('error', reject);
    child.on('close', resolve);
    child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  });
}
