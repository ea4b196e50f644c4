import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { beyondDataWarning, WorkingCalendar } from './working-calendar.ts';

// By hours and time zone: estates with the same hours share one (there are few distinct ones).
const calendars = new Map<string, WorkingCalendar>();

/**
 * The working calendar of a configuration or an estate (its working hours in its TIMEZONE on China's
 * official days), built once per distinct hours; a year beyond the holiday data is logged once as a warning.
 */
export function calendarFor(
  config: Pick<Config, 'workingHours' | 'timezone'>,
  log: Pick<Logger, 'warn'>,
): WorkingCalendar {
  const key = `${config.timezone} ${JSON.stringify(config.workingHours)}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = new WorkingCalendar({
      hours: config.workingHours,
      timeZone: config.timezone,
      onBeyondData: (year, days) => log.warn({ year, lastYear: days.lastYear }, beyondDataWarning(year, days)),
    });
    calendars.set(key, calendar);
  }
  return calendar;
}
