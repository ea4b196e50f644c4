import { calendarFor } from '../calendar/calendar-for.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { Member } from '../members/member.ts';
import { forViewer, placeForViewer } from '../privacy/for-viewer.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { memberName } from '../turn/assign-in-turn.ts';
import type { Core } from '../turn/core.ts';
import type { TurnPorts } from '../turn/unit-of-work.ts';
import { estateNamer, estatesInView } from './memberships.ts';
import { ACTING_ROLES } from './staff-actions.ts';
import { adminEstate, audienceOf, catalog, type StaffTurn } from './staff-turn.ts';

/** How many tickets `/mine` lists at most. */
const MINE_LIMIT = 30;
/** The window of the median first response in `/workload`, in days. */
export const WORKLOAD_DAYS = 30;
const DAY = 86_400_000;

/**
 * The deadline that matters for a ticket at `now`: a passed one first (the response one while nobody
 * answered, then the resolution one), else the next one to come.
 */
export function currentDeadline(ticket: Ticket, now: Date): { kind: 'response' | 'resolution'; due: Date } {
  const unanswered = ticket.firstResponseAt === null;
  if (unanswered && ticket.responseDueAt <= now) return { kind: 'response', due: ticket.responseDueAt };
  if (ticket.resolutionDueAt <= now || !unanswered) return { kind: 'resolution', due: ticket.resolutionDueAt };
  return { kind: 'response', due: ticket.responseDueAt };
}

/** Whether an active ticket is past a deadline at `now` (an unanswered response, or its resolution). */
export function isOverdue(ticket: Ticket, now: Date): boolean {
  if (!ACTIVE_STATUSES.includes(ticket.status)) return false;
  return (ticket.firstResponseAt === null && ticket.responseDueAt <= now) || ticket.resolutionDueAt <= now;
}

/** A person's key: one person may hold several roles (several member ids). */
function personOf(member: Pick<Member, 'platform' | 'subjectId'>): string {
  return `${member.platform}:${member.subjectId}`;
}

/**
 * The member ids of the person who sent this turn's event in the estates of `estateIds` (one per role
 * they hold or held there: a ticket stays theirs through a change of role).
 */
async function ownMemberIds(turn: StaffTurn, estateIds: readonly number[]): Promise<number[]> {
  const mine = await turn.ports.members.select({
    kind: 'subject',
    platform: turn.event.platform,
    subjectId: turn.event.sender.id,
  });
  return mine.filter((m) => m.subjectKind === 'user' && estateIds.includes(m.estateId)).map((m) => m.id);
}

/**
 * `/mine`: the active tickets assigned to the staff member who asks, overdue ones first, then by the
 * deadline that counts now; masked for the chat it is read in (DESIGN §6). A staff group lists its
 * own estate's; a private chat every estate the person acts in, each line naming its estate then.
 */
