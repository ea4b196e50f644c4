/**
 * ISO-8601 weeks (`2026-W48`: Monday to Sunday, week 1 holds the year's first Thursday) in a time
 * zone. The agenda covers one such week; its bounds are the local midnights that start its Monday
 * and the next Monday, as UTC instants.
 */

import { isoDate, localDate as calendarDate, wallClock } from '../calendar/zoned-time.ts';

/** `YYYY-Www`, e.g. `2026-W48`. */
export type IsoWeek = string;

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

export function isIsoWeek(value: string): boolean {
  const match = ISO_WEEK.exec(value);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= weeksInYear(Number(match[1]));
}

function weeksInYear(year: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53.
  return isoWeekOfCivilDate(year, 12, 28).week;
}

/** The ISO week of a civil (calendar) date. */
function isoWeekOfCivilDate(year: number, month: number, day: number): { year: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const thursdayYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(thursdayYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { year: thursdayYear, week };
}

function format(year: number, week: number): IsoWeek {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The instant at which a civil date's midnight happens in a time zone. */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day);
  let guess = wanted;
  // Two corrections settle any offset, including the day a zone changes it.
  for (let i = 0; i < 3; i++) {
    const seen = wallClock(guess, timeZone);
    if (seen === wanted) break;
    guess += wanted - seen;
  }
  return new Date(guess);
}

/** The ISO week an instant falls in, in a time zone. */
export function isoWeekOf(at: Date, timeZone: string): IsoWeek {
  const d = calendarDate(at, timeZone);
  const w = isoWeekOfCivilDate(d.year, d.month, d.day);
  return format(w.year, w.week);
}

/** The civil date of a week's Monday. */
function mondayOf(week: IsoWeek): { year: number; month: number; day: number } {
  const match = ISO_WEEK.exec(week);
  if (!match) throw new RangeError(`"${week}" is not an ISO week like 2026-W48`);
  const year = Number(match[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(
    jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (Number(match[2]) - 1) * 7 * 86_400_000,
  );
  return { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() };
}

/** A week moved by `delta` weeks (negative: earlier). */
export function shiftWeek(week: IsoWeek, delta: number): IsoWeek {
  const m = mondayOf(week);
  const moved = new Date(Date.UTC(m.year, m.month - 1, m.day + 7 * delta));
  const w = isoWeekOfCivilDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
  return format(w.year, w.week);
}

/** The week's bounds in a time zone: `start` (Monday 00:00 local) inclusive, `end` (next Monday) exclusive. */
export function weekBounds(week: IsoWeek, timeZone: string): { start: Date; end: Date } {
  const m = mondayOf(week);
  const next = new Date(Date.UTC(m.year, m.month - 1, m.day + 7));
  return {
    start: localMidnight(m.year, m.month, m.day, timeZone),
    end: localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone),
  };
}

/**
 * The week an agenda compiled at `at` covers: the last complete week. The Monday-morning meeting goes
 * through the week that ended the night before.
 */
export function agendaWeekAt(at: Date, timeZone: string): IsoWeek {
  return shiftWeek(isoWeekOf(at, timeZone), -1);
}

/** The local civil date `YYYY-MM-DD` of an instant. */
export function localDate(at: Date, timeZone: string): string {
  return isoDate(calendarDate(at, timeZone));
}
