import type { Locale } from '../i18n/index.ts';
import type { Member } from '../members/member.ts';
import type { TicketChanges } from '../tickets/ticket-store.ts';
import type { Category } from '../tickets/category.ts';
import { transition, type Status } from '../tickets/status.ts';
import type { Actor, Ticket, TicketEventKind } from '../tickets/ticket.ts';
import type { NotifyContext } from '../turn/notify-staff.ts';
import { notifyReporters } from '../turn/notify-reporters.ts';

export { notifyReporters };

/** A staff member acting on tickets, inside one transaction. */
export interface StaffContext extends NotifyContext {
  member: Member;
}

/** The outcome of a staff action: a value, never a throw, for every expected refusal. */
export type ActionResult =
  | { kind: 'ok'; ticket: Ticket }
  | { kind: 'illegal-transition'; ticket: Ticket; from: Status; to: Status }
  | {
      kind: 'invalid';
      reason: 'explain-needs-reason-and-plan' | 'empty-text' | 'same-ticket' | 'same-category' | 'merge-target-closed';
    };

/**
 * Whether a member may see and act on a ticket: only the tickets of their own estate (DESIGN §5). A
 * ticket of another estate is answered as if it did not exist.
 */
export function mayActOn(member: Pick<Member, 'estateId'>, ticket: Pick<Ticket, 'estateId'>): boolean {
  return member.estateId === ticket.estateId;
}

/** Roles allowed to act on tickets. */
export const ACTING_ROLES = ['staff', 'admin'] as const;

function actor(ctx: StaffContext): Actor {
  return { kind: 'member', id: ctx.member.id };
}

/** Records the first staff response (for the response rate) if there was none yet. */
async function markResponded(ctx: StaffContext, ticket: Ticket): Promise<Ticket> {
  if (ticket.firstResponseAt !== null) return ticket;
  return ctx.ports.tickets.change(ticket.id, { firstResponseAt: ctx.now }, ctx.now);
}

async function move(
  ctx: StaffContext,
  ticket: Ticket,
  to: Status,
  kind: TicketEventKind,
  data: Record<string, unknown>,
): Promise<ActionResult> {
  const check = transition(ticket.status, to);
  if (check.kind !== 'ok') return { kind: 'illegal-transition', ticket, from: ticket.status, to };
  const tickets = ctx.ports.tickets;
  const stamps: TicketChanges = {};
  if (to === 'resolved') stamps.resolvedAt = ctx.now;
  if (to === 'closed' || to === 'duplicate') stamps.closedAt = ctx.now;
  let updated = await tickets.change(ticket.id, { status: to, ...stamps }, ctx.now);
  await tickets.addEvent(ticket.id, kind, actor(ctx), data, ctx.now);
  updated = await markResponded(ctx, updated);
  return { kind: 'ok', ticket: updated };
}

/** Acknowledge: the firm has seen it. Reporters are told. */
export async function acknowledgeTicket(ctx: StaffContext, ticket: Ticket): Promise<ActionResult> {
  const result = await move(ctx, ticket, 'acknowledged', 'acknowledged', {});
  if (result.kind === 'ok')
    await notifyReporters(ctx, ticket.id, (m) => ({ text: m.acknowledged({ reference: ticket.reference }) }));
  return result;
}

/** Start work. Reporters are told. */
export async function startWork(ctx: StaffContext, ticket: Ticket): Promise<ActionResult> {
  const result = await move(ctx, ticket, 'in_progress', 'started', {});
  if (result.kind === 'ok')
    await notifyReporters(ctx, ticket.id, (m) => ({ text: m.workStarted({ reference: ticket.reference }) }));
  return result;
}

/** An answer written once per language (a canned reply): each reporter reads their own language's. */
export interface LocalizedReply {
  /** The text in the staff chat's language, as the history records it. */
  text: string;
  inLocale(locale: Locale): string;
  /** The canned reply's name, recorded in the history. */
  template?: string;
}

/**
 * A staff answer, relayed to every reporter and logged. Counts as the first response. A canned reply
 * (`LocalizedReply`) reaches each reporter in their own language.
 */
export async function replyToTicket(
  ctx: StaffContext,
  ticket: Ticket,
  text: string | LocalizedReply,
): Promise<ActionResult> {
  const reply = typeof text === 'string' ? { text, inLocale: () => text } : text;
  const body = reply.text.trim();
  if (body === '') return { kind: 'invalid', reason: 'empty-text' };
  const tickets = ctx.ports.tickets;
  const data = { text: body, ...(reply.template !== undefined && { template: reply.template }) };
  await tickets.addEvent(ticket.id, 'replied', actor(ctx), data, ctx.now);
  let updated = await markResponded(ctx, ticket);
  if (updated.status === 'open') updated = await tickets.change(ticket.id, { status: 'acknowledged' }, ctx.now);
  await notifyReporters(ctx, ticket.id, (m, locale) => ({
    text: m.staffReplied({ reference: ticket.reference, text: reply.inLocale(locale).trim() }),
  }));
  return { kind: 'ok', ticket: updated };
}

