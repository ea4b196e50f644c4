/** One formatter per time zone: constructing an Intl.DateTimeFormat costs far more than formatting (an export formats 100 k rows). */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/** `2026-11-29 17:00`: a moment as the clock on the wall shows it in `timeZone` (an IANA name). */
export function formatLocalDateTime(at: Date, timeZone: string): string {
  let format = FORMATTERS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    FORMATTERS.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
