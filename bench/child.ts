import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A server started as a child process, so the load generator never shares its event loop. */
export interface ChildServer {
  process: ChildProcess;
  pid: number;
  port: number;
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

/** A free loopback port (taken from the kernel, then released for the child). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node <args>` with `env` (PORT is chosen here) and waits until `healthPath` answers 200. Its
 * output goes to `logFile`, not through a pipe the bench would have to drain.
 */
export async function startChild(
  args: string[],
  env: Record<string, string>,
  options: { logFile: string; healthPath: string; timeoutMs?: number },
): Promise<ChildServer> {
  const port = await freePort();
  const fd = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (gone)
      throw new Error(
        `${args.join(' ')} exited before answering; its log:\n${readFileSync(options.logFile, 'utf8').slice(-4000)}`,
      );
    try {
      const response = await fetch(`${url}${options.healthPath}`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${args.join(' ')} did not answer ${options.healthPath} in time; its log:\n${readFileSync(options.logFile, 'utf8').slice(-4000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    process: child,
    pid: child.pid!,
    port,
    url,
    logFile: options.logFile,
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident set size now and at its peak (VmRSS, VmHWM of /proc/<pid>/status), in MiB. */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** CPU time a process has used, user and system, in milliseconds (/proc/<pid>/stat, in clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
