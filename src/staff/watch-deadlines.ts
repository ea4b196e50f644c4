import type { Config } from '../config.ts';
import { messages } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import { forViewer, placeForViewer, type Audience } from '../privacy/for-viewer.ts';
import { dueAfter, type WorkingClock } from '../tickets/deadlines.ts';
import { ladderOfEstate, type EscalationLevel } from '../tickets/escalation-ladder.ts';
import type { Ticket } from '../tickets/ticket.ts';

/** A rung of the ladder above the staff group. */
export type RungLevel = Exclude<EscalationLevel, 'staff'>;

/** A step a ticket takes around its deadlines, once: a reminder before one, or a rung after. */
export type DeadlineStep = 'remind_response' | 'remind_resolution' | RungLevel;

/** A chat a notice goes to, and how much of a resident's words it may see (DESIGN §6). */
export interface Recipient {
  platform: string;
  chatId: string;
  audience: Audience;
}

/** An active ticket near or past a deadline, with the steps it has taken (and when). */
export interface WatchedTicket {
  ticket: Ticket;
  taken: ReadonlyMap<DeadlineStep, Date>;
  /** Whether the ticket's estate belongs to a street (街道): only then does its ladder have the street rung. */
  hasStreet: boolean;
}

/** The last rung of the ladder, for tickets of estates with a street and without one (no rungs: undefined). */
export interface LastSteps {
  withStreet: DeadlineStep | undefined;
  withoutStreet: DeadlineStep | undefined;
}

/**
 * What watching deadlines needs from storage; `src/store/escalation-store.ts` implements it with Kysely.
 */
export interface EscalationStore {
  /**
   * Active tickets with a deadline that still counts (the response one only while nobody answered)
   * at or before `until`, leaving out those that already took the last step of their estate's ladder
   * (`lastSteps`); at most `limit`, by id.
   */
  watchList(until: Date, lastSteps: LastSteps, limit: number): Promise<WatchedTicket[]>;
  /** Runs `work` in one transaction: the step's record, its history entry and its messages commit together. */
  transaction<T>(work: (tx: EscalationTransaction) => Promise<T>): Promise<T>;
}

/** The writes of one step, inside one transaction. */
export interface EscalationTransaction {
  /**
   * The chats of a rung in one estate: its staff groups for `staff`; every chat and person holding the
   * role in the estate otherwise; for `street`, those holding the street role of the estate's street.
   */
  chatsOf(role: EscalationLevel, estateId: number): Promise<Recipient[]>;
  /** The private chat of a member (an assignee); undefined when the member is unknown or revoked. */
  personalChat(memberId: number): Promise<Recipient | undefined>;
  /**
   * Records that a ticket took a step. Returns false when it had already taken it — in an earlier run
   * or in another instance's transaction, which this one waits for — and then nothing else may be written.
   */
  takeStep(ticketId: number, step: DeadlineStep, dueAt: Date, recipients: number, at: Date): Promise<boolean>;
  /** Adds an entry (by the system) to the ticket's history. */
  addEvent(ticketId: number, kind: 'reminded' | 'escalated', data: Record<string, unknown>, at: Date): Promise<void>;
  /** Queues a message in the outbox. */
  send(to: Recipient, message: OutgoingMessage, ticketId: number, at: Date): Promise<void>;
}

export interface WatchDeadlinesDeps {
  store: EscalationStore;
  /** Working time, which routine tickets' delays count (urgent ones run on the clock). */
  calendar: WorkingClock;
  /** An estate's working time, where estates keep their own hours; absent, `calendar` for every ticket. */
  calendarOf?: (estateId: number) => Promise<WorkingClock>;
  config: Pick<Config, 'defaultLocale' | 'timezone' | 'showResidentDetails' | 'reminderLeadMs' | 'escalationLadder'>;
  now: () => Date;
  /** Nudges the outbox dispatcher after messages were queued. */
  wakeOutbox?: () => void;
}

/** What one run did: reminders sent and rungs climbed. */
export interface WatchResult {
  reminded: number;
  escalated: number;
}

/** When a ticket reaches each rung, counted from the deadline it missed. */
export interface LadderSchedule {
  kind: 'response' | 'resolution';
  /** The missed deadline: the staff group hears of it then (see checkDeadlines). */
  missedAt: Date;
  rungs: Array<{ level: RungLevel; dueAt: Date }>;
}

const WATCH_BATCH = 500;

/**
 * The ladder of an active ticket that is past a deadline at `now`, or undefined when it is not: the
 * response deadline while nobody answered, else the resolution deadline. Each rung falls due its
 * delay after the rung below, in working time for routine tickets.
 */
export function ladderSchedule(
  ticket: Ticket,
  now: Date,
  ladder: Config['escalationLadder'],
  calendar: WorkingClock,
): LadderSchedule | undefined {
  const kind =
    ticket.firstResponseAt === null && ticket.responseDueAt <= now
      ? 'response'
      : ticket.resolutionDueAt <= now
        ? 'resolution'
        : undefined;
  if (kind === undefined) return undefined;
  const missedAt = kind === 'response' ? ticket.responseDueAt : ticket.resolutionDueAt;
  let at = missedAt;
  const rungs = ladder.map((rung) => {
    at = dueAfter(at, rung.delayMs, ticket.urgency, calendar);
    return { level: rung.level, dueAt: at };
  });
  return { kind, missedAt, rungs };
}

