import type { ReporterContact } from '../tickets/ticket-store.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { StaffContext } from './staff-actions.ts';

export type ContactDetailsResult = { kind: 'ok'; contacts: ReporterContact[] } | { kind: 'not-assignee' };

/**
 * The audited "contact details" action of DESIGN §6: the staff member a ticket is assigned to sees its
 * reporters' own details (name, phone, flat, where the bot reaches them, their words as written), on
 * an explicit request. The request is recorded in the ticket's history with who made it (the entry
 * holds how many reporters were shown, never the details); the details are in this answer only.
 * Anyone else, an admin included, is refused: they assign the ticket to themselves first, which the
 * history records too.
 */
export async function showContactDetails(ctx: StaffContext, ticket: Ticket): Promise<ContactDetailsResult> {
  if (ticket.assigneeId !== ctx.member.id) return { kind: 'not-assignee' };
  const contacts = await ctx.ports.tickets.reporterContacts(ticket.id);
  await ctx.ports.tickets.addEvent(
    ticket.id,
    'contact_details_shown',
    { kind: 'member', id: ctx.member.id },
    { reporters: contacts.length },
    ctx.now,
  );
  return { kind: 'ok', contacts };
}
