import { calendarFor } from '../calendar/calendar-for.ts';
import type { EstateSettings } from '../estates/estate-settings.ts';
import { messages } from '../i18n/index.ts';
import { forViewer } from '../privacy/for-viewer.ts';
import { deadlinesFor } from '../tickets/deadlines.ts';
import type { Hazard } from '../tickets/hazard.ts';
import type { Actor, Ticket } from '../tickets/ticket.ts';
import { toStaffGroups } from '../turn/notify-staff.ts';
import type { Turn } from '../turn/turn.ts';

/**
 * A neighbour's urgent report joined a routine ticket (the same problem, told as a danger: "树歪了"
 * then "树快倒了 砸到人怎么办"): the ticket becomes urgent with the report's hazard, its deadlines move
 * to the urgent ones where those are nearer (a promise is never relaxed), the history records who
 * raised it and with what words, and the staff groups are told at once. An urgent ticket is left as
 * it is: urgency is never lowered here.
 */
export async function raiseToUrgent(
  turn: Turn,
  ticket: Ticket,
  raise: { hazard: Hazard; text: string; by: Actor; settings: Pick<EstateSettings, 'deadlines' | 'workingHours'> },
): Promise<Ticket> {
  if (ticket.urgency === 'urgent') return ticket;
  const { core, now } = turn;
  const calendar = calendarFor({ timezone: core.config.timezone, workingHours: raise.settings.workingHours }, core.log);
  const due = deadlinesFor(raise.settings.deadlines, ticket.category, 'urgent', ticket.createdAt, calendar);
  const tickets = turn.ports.tickets;
  const raised = await tickets.change(
    ticket.id,
    {
      urgency: 'urgent',
      hazard: raise.hazard,
      ...(due.responseDueAt < ticket.responseDueAt && { responseDueAt: due.responseDueAt }),
      ...(due.resolutionDueAt < ticket.resolutionDueAt && { resolutionDueAt: due.resolutionDueAt }),
    },
    now,
  );
  await tickets.addEvent(
    ticket.id,
    'urgency_raised',
    raise.by,
    { from: ticket.urgency, to: 'urgent', hazard: raise.hazard, text: raise.text },
    now,
  );
  const s = messages(core.config.defaultLocale).staff;
  const text = forViewer(raise.text, 'staff', { showResidentDetails: core.config.showResidentDetails });
  await toStaffGroups(
    turn,
    () => ({ text: s.urgencyRaised({ reference: ticket.reference, text }), urgent: true }),
    raised,
  );
  return raised;
}