/** Resolve, with an optional note. Each reporter is asked whether it is really fixed, and for a rating. */
export async function resolveTicket(ctx: StaffContext, ticket: Ticket, note?: string): Promise<ActionResult> {
  const result = await move(ctx, ticket, 'resolved', 'resolved', note ? { note } : {});
  if (result.kind === 'ok') {
    await notifyReporters(ctx, ticket.id, (m) => ({
      text: m.resolvedAsk({ reference: ticket.reference, ...(note ? { note } : {}) }),
      buttons: [
        [
          { label: m.fixedYes, data: `fix:${ticket.id}:yes` },
          { label: m.fixedNo, data: `fix:${ticket.id}:no` },
        ],
        [1, 2, 3, 4, 5].map((n) => ({ label: '⭐'.repeat(n), data: `rate:${ticket.id}:${n}` })),
      ],
      style: 'quick-replies',
    }));
  }
  return result;
}

/**
 * Explain: it cannot be resolved now. Both a reason and a long-term plan are required; reporters
 * receive both, and the ticket (status `explained`) goes on the next meeting's agenda.
 */
export async function explainTicket(
  ctx: StaffContext,
  ticket: Ticket,
  reason: string,
  plan: string,
): Promise<ActionResult> {
  const r = reason.trim();
  const p = plan.trim();
  if (r === '' || p === '') return { kind: 'invalid', reason: 'explain-needs-reason-and-plan' };
  const result = await move(ctx, ticket, 'explained', 'explained', { reason: r, plan: p });
  if (result.kind !== 'ok') return result;
  const updated = await ctx.ports.tickets.change(ticket.id, { explanation: { reason: r, plan: p } }, ctx.now);
  await notifyReporters(ctx, ticket.id, (m) => ({
    text: m.explainedToResident({ reference: ticket.reference, reason: r, plan: p }),
  }));
  return { kind: 'ok', ticket: updated };
}

/** Change the category; recorded as a staff correction (the classifier's answer stays in history). */
export async function recategorizeTicket(ctx: StaffContext, ticket: Ticket, category: Category): Promise<ActionResult> {
  if (category === ticket.category) return { kind: 'invalid', reason: 'same-category' };
  const tickets = ctx.ports.tickets;
  const updated = await tickets.change(ticket.id, { category }, ctx.now);
  await tickets.addEvent(
    ticket.id,
    'recategorized',
    actor(ctx),
    { from: ticket.category, to: category, correction: true, classifier: ticket.classifierSource },
    ctx.now,
  );
  return { kind: 'ok', ticket: updated };
}

/** Assign to a staff member. */
export async function assignTicket(ctx: StaffContext, ticket: Ticket, assignee: Member): Promise<ActionResult> {
  const tickets = ctx.ports.tickets;
  const updated = await tickets.change(ticket.id, { assigneeId: assignee.id }, ctx.now);
  await tickets.addEvent(ticket.id, 'assigned', actor(ctx), { to: assignee.id, name: assignee.displayName }, ctx.now);
  return { kind: 'ok', ticket: updated };
}

/**
 * Merge a duplicate into another ticket: its reporters become co-reporters there and are told. The
 * target must still be live: a ticket that is itself a duplicate, or closed, would hide them.
 */
export async function mergeTickets(ctx: StaffContext, duplicate: Ticket, into: Ticket): Promise<ActionResult> {
  if (duplicate.id === into.id) return { kind: 'invalid', reason: 'same-ticket' };
  if (into.status === 'duplicate' || into.status === 'closed')
    return { kind: 'invalid', reason: 'merge-target-closed' };
  const result = await move(ctx, duplicate, 'duplicate', 'merged_into', { into: into.id, reference: into.reference });
  if (result.kind !== 'ok') return result;
  const tickets = ctx.ports.tickets;
  const updated = await tickets.change(duplicate.id, { duplicateOf: into.id }, ctx.now);
  for (const residentId of await tickets.reporterIds(duplicate.id))
    await tickets.addReporter(into.id, residentId, false, ctx.now);
  await tickets.addEvent(
    into.id,
    'merged',
    actor(ctx),
    { from: duplicate.id, reference: duplicate.reference },
    ctx.now,
  );
  await notifyReporters(ctx, duplicate.id, (m) => ({
    text: m.mergedToResident({ reference: duplicate.reference, into: into.reference }),
  }));
  return { kind: 'ok', ticket: updated };
}

/** An internal note: in the history, never relayed to residents. */
export async function addInternalNote(ctx: StaffContext, ticket: Ticket, text: string): Promise<ActionResult> {
  const body = text.trim();
  if (body === '') return { kind: 'invalid', reason: 'empty-text' };
  await ctx.ports.tickets.addEvent(ticket.id, 'note', actor(ctx), { text: body, internal: true }, ctx.now);
  return { kind: 'ok', ticket };
}
