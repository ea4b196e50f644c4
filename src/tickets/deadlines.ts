import type { Category, Urgency } from './category.ts';

/** What deadlines need of a working calendar (src/calendar/working-calendar.ts is the real one). */
export interface WorkingClock {
  /** The instant at which `minutes` working minutes have passed since `start`. */
  addWorkingMinutes(start: Date, minutes: number): Date;
  /** Working minutes in one working day. */
  readonly minutesPerDay: number;
}

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
  greening: {
    normal: { responseMs: 24 * HOUR, resolutionMs: 7 * DAY },
    urgent: { responseMs: 1 * HOUR, resolutionMs: 12 * HOUR },
  },
  water_supply: {
    normal: { responseMs: 4 * HOUR, resolutionMs: 2 * DAY },
    urgent: { responseMs: 0.5 * HOUR, resolutionMs: 12 * HOUR },
  },
  security: {
    normal: { responseMs: 12 * HOUR, resolutionMs: 3 * DAY },
    urgent: { responseMs: 0.5 * HOUR, resolutionMs: 6 * HOUR },
  },
  upkeep: {
    normal: { responseMs: 24 * HOUR, resolutionMs: 5 * DAY },
    urgent: { responseMs: 1 * HOUR, resolutionMs: 24 * HOUR },
  },
  other: {
    normal: { responseMs: 48 * HOUR, resolutionMs: 14 * DAY },
    urgent: { responseMs: 4 * HOUR, resolutionMs: 3 * DAY },
  },
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

/**
 * The working minutes a routine ticket gets for a duration of the table. Under a day, hours are working
 * hours, up to one working day ("4h" = 4 working hours; "12h" = one working day when the day has fewer
 * working hours); a day or more counts working days ("2d" or "48h" = two working days, "1.5d" a day and
 * a half). So the mapping never shrinks when the duration grows, and "24h" means "by the same time on
 * the next working day".
 */
export function workingMinutesFor(ms: number, minutesPerDay: number): number {
  return ms < DAY ? Math.min(ms / 60_000, minutesPerDay) : (ms / DAY) * minutesPerDay;
}

/**
 * The instant `ms` after `from` for a ticket of `urgency`: on the clock for urgent tickets, which run
 * 24/7, and in working time (see {@link workingMinutesFor}) for routine ones when a calendar is given.
 */
export function dueAfter(from: Date, ms: number, urgency: Urgency, calendar?: WorkingClock): Date {
  if (urgency === 'urgent' || calendar === undefined) return new Date(from.getTime() + ms);
  return calendar.addWorkingMinutes(from, workingMinutesFor(ms, calendar.minutesPerDay));
}

/**
 * The due times of a ticket created at `createdAt`: clock time without a calendar, else working time
 * for routine tickets and clock time for urgent ones.
 */
export function deadlinesFor(
  table: DeadlineTable,
  category: Category,
  urgency: Urgency,
  createdAt: Date,
  calendar?: WorkingClock,
): { responseDueAt: Date; resolutionDueAt: Date } {
  const d = table[category][urgency];
  return {
    responseDueAt: dueAfter(createdAt, d.responseMs, urgency, calendar),
    resolutionDueAt: dueAfter(createdAt, d.resolutionMs, urgency, calendar),
  };
}
