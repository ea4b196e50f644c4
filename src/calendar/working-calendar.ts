import { officialDays, type OfficialDays } from './official-days.ts';
import { minutesPerWorkingDay, type WorkingHours } from './working-hours.ts';
import { isoDate, localDate, nextDay, zonedTime, type LocalDate } from './zoned-time.ts';

const MINUTE = 60_000;
/** No deadline needs a longer search; past it the hours must be empty, which `workingHours` refuses. */
const MAX_DAYS = 20 * 366;

export interface WorkingCalendarOptions {
  /** The estate's working hours, the same on every working day. */
  hours: WorkingHours;
  /** The estate's IANA time zone: working hours are read on its wall clock. */
  timeZone: string;
  /** Public holidays and 调休 days; China's official schedule unless given. */
  days?: OfficialDays;
  /**
   * Called once per year when a computation first needs a day of a year the schedule does not hold;
   * the days of that year are then counted Monday to Friday (see {@link beyondDataWarning}).
   */
  onBeyondData?: (year: number, days: OfficialDays) => void;
}

/**
 * The message for a year beyond the holiday data: what is assumed and how to fix it.
 */
export function beyondDataWarning(year: number, days: OfficialDays): string {
  return (
    `the official holiday schedule of ${year} is not in ${days.source} (it holds ${days.firstYear}–${days.lastYear}); ` +
    `counting Monday to Friday as the working days of ${year} until it is. Update the package (npm update ${days.source}, ` +
    'then rebuild and restart): the State Council publishes each year’s schedule in November'
  );
}

/**
 * Working time of one estate: its working hours, on the working days of China's official calendar
 * (weekdays, minus public holidays, plus 调休 make-up days). Deadlines of routine tickets count it.
 * A year beyond the holiday data falls back to Monday–Friday and is reported once through
 * `onBeyondData`: a resident's report is never refused for want of next year's schedule.
 */
export class WorkingCalendar {
  private readonly days: OfficialDays;
  private readonly warned = new Set<number>();
  /** Working minutes in one working day. */
  readonly minutesPerDay: number;

  constructor(private readonly options: WorkingCalendarOptions) {
    this.days = options.days ?? officialDays();
    this.minutesPerDay = minutesPerWorkingDay(options.hours);
  }

  /** Whether a local date is a working day. */
  isWorkingDay(date: LocalDate): boolean {
    const iso = isoDate(date);
    if (date.year < this.days.firstYear || date.year > this.days.lastYear) {
      if (!this.warned.has(date.year)) {
        this.warned.add(date.year);
        this.options.onBeyondData?.(date.year, this.days);
      }
      return date.weekday >= 1 && date.weekday <= 5;
    }
    if (this.days.workdays.has(iso)) return true;
    if (this.days.holidays.has(iso)) return false;
    return date.weekday >= 1 && date.weekday <= 5;
  }

  /**
   * The instant at which `minutes` working minutes have passed since `start`. Time outside working hours
   * does not count: from a Friday 17:00 with 9:00–18:00 hours, 120 minutes end on Monday 10:00. An
   * amount that ends exactly at a closing time gives that closing time.
   */
  addWorkingMinutes(start: Date, minutes: number): Date {
    let remaining = Math.max(0, minutes) * MINUTE;
    if (remaining === 0) return new Date(start.getTime());
    let date = localDate(start, this.options.timeZone);
    for (let i = 0; i < MAX_DAYS; i++, date = nextDay(date)) {
      for (const [from, to] of this.openings(date)) {
        const begin = Math.max(from, start.getTime());
        if (to <= begin) continue;
        if (to - begin >= remaining) return new Date(begin + remaining);
        remaining -= to - begin;
      }
    }
    throw new Error(`no working time found in ${MAX_DAYS} days after ${start.toISOString()}; check WORKING_HOURS`);
  }

  /** Working minutes from `a` to `b` (negative when `b` is before `a`). */
  workingMinutesBetween(a: Date, b: Date): number {
    if (b < a) return -this.workingMinutesBetween(b, a);
    let total = 0;
    let date = localDate(a, this.options.timeZone);
    const last = isoDate(localDate(b, this.options.timeZone));
    for (let i = 0; i < MAX_DAYS; i++, date = nextDay(date)) {
      for (const [from, to] of this.openings(date)) {
        total += Math.max(0, Math.min(to, b.getTime()) - Math.max(from, a.getTime()));
      }
      if (isoDate(date) >= last) break;
    }
    return total / MINUTE;
  }

  /** The working windows of a date as instants (milliseconds); none on a day off. */
  private openings(date: LocalDate): Array<[number, number]> {
    if (!this.isWorkingDay(date)) return [];
    return this.options.hours.map((w) => [
      zonedTime(this.options.timeZone, date, w.start).getTime(),
      zonedTime(this.options.timeZone, date, w.end).getTime(),
    ]);
  }
}
