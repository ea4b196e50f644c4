import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { beyondDataWarning, WorkingCalendar } from './working-calendar.ts';

const calendars = new WeakMap<object, WorkingCalendar>();

/**
 * The working calendar of a configuration (its WORKING_HOURS in its TIMEZONE on China's official
 * days), built once per configuration; a year beyond the holiday data is logged once as a warning.
 */
export function calendarFor(
  config: Pick<Config, 'workingHours' | 'timezone'>,
  log: Pick<Logger, 'warn'>,
): WorkingCalendar {
  let calendar = calendars.get(config);
  if (!calendar) {
    calendar = new WorkingCalendar({
      hours: config.workingHours,
      timeZone: config.timezone,
      onBeyondData: (year, days) => log.warn({ year, lastYear: days.lastYear }, beyondDataWarning(year, days)),
    });
    calendars.set(config, calendar);
  }
  return calendar;
}
