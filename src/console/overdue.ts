import { ACTIVE_STATUSES } from '../tickets/status.ts';
import type { Ticket } from '../tickets/ticket.ts';

/** Whether a ticket is past a deadline at `now`: still active, and unanswered past its response deadline or unresolved past its resolution deadline. */
export function isOverdue(ticket: Ticket, now: Date): boolean {
  if (!ACTIVE_STATUSES.includes(ticket.status)) return false;
  return (ticket.firstResponseAt === null && ticket.responseDueAt < now) || ticket.resolutionDueAt < now;
}
