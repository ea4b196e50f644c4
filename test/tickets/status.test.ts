import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATUSES,
  canTransition,
  isStatus,
  STATUSES,
  transition,
  type Status,
} from '../../src/tickets/status.ts';

/** DESIGN §3, spelled out move by move. */
const LEGAL: ReadonlyArray<readonly [Status, Status]> = [
  ['open', 'acknowledged'],
  ['open', 'in_progress'],
  ['open', 'resolved'],
  ['open', 'explained'],
  ['open', 'closed'],
  ['open', 'duplicate'],
  ['acknowledged', 'in_progress'],
  ['acknowledged', 'resolved'],
  ['acknowledged', 'explained'],
  ['acknowledged', 'closed'],
  ['acknowledged', 'duplicate'],
  ['in_progress', 'resolved'],
  ['in_progress', 'explained'],
  ['in_progress', 'closed'],
  ['in_progress', 'duplicate'],
  ['resolved', 'open'],
  ['resolved', 'closed'],
  ['explained', 'in_progress'],
  ['explained', 'resolved'],
  ['explained', 'closed'],
  ['explained', 'duplicate'],
];

const isLegal = (from: Status, to: Status) => LEGAL.some(([f, t]) => f === from && t === to);

describe('transition', () => {
  it.each(LEGAL)('allows %s → %s', (from, to) => {
    expect(transition(from, to)).toEqual({ kind: 'ok', to });
    expect(canTransition(from, to)).toBe(true);
  });

  const illegal = STATUSES.flatMap((from) =>
    STATUSES.filter((to) => !isLegal(from, to)).map((to) => [from, to] as const),
  );

  it.each(illegal)('refuses %s → %s as a value, without throwing', (from, to) => {
    expect(transition(from, to)).toEqual({ kind: 'illegal-transition', from, to });
    expect(canTransition(from, to)).toBe(false);
  });

  it('covers every pair of statuses', () => {
    expect(LEGAL.length + illegal.length).toBe(STATUSES.length ** 2);
    expect(illegal).toContainEqual(['closed', 'open']);
    expect(illegal).toContainEqual(['duplicate', 'open']);
    expect(illegal).toContainEqual(['open', 'open']);
  });

  it('lets nothing leave closed or duplicate', () => {
    for (const to of STATUSES) {
      expect(canTransition('closed', to)).toBe(false);
      expect(canTransition('duplicate', to)).toBe(false);
    }
  });
});

describe('statuses', () => {
  it('knows the statuses of DESIGN §3 and nothing else', () => {
    expect([...STATUSES].sort()).toEqual([
      'acknowledged',
      'closed',
      'duplicate',
      'explained',
      'in_progress',
      'open',
      'resolved',
    ]);
    expect(isStatus('open')).toBe(true);
    expect(isStatus('OPEN')).toBe(false);
    expect(isStatus('reopened')).toBe(false);
    expect(isStatus(undefined)).toBe(false);
  });

  it('counts open, acknowledged and in-progress tickets as active', () => {
    expect([...ACTIVE_STATUSES].sort()).toEqual(['acknowledged', 'in_progress', 'open']);
  });
});
