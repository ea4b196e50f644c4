import { describe, expect, it } from 'vitest';
import { heldByDeadProcess, LEASE_HOLDER } from '../src/lease-holder.ts';

describe('heldByDeadProcess', () => {
  const self = 'app~1a2b3c4d#4242#aaaaaa';
  const running = new Set([4242, 100]);
  const dead = (holder: string) => heldByDeadProcess(holder, self, (pid) => running.has(pid));

  it('calls dead a process of this machine whose pid is not running, or an earlier start with this pid', () => {
    expect(dead('app~1a2b3c4d#777#bbbbbb')).toBe(true);
    // A container restarted keeps its pid and host name: the same pid with another nonce is the one before.
    expect(dead('app~1a2b3c4d#4242#bbbbbb')).toBe(true);
  });

  it('never calls dead itself, a running pid, another machine, or a holder it cannot read', () => {
    expect(dead(self)).toBe(false);
    expect(dead('app~1a2b3c4d#100#bbbbbb')).toBe(false);
    expect(dead('other~1a2b3c4d#777#bbbbbb')).toBe(false);
    // The same host name after a reboot (another boot id) may be another machine with that name.
    expect(dead('app~99999999#777#bbbbbb')).toBe(false);
    for (const odd of ['', 'app', 'app#777', 'app#x#bbbbbb', 'app#0#bbbbbb', '#777#bbbbbb', 'app#777#'])
      expect(dead(odd), odd).toBe(false);
  });

  it('names this process: its pid, and a holder that reads as alive', () => {
    expect(LEASE_HOLDER.split('#')[1]).toBe(String(process.pid));
    expect(heldByDeadProcess(LEASE_HOLDER)).toBe(false);
    // A pid that cannot be running on this machine (beyond pid_max) is dead.
    expect(heldByDeadProcess(LEASE_HOLDER.replace(`#${process.pid}#`, '#999999999#'))).toBe(true);
  });
});
