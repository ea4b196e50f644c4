import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Locale } from '../i18n/catalog.ts';
import { consoleMessages } from '../i18n/console-messages.ts';
import { messages } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import { forViewer, placeForViewer } from '../privacy/for-viewer.ts';
import type { ListedTicket } from './console-ticket-reader.ts';
import { isOverdue } from './overdue.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  locale: Locale;
  timeZone: string;
  /** What "overdue" is measured against. */
  now: Date;
}

/**
 * One exported ticket: no names, phones, flats, user ids or residents' own words, only what DESIGN §6
 * allows an export (masked as for the public, whatever SHOW_RESIDENT_DETAILS says).
 */
function exportCells(listed: ListedTicket, options: ExportOptions): Array<string | number> {
  const { ticket: t, reporters } = listed;
  const m = messages(options.locale);
  const c = consoleMessages(options.locale);
  const when = (at: Date | null): string => (at === null ? '' : formatLocalDateTime(at, options.timeZone));
  return [
    t.reference,
    m.statusName[t.status],
    m.categoryName[t.category],
    m.urgencyName[t.urgency],
    t.place?.building !== undefined ? forViewer(t.place.building, 'public') : '',
    placeForViewer(t.place, options.locale, 'public'),
    forViewer(t.summary, 'public').replace(/\s+/g, ' '),
    reporters,
    when(t.createdAt),
    when(t.firstResponseAt),
    when(t.resolvedAt),
    when(t.responseDueAt),
    when(t.resolutionDueAt),
    isOverdue(t, options.now) ? c.yes : c.no,
  ];
}

function header(locale: Locale): string[] {
  const h = consoleMessages(locale).exportColumns;
  return [
    h.reference,
    h.status,
    h.category,
    h.urgency,
    h.building,
    h.place,
    h.summary,
    h.reporters,
    h.created,
    h.firstResponse,
    h.resolved,
    h.responseDue,
    h.resolutionDue,
    h.overdue,
  ];
}

/**
 * A CSV field: quoted when needed; a text a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * is prefixed with an apostrophe, so an exported summary cannot become a formula (CSV injection).
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Writes tickets as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese right; CRLF lines) or
 * XLSX (streamed, one sheet) to `out`, and ends it. Used by the console's export routes and `linli export`.
 */
export async function writeTicketExport(
  tickets: AsyncIterable<ListedTicket>,
  format: ExportFormat,
  out: Writable,
  options: ExportOptions,
): Promise<number> {
  let count = 0;
  if (format === 'csv') {
    await write(out, `\uFEFF${header(options.locale).map(csvField).join(',')}\r\n`);
    for await (const listed of tickets) {
      await write(out, `${exportCells(listed, options).map(csvField).join(',')}\r\n`);
      count++;
    }
    out.end();
    await once(out, 'finish');
    return count;
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(consoleMessages(options.locale).title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = header(options.locale).map((name, i) => ({
    header: name,
    width: i === 6 ? 60 : i === 5 ? 24 : 16,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const listed of tickets) {
    // Cells are written as strings or numbers, never formulas: exceljs takes a leading "=" as text.
    sheet.addRow(exportCells(listed, options)).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
