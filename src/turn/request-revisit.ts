import type { RevisitView } from '../i18n/catalog.ts';
import { messages } from '../i18n/index.ts';
import { forViewer, placeForViewer } from '../privacy/for-viewer.ts';
import type { Revisit, RevisitReason } from '../tickets/revisit-store.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { WorkContext } from './turn.ts';

/** Button data of 回访: `rv:start:<revisit id>`. */
export const REVISIT_BUTTON = 'rv:';

/** A revisit as the committee may see it (DESIGN §6: masked, no personal detail). */
export async function revisitView(ctx: WorkContext, revisit: Revisit, ticket: Ticket): Promise<RevisitView> {
  const locale = ctx.core.config.defaultLocale;
  const known = await ctx.ports.tickets.otherReportersDetails(ticket.id, -1);
  return {
    id: revisit.id,
    reference: ticket.reference,
    category: messages(locale).categoryName[ticket.category],
    place: placeForViewer(ticket.place, locale, 'public', { known }),
    summary: forViewer(ticket.summary, 'public', { known }),
    reason: revisit.reason,
    rating: revisit.rating,
  };
}

/**
 * Asks the residents' committee for a 回访 (DESIGN §7) after a rating of 1–2 or a reopening: records
 * the task (one unfinished per ticket and resident), notes it in the ticket's history and posts it,
 * masked, to every chat registered for the committee with a button to start it. Returns the revisit,
 * or undefined when one was already waiting for this resident and ticket.
 */
export async function requestRevisit(
  ctx: WorkContext,
  ticket: Ticket,
  residentId: number,
  reason: RevisitReason,
  rating: number | null = null,
): Promise<Revisit | undefined> {
  const revisit = await ctx.ports.revisits.request({ ticketId: ticket.id, residentId, reason, rating }, ctx.now);
  if (!revisit) return undefined;
  await ctx.ports.tickets.addEvent(
    ticket.id,
    'revisit',
    { kind: 'system' },
    { step: 'requested', revisit: revisit.id, reason, ...(rating !== null && { rating }) },
    ctx.now,
  );
  const r = messages(ctx.core.config.defaultLocale).revisit;
  const text = r.requested(await revisitView(ctx, revisit, ticket));
  const buttons = [[{ label: r.buttonStart, data: `${REVISIT_BUTTON}start:${revisit.id}` }]];
  for (const group of await ctx.ports.members.groups('committee', ticket.estateId))
    ctx.replies.to(group.platform, group.subjectId, { text, buttons, style: 'card' }, ticket.id);
  return revisit;
}
