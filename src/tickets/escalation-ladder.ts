import { parseDuration } from './deadlines.ts';

/**
 * The rungs a ticket climbs after it passes a deadline: the staff group hears of it at once (the
 * overdue notice), then the estate's admin(s), the residents' committee, the community Party branch
 * and the street (街道) the estate belongs to, each after a delay. An estate that belongs to no street
 * has no street rung (its ladder ends at the rung below); `chatsOf` (src/store/escalation-store.ts)
 * finds the chats of the ticket's estate's street.
 */
export const ESCALATION_LEVELS = ['staff', 'admin', 'committee', 'party_branch', 'street'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** A rung above the staff group and how long after the rung below it the ticket reaches it. */
export interface EscalationRung {
  level: Exclude<EscalationLevel, 'staff'>;
  /** Milliseconds after the rung below (working time for routine tickets, as deadlines). */
  delayMs: number;
}

/** The ladder above the staff group, bottom first. */
export type EscalationLadder = readonly EscalationRung[];

const HOUR = 3_600_000;

/**
 * Defaults: the admin 4 hours after the deadline, the committee 2 days later, the Party branch 3 days
 * after that, the street 5 days after the Party branch.
 */
export const DEFAULT_ESCALATION_LADDER: EscalationLadder = Object.freeze([
  { level: 'admin', delayMs: 4 * HOUR },
  { level: 'committee', delayMs: 48 * HOUR },
  { level: 'party_branch', delayMs: 72 * HOUR },
  { level: 'street', delayMs: 120 * HOUR },
]);

/** The ladder of an estate: without a street (街道) to climb to, the street rung is left out. */
export function ladderOfEstate(ladder: EscalationLadder, hasStreet: boolean): EscalationLadder {
  return hasStreet ? ladder : ladder.filter((r) => r.level !== 'street');
}

/**
 * Reads `admin=4h,committee=2d,party_branch=3d,street=5d`: each entry replaces the default delay of its rung; an
 * empty one (`party_branch=`) takes the rung off the ladder. Returns the problem as a string when the
 * text is not such a list.
 */
export function escalationLadder(text: string | undefined): EscalationLadder | string {
  if (text === undefined) return DEFAULT_ESCALATION_LADDER;
  const delays = new Map<string, number | null>(DEFAULT_ESCALATION_LADDER.map((r) => [r.level, r.delayMs]));
  const seen = new Set<string>();
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const eq = entry.indexOf('=');
    const level = (eq === -1 ? entry : entry.slice(0, eq)).trim();
    if (eq === -1) return `"${entry.trim()}" is not level=delay (e.g. admin=4h,committee=2d,party_branch=3d,street=5d)`;
    if (!delays.has(level))
      return `unknown level "${level}" (expected ${DEFAULT_ESCALATION_LADDER.map((r) => r.level).join(', ')})`;
    if (seen.has(level)) return `"${level}" is given twice`;
    seen.add(level);
    const value = entry.slice(eq + 1).trim();
    if (value === '') {
      delays.set(level, null);
      continue;
    }
    const ms = parseDuration(value);
    if (ms === undefined) return `${level}=${value} is not a duration like 30m, 4h or 2d`;
    delays.set(level, ms);
  }
  return Object.freeze(
    DEFAULT_ESCALATION_LADDER.flatMap((r) => {
      const delayMs = delays.get(r.level);
      return delayMs === null || delayMs === undefined ? [] : [{ level: r.level, delayMs }];
    }),
  );
}
