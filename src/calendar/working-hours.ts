/** One opening of the day, in minutes after local midnight: `start` included, `end` excluded. */
export interface WorkingWindow {
  start: number;
  end: number;
}

/** The estate's working hours: the same windows on every working day, in order, not overlapping. */
export type WorkingHours = readonly WorkingWindow[];

/** The default: a working day of 7.5 hours with a lunch break. */
export const DEFAULT_WORKING_HOURS_TEXT = '09:00-12:00,13:30-18:00';

const WINDOW = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/;

/**
 * Reads `09:00-12:00,13:30-18:00` into windows. Returns the problem as a string when the text is not
 * such a list (a window must end after it starts, windows must be in order and not overlap, `24:00`
 * is the end of the day).
 */
export function workingHours(text: string): WorkingHours | string {
  const windows: WorkingWindow[] = [];
  for (const part of text.split(',')) {
    const match = WINDOW.exec(part);
    if (!match) return `"${part.trim()}" is not a window like 09:00-12:00`;
    const [start, end] = [minuteOfDay(match[1]!, match[2]!), minuteOfDay(match[3]!, match[4]!)];
    if (start === undefined || end === undefined)
      return `"${part.trim()}" has a time that is not on the clock (00:00 to 24:00)`;
    if (end <= start) return `"${part.trim()}" ends before it starts (a window cannot cross midnight)`;
    const previous = windows.at(-1);
    if (previous && start < previous.end)
      return `"${part.trim()}" starts before the window ahead of it ends (list the windows in order)`;
    windows.push({ start, end });
  }
  return windows;
}

function minuteOfDay(hours: string, minutes: string): number | undefined {
  const [h, m] = [Number(hours), Number(minutes)];
  if (m > 59 || h > 24 || (h === 24 && m > 0)) return undefined;
  return h * 60 + m;
}

/** Working minutes in one working day. */
export function minutesPerWorkingDay(hours: WorkingHours): number {
  return hours.reduce((sum, w) => sum + w.end - w.start, 0);
}
