import type { Reason, ReasonKind } from './agenda.ts';

/** Reporters from which a ticket counts as raised by many. */
export const MANY_REPORTERS = 3;
/** Days back from the week's end within which tickets at the same place count as repeated. */
export const REPEAT_WINDOW_DAYS = 28;
/** Tickets of one category at one place within the window from which the problem counts as repeated. */
export const REPEAT_MIN_TICKETS = 2;
/** Items listed; the rest are counted. */
export const MAX_ITEMS = 15;

/**
 * Weight of each reason. An overdue ticket and one the firm declared it cannot solve (explained,
 * with a plan) are what the meeting exists for; a reopened or a recurring problem means a repair
 * that did not hold; many reporters alone matter least (the figure is shown anyway).
 */
export const REASON_WEIGHTS: Readonly<Record<ReasonKind, number>> = {
  overdue: 3,
  explained: 3,
  reopened: 2,
  repeated: 2,
  many_reporters: 1,
  raised_at_meeting: 0,
};

/**
 * The score an item is ranked by, highest first: the sum of its reasons' weights, plus a quarter
 * point per reporter (at most 10 counted), one point if urgent, and up to one point for age (a
 * thirtieth per day). Ties go to the older ticket, then the lower reference.
 */
export function scoreItem(reasons: readonly Reason[], reporters: number, urgent: boolean, ageDays: number): number {
  const weights = reasons.reduce((sum, r) => sum + REASON_WEIGHTS[r.kind], 0);
  const score = weights + Math.min(reporters, 10) * 0.25 + (urgent ? 1 : 0) + Math.min(ageDays, 30) / 30;
  return Math.round(score * 100) / 100;
}

/** Orders items by score, then age, then reference. */
export function compareItems(
  a: { score: number; ageDays: number; reference: string },
  b: { score: number; ageDays: number; reference: string },
): number {
  return b.score - a.score || b.ageDays - a.ageDays || a.reference.localeCompare(b.reference);
}