/**
 * Reminds before each deadline and climbs the escalation ladder after it (DESIGN §7). A reminder goes
 * `reminderLeadMs` before a deadline to the assignee, or the staff group when nobody is assigned (not
 * for a deadline shorter than the lead: the card has just been posted). A ticket past its deadline
 * reaches the estate's admin(s), then the residents' committee, then the Party branch, then the street
 * of its estate (if the estate belongs to one), each after its delay (ESCALATION_DELAYS), unless it is answered (for the response deadline) or closed first. Every
 * step is taken once per ticket, whatever the number of runs or instances, and recorded in the
 * ticket's history; notices are masked for each chat.
 */
export async function watchDeadlines(deps: WatchDeadlinesDeps): Promise<WatchResult> {
  const now = deps.now();
  const { config } = deps;
  const lastSteps: LastSteps = {
    withStreet: config.escalationLadder.at(-1)?.level,
    withoutStreet: ladderOfEstate(config.escalationLadder, false).at(-1)?.level,
  };
  const watched = await deps.store.watchList(new Date(now.getTime() + config.reminderLeadMs), lastSteps, WATCH_BATCH);
  const result: WatchResult = { reminded: 0, escalated: 0 };
  const calendars = new Map<number, WorkingClock>();
  const calendarOf = async (estateId: number): Promise<WorkingClock> => {
    if (!deps.calendarOf) return deps.calendar;
    let calendar = calendars.get(estateId);
    if (!calendar) calendars.set(estateId, (calendar = await deps.calendarOf(estateId)));
    return calendar;
  };
  for (const { ticket, taken, hasStreet } of watched) {
    for (const kind of ['response', 'resolution'] as const) {
      if (await remind(deps, ticket, taken, kind, now)) result.reminded++;
    }
    const ladder = ladderOfEstate(config.escalationLadder, hasStreet);
    const schedule = ladderSchedule(ticket, now, ladder, await calendarOf(ticket.estateId));
    if (!schedule) continue;
    for (const rung of schedule.rungs) {
      if (rung.dueAt > now) break;
      if (taken.has(rung.level)) continue;
      if (await escalate(deps, ticket, schedule, rung, now)) result.escalated++;
    }
  }
  if (result.reminded + result.escalated > 0) deps.wakeOutbox?.();
  return result;
}

async function remind(
  deps: WatchDeadlinesDeps,
  ticket: Ticket,
  taken: WatchedTicket['taken'],
  kind: 'response' | 'resolution',
  now: Date,
): Promise<boolean> {
  const step = kind === 'response' ? 'remind_response' : 'remind_resolution';
  const lead = deps.config.reminderLeadMs;
  const due = kind === 'response' ? ticket.responseDueAt : ticket.resolutionDueAt;
  const remindAt = new Date(due.getTime() - lead);
  if (lead <= 0 || taken.has(step) || now < remindAt || now >= due || ticket.createdAt >= remindAt) return false;
  if (kind === 'response' && ticket.firstResponseAt !== null) return false;
  const e = messages(deps.config.defaultLocale);
  return deps.store.transaction(async (tx) => {
    const assignee = ticket.assigneeId === null ? undefined : await tx.personalChat(ticket.assigneeId);
    const recipients = assignee ? [assignee] : await tx.chatsOf('staff', ticket.estateId);
    if (!(await tx.takeStep(ticket.id, step, remindAt, recipients.length, now))) return false;
    await tx.addEvent(
      ticket.id,
      'reminded',
      { deadline: kind, due: due.toISOString(), to: assignee ? 'assignee' : 'staff' },
      now,
    );
    for (const to of recipients) {
      const text = e.escalation.reminder({
        reference: ticket.reference,
        kind,
        due: formatLocalDateTime(due, deps.config.timezone),
        left: e.duration(due.getTime() - now.getTime()),
        summary: forViewer(ticket.summary, to.audience, { showResidentDetails: deps.config.showResidentDetails }),
      });
      await tx.send(to, { text, ...(ticket.urgency === 'urgent' && { urgent: true }) }, ticket.id, now);
    }
    return true;
  });
}

async function escalate(
  deps: WatchDeadlinesDeps,
  ticket: Ticket,
  schedule: LadderSchedule,
  rung: LadderSchedule['rungs'][number],
  now: Date,
): Promise<boolean> {
  const m = messages(deps.config.defaultLocale);
  const e = m.escalation;
  const below: EscalationLevel[] = [
    'staff',
    ...schedule.rungs.slice(0, schedule.rungs.indexOf(rung)).map((r) => r.level),
  ];
  return deps.store.transaction(async (tx) => {
    const recipients = await tx.chatsOf(rung.level, ticket.estateId);
    if (!(await tx.takeStep(ticket.id, rung.level, rung.dueAt, recipients.length, now))) return false;
    await tx.addEvent(
      ticket.id,
      'escalated',
      {
        level: rung.level,
        deadline: schedule.kind,
        due: schedule.missedAt.toISOString(),
        recipients: recipients.length,
        note: e.levelName[rung.level],
      },
      now,
    );
    for (const to of recipients) {
      const viewer = { showResidentDetails: deps.config.showResidentDetails };
      const text = e.escalated({
        reference: ticket.reference,
        category: m.categoryName[ticket.category],
        place: placeForViewer(ticket.place, deps.config.defaultLocale, to.audience, viewer),
        summary: forViewer(ticket.summary, to.audience, viewer),
        level: rung.level,
        kind: schedule.kind,
        due: formatLocalDateTime(schedule.missedAt, deps.config.timezone),
        overdueBy: m.duration(now.getTime() - schedule.missedAt.getTime()),
        below: below.map((level) => e.levelName[level]),
      });
      await tx.send(to, { text, ...(ticket.urgency === 'urgent' && { urgent: true }) }, ticket.id, now);
    }
    return true;
  });
}
