import { settingsOf } from '../estates/estate-settings.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { calendarFor } from '../calendar/calendar-for.ts';
import type { TicketStatusView } from '../i18n/catalog.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import { messages, type Catalog, type Locale } from '../i18n/index.ts';
import { formatPlace } from '../i18n/place-text.ts';
import { redactPersonalDetails } from '../privacy/redact.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import type { Report } from '../tickets/ticket-store.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { ResidentTurn } from '../turn/turn.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The tickets a resident asking "有人来吗" most likely means: those still being handled that they
 * report, newest first; else the one they reported last, if within two weeks.
 */
export async function ticketsToReportOn(ctx: ResidentTurn): Promise<Ticket[]> {
  const reports = (await ctx.ports.tickets.reportsOf(ctx.resident.id, 20)).filter((r) => r.report.withdrawnAt === null);
  const active = reports.filter((r) => ACTIVE_STATUSES.includes(r.ticket.status)).slice(0, 3);
  if (active.length > 0) return active.map((r) => r.ticket);
  const last = reports[0];
  return last && last.ticket.updatedAt.getTime() >= ctx.now.getTime() - 14 * 86_400_000 ? [last.ticket] : [];
}

/** Where each ticket stands and what happens next, as its reporter may see it. */
export async function answerStatus(ctx: ResidentTurn, list: Ticket[]): Promise<void> {
  const m = messages(ctx.locale);
  const tickets = ctx.ports.tickets;
  const lines: string[] = [];
  for (const ticket of list) {
    const report = await tickets.reportOf(ticket.id, ctx.resident.id);
    // The estate's working hours, which its deadlines count.
    const { workingHours } = await settingsOf(ctx.ports.estates, ticket.estateId, ctx.core.config);
    lines.push(
      m.ticketStatus(
        statusView(ticket, report, ctx.now, m, ctx.locale, {
          calendar: calendarFor({ timezone: ctx.core.config.timezone, workingHours }, ctx.core.log),
          timezone: ctx.core.config.timezone,
        }),
      ),
    );
  }
  ctx.replies.reply({ text: lines.join('\n\n') }, list.length === 1 ? list[0]!.id : null);
}

/** What counting the time left needs: the working calendar of routine tickets and the local time zone. */
export interface StatusClock {
  calendar: Pick<WorkingCalendar, 'workingMinutesBetween' | 'minutesPerDay'>;
  timezone: string;
}

/**
 * What a reporter is told about a ticket's progress: the next promise, how long until it is due and
 * when. A routine ticket's time left counts working time, as its deadlines do (a ticket due Monday
 * 10:00, asked about on Friday 17:00, has two working hours left, not 65 hours); an urgent one runs
 * on the clock.
 */
export function statusView(
  ticket: Ticket,
  report: Report | undefined,
  now: Date,
  m: Catalog,
  locale: Locale,
  clock: StatusClock,
): TicketStatusView {
  const base = {
    reference: ticket.reference,
    category: ticket.category,
    status: ticket.status,
    place: formatPlace(ticket.place, locale, { includeUnit: report?.isOriginal === true }),
    withdrawn: report?.withdrawnAt != null,
  };
  const working = ticket.urgency !== 'urgent';
  const until = (due: Date) => {
    if (due.getTime() <= now.getTime()) return undefined;
    const by = formatLocalDateTime(due, clock.timezone);
    if (!working) return { within: m.duration(due.getTime() - now.getTime()), by, workingTime: false };
    const minutes = Math.max(1, clock.calendar.workingMinutesBetween(now, due));
    // The way deadlines read a duration, backwards: under a working day, working hours; else working days.
    const ms =
      minutes < clock.calendar.minutesPerDay ? minutes * MINUTE : (minutes / clock.calendar.minutesPerDay) * DAY;
    return { within: m.duration(ms), by, workingTime: true };
  };
  if (ticket.status === 'resolved') return { ...base, next: 'resolved' };
  if (ticket.status === 'explained') return { ...base, next: 'explained' };
  if (!ACTIVE_STATUSES.includes(ticket.status)) return { ...base, next: 'ended' };
  if (ticket.status === 'open' && ticket.firstResponseAt === null) {
    const left = until(ticket.responseDueAt);
    return left ? { ...base, next: 'respond', ...left } : { ...base, next: 'overdue' };
  }
  const left = until(ticket.resolutionDueAt);
  return left ? { ...base, next: 'resolve', ...left } : { ...base, next: 'overdue' };
}

/**
 * The resident's reports as they may see them: their own words for a ticket they opened; for one they
 * joined, the masked summary (no neighbour's name, contacts or flat) and what they themselves wrote.
 */
export async function myTicketLines(ctx: ResidentTurn): Promise<string[]> {
  const m = messages(ctx.locale);
  const tickets = ctx.ports.tickets;
  const lines: string[] = [];
  for (const { ticket, report } of await tickets.reportsOf(ctx.resident.id, 10)) {
    const joined = !report.isOriginal;
    const summary = joined
      ? redactPersonalDetails(ticket.summary, await tickets.otherReportersDetails(ticket.id, ctx.resident.id))
      : ticket.summary;
    const own = report.text?.replace(/\s+/g, ' ').trim();
    lines.push(
      m.myTicketLine({
        reference: ticket.reference,
        category: ticket.category,
        status: ticket.status,
        summary,
        place: formatPlace(ticket.place, ctx.locale, { includeUnit: !joined }),
        joined,
        withdrawn: report.withdrawnAt !== null,
        ...(joined && own && { ownWords: own.length > 60 ? `${own.slice(0, 60)}…` : own }),
      }),
    );
  }
  return lines;
}
