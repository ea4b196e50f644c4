import type { Classification } from '../classify/classifier.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { readProblem } from '../understand/problem.ts';
import { whatIsWrongAgrees } from '../understand/same-problem.ts';

/** Words that add to a report rather than start another: when it began, how long it has lasted. */
const DETAIL_HINT =
  /从.{0,8}(开始|起)|開始|已经.{0,4}(天|小时|个钟)|已經|到现在|到現在|since|started|for (two|three|\d+) (hours|days)/i;

/** How a complaint relates to the ticket just filed: more about it, another problem, or unclear (ask). */
export type TicketRelation = 'same' | 'new' | 'ask';

/**
 * How a complaint written inside the details window relates to the ticket just filed: `same` (more
 * about it, or the same object and fault in other words), `new` (another kind, another building, or
 * urgent where the ticket is not), or `ask` (the same kind with nothing in common — the resident is asked).
 */
export function relationTo(
  ticket: Pick<Ticket, 'category' | 'urgency' | 'place' | 'description'>,
  classification: Pick<Classification, 'category' | 'confidence' | 'urgency' | 'place'>,
  text: string,
): TicketRelation {
  if (classification.category !== ticket.category && classification.confidence >= 0.6) return 'new';
  if (classification.urgency === 'urgent' && ticket.urgency !== 'urgent') return 'new';
  const p = classification.place;
  if (
    p &&
    ticket.place &&
    p.building !== undefined &&
    ticket.place.building !== undefined &&
    p.building !== ticket.place.building
  )
    return 'new';
  if (text.trim().length < 6 || DETAIL_HINT.test(text)) return 'same';
  const said = readProblem(text, p, classification.urgency);
  if (whatIsWrongAgrees(readProblem(ticket.description, ticket.place, ticket.urgency), said).same) return 'same';
  // Its own place and nothing in common: another problem. Neither: ask.
  return p && (p.building !== undefined || p.spot !== undefined) && ticket.place === null ? 'new' : 'ask';
}
