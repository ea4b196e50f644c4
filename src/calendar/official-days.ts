import { createRequire } from 'node:module';

/**
 * Which days of a calendar are working days. `holidays` are days off that would be working days by the
 * weekday (public holidays and the weekdays given with them); `workdays` are the 调休 make-up days, a
 * Saturday or Sunday worked in exchange. Both hold ISO dates (`2026-10-01`).
 */
export interface OfficialDays {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  /** The first and last years whose schedule the data holds. */
  firstYear: number;
  lastYear: number;
  /** Where the data comes from, for messages that say how to update it. */
  source: string;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let loaded: OfficialDays | undefined;

/**
 * China's official schedule of public holidays and 调休 days, from the `chinese-days` package (its
 * maintainers add each year's schedule when the State Council publishes it, usually in November).
 */
export function officialDays(): OfficialDays {
  if (loaded) return loaded;
  // The package ships the schedule as JSON beside its code; reading it directly gives the years it covers.
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const years = [...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((date) => Number(date.slice(0, 4)));
  loaded = Object.freeze({
    holidays: new Set(Object.keys(data.holidays)),
    workdays: new Set(Object.keys(data.workdays)),
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
    source: 'chinese-days',
  });
  return loaded;
}
