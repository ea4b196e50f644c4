import { messages } from '../i18n/index.ts';
import type { ResidentTurn } from '../turn/turn.ts';
import { transition } from '../tickets/status.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { toStaffGroups } from '../turn/notify-staff.ts';
import { notifyReporters } from '../turn/notify-reporters.ts';
import { requestRevisit } from '../turn/request-revisit.ts';

/** Ratings at or below this ask the residents' committee for a 回访. */
const LOW_RATING = 2;

async function ownTicket(ctx: ResidentTurn, ticketId: number): Promise<Ticket | undefined> {
  const tickets = ctx.ports.tickets;
  if (!(await tickets.isReporter(ticketId, ctx.resident.id))) return undefined;
  return tickets.findById(ticketId);
}

/**
 * A resident's answer to "is it fixed?" (`fix:<id>:yes|no`) or a rating (`rate:<id>:<1-5>`). "No"
 * reopens a resolved ticket and tells staff. A resident can only answer for a ticket they reported.
 */
export async function handleResidentCallback(ctx: ResidentTurn, data: string): Promise<void> {
  const m = messages(ctx.locale);
  const fixed = /^fix:(\d+):(yes|no)$/.exec(data);
  const rate = /^rate:(\d+):([1-5])$/.exec(data);
  const ticketId = Number((fixed ?? rate)?.[1]);
  if (!fixed && !rate) return;
  const ticket = await ownTicket(ctx, ticketId);
  if (!ticket) {
    ctx.replies.answerButton(m.notYourTicket);
    return;
  }
  const tickets = ctx.ports.tickets;
  const by = { kind: 'resident' as const, id: ctx.resident.id };
  if (rate) {
    const rating = Number(rate[2]);
    await tickets.recordReporterAnswer(ticket.id, ctx.resident.id, { rating }, ctx.now);
    await tickets.addEvent(ticket.id, 'rated', by, { rating }, ctx.now);
    ctx.replies.reply({ text: m.ratingThanks }, ticket.id);
    const s = messages(ctx.core.config.defaultLocale).staff;
    await toStaffGroups(ctx, () => ({ text: s.rated({ reference: ticket.reference, rating }) }), ticket);
    if (rating <= LOW_RATING) await requestRevisit(ctx, ticket, ctx.resident.id, 'low_rating', rating);
    return;
  }
  const answer = fixed![2] as 'yes' | 'no';
  await tickets.recordReporterAnswer(ticket.id, ctx.resident.id, { fixed: answer }, ctx.now);
  if (answer === 'yes') {
    await tickets.addEvent(ticket.id, 'confirmed_fixed', by, {}, ctx.now);
    ctx.replies.reply({ text: m.fixedThanks }, ticket.id);
    return;
  }
  if (transition(ticket.status, 'open').kind !== 'ok') {
    // Already reopened by a co-reporter, or closed: record the answer, say so, change nothing else.
    ctx.replies.reply({ text: m.reopenedToResident({ reference: ticket.reference }) }, ticket.id);
    return;
  }
  await tickets.change(
    ticket.id,
    { status: 'open', reopenedCount: ticket.reopenedCount + 1, resolvedAt: null },
    ctx.now,
  );
  await tickets.addEvent(ticket.id, 'reopened', by, {}, ctx.now);
  ctx.replies.reply({ text: m.reopenedToResident({ reference: ticket.reference }) }, ticket.id);
  await requestRevisit(ctx, ticket, ctx.resident.id, 'reopened');
  const reporters = await tickets.reporterCount(ticket.id);
  const s = messages(ctx.core.config.defaultLocale).staff;
  await toStaffGroups(
    ctx,
    () => ({ text: s.reopened({ reference: ticket.reference, reporters }), urgent: true }),
    ticket,
  );
}

/**
 * `/withdraw REF`: the resident takes back their own report, and only theirs. Staff and the remaining
 * reporters are told (without saying who); the ticket stays with them. When nobody is left reporting
 * an active ticket it is closed, recorded as withdrawn. A reference the resident does not report gets
 * the same answer whether or not it exists.
 */
export async function withdrawTicket(ctx: ResidentTurn, reference: string): Promise<void> {
  const m = messages(ctx.locale);
  const tickets = ctx.ports.tickets;
  const found = await tickets.findByReference(reference);
  const ticket = found && (await ownTicket(ctx, found.id));
  if (!ticket || !(await tickets.withdrawReporter(ticket.id, ctx.resident.id, ctx.now))) {
    ctx.replies.reply({ text: m.notYourTicket });
    return;
  }
  const remaining = await tickets.reporterCount(ticket.id);
  const closes = remaining === 0 && transition(ticket.status, 'closed').kind === 'ok';
  if (closes) await tickets.change(ticket.id, { status: 'closed', closedAt: ctx.now }, ctx.now);
  await tickets.addEvent(
    ticket.id,
    'withdrawn',
    { kind: 'resident', id: ctx.resident.id },
    { remaining, ...(closes && { closed: true }) },
    ctx.now,
  );
  ctx.replies.reply({ text: m.withdrawn({ reference: ticket.reference }) }, ticket.id);
  const s = messages(ctx.core.config.defaultLocale).staff;
  if (remaining > 0) {
    await notifyReporters(ctx, ticket.id, (c) => ({
      text: c.neighbourWithdrew({ reference: ticket.reference, reporters: remaining }),
    }));
    await toStaffGroups(
      ctx,
      () => ({ text: s.reporterWithdrew({ reference: ticket.reference, reporters: remaining }) }),
      ticket,
    );
  } else if (closes) {
    await toStaffGroups(ctx, () => ({ text: s.withdrawnClosed({ reference: ticket.reference }) }), ticket);
  }
}