export async function listMine(turn: StaffTurn): Promise<void> {
  const w = catalog(turn).workload;
  const m = catalog(turn);
  const estateIds = await estatesInView(turn);
  const list = await turn.ports.workload.assignedTo(await ownMemberIds(turn, estateIds), MINE_LIMIT);
  const estateName = await estateNamer(turn, estateIds);
  if (list.length === 0) {
    turn.replies.reply({ text: w.mineEmpty });
    return;
  }
  const audience = await audienceOf(turn);
  const viewer = { showResidentDetails: turn.core.config.showResidentDetails };
  const rows = list
    .map((ticket) => ({ ticket, overdue: isOverdue(ticket, turn.now), ...currentDeadline(ticket, turn.now) }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.getTime() - b.due.getTime());
  const lines = rows.map(({ ticket, overdue, kind, due }) => {
    const estate = estateName(ticket.estateId);
    return w.mineLine({
      ...(estate !== undefined && { estate }),
      reference: ticket.reference,
      status: m.statusName[ticket.status],
      category: m.categoryName[ticket.category],
      urgent: ticket.urgency === 'urgent',
      place: placeForViewer(ticket.place, turn.core.config.defaultLocale, audience, viewer),
      summary: cut(forViewer(ticket.summary, audience, viewer), 40),
      due: formatLocalDateTime(due, turn.core.config.timezone),
      kind,
      overdue,
    });
  });
  const overdue = rows.filter((r) => r.overdue).length;
  turn.replies.reply({ text: [w.mineHeader({ count: list.length, overdue }), ...lines].join('\n') });
}

/**
 * The claim button (我来处理): the ticket goes to whoever presses it first, recorded in its history,
 * and the chat is told who has it. A later presser is told who has it; a ticket that needs nobody any
 * more (resolved, explained, closed) cannot be claimed.
 */
export async function claimTicket(turn: StaffTurn, ticket: Ticket): Promise<void> {
  const m = catalog(turn);
  const w = m.workload;
  if (!ACTIVE_STATUSES.includes(ticket.status)) {
    turn.replies.answerButton(w.claimClosed({ reference: ticket.reference, status: m.statusName[ticket.status] }));
    return;
  }
  const current = await turn.ports.tickets.findById(ticket.id);
  const holder = current?.assigneeId == null ? undefined : await turn.ports.members.findById(current.assigneeId);
  // A ticket held by someone whose role was taken away is free to take: nobody else will act on it.
  const free = current?.assigneeId == null || holder?.revokedAt != null;
  const taken =
    free &&
    (holder
      ? await turn.ports.workload.reclaim(ticket.id, holder.id, turn.member.id, turn.now)
      : await turn.ports.workload.claim(ticket.id, turn.member.id, turn.now));
  if (taken) {
    await turn.ports.tickets.addEvent(
      ticket.id,
      'assigned',
      { kind: 'member', id: turn.member.id },
      { to: turn.member.id, name: turn.member.displayName, via: 'claim', ...(holder && { from: holder.id }) },
      turn.now,
    );
    const text = w.claimed({ reference: ticket.reference, by: memberName(turn.member) });
    turn.replies.answerButton(text, false);
    turn.replies.reply({ text }, ticket.id);
    return;
  }
  // Someone was quicker (free && !taken): name whoever holds it now.
  const now = free ? await turn.ports.tickets.findById(ticket.id) : current;
  const owner = free
    ? now?.assigneeId == null
      ? undefined
      : await turn.ports.members.findById(now.assigneeId)
    : holder;
  if (owner && personOf(owner) === personOf({ platform: turn.event.platform, subjectId: turn.event.sender.id })) {
    turn.replies.answerButton(w.claimedByYou({ reference: ticket.reference }));
    return;
  }
  turn.replies.answerButton(
    w.claimedByOther({ reference: ticket.reference, by: owner ? memberName(owner) : `#${now?.assigneeId ?? '?'}` }),
  );
}

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One person's line of `/workload` and of the console's workload page. */
export interface WorkloadRow {
  name: string;
  /** Active tickets they have. */
  open: number;
  /** Of those, how many are past a deadline now. */
  overdue: number;
  /** First responses they gave in the last {@link WORKLOAD_DAYS} days. */
  responses: number;
  /** The median wait before those responses, in milliseconds; undefined when they gave none. */
  medianMs?: number;
}

/**
 * The figures of `/workload` for an estate at `now`: per person acting on its tickets, the active
 * tickets they have, how many are overdue, and the median time to their first responses over the
 * last {@link WORKLOAD_DAYS} days — working time for routine tickets, as the deadlines count it, clock
 * time for urgent ones. Most overdue first, then most open, then by name. The chat and the console
 * both show these, so they cannot disagree.
 */
export async function workloadFigures(
  ports: Pick<TurnPorts, 'members' | 'workload'>,
  core: Pick<Core, 'config' | 'log'>,
  estateId: number,
  now: Date,
): Promise<WorkloadRow[]> {
  // The estate's own staff, and through them its tickets.
  const members = (await ports.members.list()).filter((member) => member.estateId === estateId);
  const byId = new Map(members.map((member) => [member.id, member]));
  interface Row {
    name: string;
    open: number;
    overdue: number;
    waits: number[];
  }
  const rows = new Map<string, Row>();
  const rowOf = (member: Member): Row => {
    const key = personOf(member);
    let row = rows.get(key);
    if (!row) {
      row = { name: memberName(member), open: 0, overdue: 0, waits: [] };
      rows.set(key, row);
    }
    return row;
  };
  // Everyone who acts on tickets is listed, with nothing to carry too: an idle colleague is a figure as well.
  for (const member of members)
    if (member.subjectKind === 'user' && member.revokedAt === null && ACTING_ROLES.includes(member.role as 'staff'))
      rowOf(member);
  for (const ticket of await ports.workload.activeAssigned()) {
    const member = ticket.assigneeId === null ? undefined : byId.get(ticket.assigneeId);
    if (!member) continue;
    const row = rowOf(member);
    row.open++;
    if (isOverdue(ticket, now)) row.overdue++;
  }
  const calendar = calendarFor(core.config, core.log);
  for (const response of await ports.workload.firstResponses(new Date(now.getTime() - WORKLOAD_DAYS * DAY))) {
    const member = byId.get(response.memberId);
    if (!member) continue;
    const waited =
      response.urgency === 'urgent'
        ? response.respondedAt.getTime() - response.createdAt.getTime()
        : calendar.workingMinutesBetween(response.createdAt, response.respondedAt) * 60_000;
    rowOf(member).waits.push(Math.max(0, waited));
  }
  return [...rows.values()]
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.name.localeCompare(b.name))
    .map((row) => ({
      name: row.name,
      open: row.open,
      overdue: row.overdue,
      responses: row.waits.length,
      ...(row.waits.length > 0 && { medianMs: median(row.waits) }),
    }));
}

/** `/workload` (admins): {@link workloadFigures} for the estate they are admin of ({@link adminEstate}). */
export async function showWorkload(turn: StaffTurn): Promise<void> {
  const m = catalog(turn);
  const w = m.workload;
  const estateId = await adminEstate(turn);
  if (estateId === undefined) {
    turn.replies.reply({ text: m.staff.adminOnly });
    return;
  }
  const rows = await workloadFigures(turn.ports, turn.core, estateId, turn.now);
  if (rows.length === 0) {
    turn.replies.reply({ text: w.workloadEmpty });
    return;
  }
  const lines = rows.map((row) =>
    w.workloadLine({
      name: row.name,
      open: row.open,
      overdue: row.overdue,
      responses: row.responses,
      ...(row.medianMs !== undefined && { median: m.duration(row.medianMs) }),
    }),
  );
  turn.replies.reply({ text: [w.workloadHeader({ days: WORKLOAD_DAYS }), ...lines, w.workloadNote].join('\n') });
}

/** At most `max` characters, ending in "…" when cut. */
function cut(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
