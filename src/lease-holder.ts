import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * The machine this process runs on: its host name and, on Linux, the kernel's boot id, so that a
 * host name reused after a reinstall or on another machine is not taken for this one.
 */
function thisHost(): string {
  let boot = '';
  try {
    boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
  } catch {
    // not Linux: the host name alone
  }
  return boot === '' ? hostname() : `${hostname()}~${boot}`;
}

const SEPARATOR = '#';

/**
 * Who holds a queue lease: `host#pid#nonce`. The nonce tells this start of a process from an earlier
 * one with the same pid (a container restarted keeps pid 1 and its host name).
 */
export const LEASE_HOLDER = `${thisHost().replaceAll(SEPARATOR, '_')}${SEPARATOR}${process.pid}${SEPARATOR}${randomBytes(6).toString('hex')}`;

/** Whether a process id is alive on this machine (EPERM: alive, but another user's). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `holder` is a process that is certainly gone: one on this machine whose pid is not
 * running, or an earlier start with this process's own pid. A holder on another machine, or one whose
 * pid is running (perhaps reused by another program), is never called dead: its leases run out on
 * their own. Instances sharing a database must have distinct host names.
 */
export function heldByDeadProcess(
  holder: string,
  self = LEASE_HOLDER,
  alive: (pid: number) => boolean = processAlive,
): boolean {
  const parse = (h: string) => {
    const [host, pid, nonce] = h.split(SEPARATOR);
    return host && nonce && /^[1-9]\d*$/.test(pid ?? '') ? { host, pid: Number(pid) } : undefined;
  };
  const them = parse(holder);
  const me = parse(self);
  if (!them || !me || holder === self || them.host !== me.host) return false;
  return them.pid === me.pid || !alive(them.pid);
}
