/** A calendar date as the wall shows it somewhere: `month` 1–12, `weekday` 0 (Sunday) – 6. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of `at` in `timeZone`, as if that reading were UTC (milliseconds). */
export function wallClock(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of format(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in milliseconds (whole seconds). */
export function offsetAt(at: number, timeZone: string): number {
  return wallClock(Math.floor(at / 1000) * 1000, timeZone) - Math.floor(at / 1000) * 1000;
}

/** The local date of an instant in `timeZone`. */
export function localDate(at: Date, timeZone: string): LocalDate {
  const wall = new Date(wallClock(at.getTime(), timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    weekday: wall.getUTCDay(),
  };
}

/** The day after `date` (month and year ends included). */
export function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return {
    year: next.getUTCFullYear(),
    month: next.getUTCMonth() + 1,
    day: next.getUTCDate(),
    weekday: next.getUTCDay(),
  };
}

/** `2026-10-01`. */
export function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/**
 * {@link zonedTime}'s answers, by zone, date and minute. Every new ticket's deadlines walk the working
 * hours of the same few days ahead, and each reading costs two `formatToParts`, a good part of the
 * inbox worker's turn; the zone's rules do not change while the process runs, so an answer stays true.
 */
const zonedTimes = new Map<string, number>();

/** Enough for the opening and closing times of years of days in a few zones (under a MB). */
const ZONED_TIMES_KEPT = 10_000;

/**
 * The instant when the wall clock in `timeZone` shows `minute` minutes after the local midnight of
 * `date` (1440 is the next midnight). In a daylight-saving gap the reading does not exist; the instant
 * returned then lies the gap's length later, which working hours never need.
 */
export function zonedTime(timeZone: string, date: LocalDate, minute: number): Date {
  const key = `${timeZone} ${date.year}-${date.month}-${date.day} ${minute}`;
  let instant = zonedTimes.get(key);
  if (instant === undefined) {
    const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minute);
    // Two passes: the offset at the first guess may differ from the offset at the answer near a change.
    const first = wall - offsetAt(wall, timeZone);
    instant = wall - offsetAt(first, timeZone);
    if (zonedTimes.size >= ZONED_TIMES_KEPT) zonedTimes.clear();
    zonedTimes.set(key, instant);
  }
  return new Date(instant);
}
