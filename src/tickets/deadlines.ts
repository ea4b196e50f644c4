import type { Category, Urgency } from './category.ts';

export interface Deadline {
  /** Time allowed until the first staff response, in milliseconds. */
  responseMs: number;
  /** Time allowed until the ticket is resolved or explained, in milliseconds. */
  resolutionMs: number;
}

export type DeadlineTable = Readonly<Record<Category, Readonly<Record<Urgency, Readonly<Deadline>>>>>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Defaults; operators override any cell through the DEADLINES variable. */
export const DEFAULT_DEADLINES: DeadlineTable = {
  greening: { normal: { responseMs: 24 * HOUR, resolutionMs: 7 * DAY }, urgent: { responseMs: 1 * HOUR, resolutionMs: 12 * HOUR } },
  water_supply: { normal: { responseMs: 4 * HOUR, resolutionMs: 2 * DAY }, urgent: { responseMs: 0.5 * HOUR, resolutionMs: 12 * HOUR } },
  security: { normal: { responseMs: 12 * HOUR, resolutionMs: 3 * DAY }, urgent: { responseMs: 0.5 * HOUR, resolutionMs: 6 * HOUR } },
  upkeep: { normal: { responseMs: 24 * HOUR, resolutionMs: 5 * DAY }, urgent: { responseMs: 1 * HOUR, resolutionMs: 24 * HOUR } },
  other: { normal: { responseMs: 48 * HOUR, resolutionMs: 14 * DAY }, urgent: { responseMs: 4 * HOUR, resolutionMs: 3 * DAY } },
};

/** Parses "30m", "4h", "2d" (or a plain number of minutes) into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([mhd]?)\s*$/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  const factor = unit === 'd' ? DAY : unit === 'h' ? HOUR : 60_000;
  return Math.round(value * factor);
}

/** The due times of a ticket created at `createdAt`. */
export function deadlinesFor(
  table: DeadlineTable,
  category: Category,
  urgency: Urgency,
  createdAt: Date,
): { responseDueAt: Date; resolutionDueAt: Date } {
  const d = table[category][urgency];
  return {
    responseDueAt: new Date(createdAt.getTime() + d.responseMs),
    resolutionDueAt: new Date(createdAt.getTime() + d.resolutionMs),
  };
}
