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
  const said = readProblem(text, p, classification.urgency);
  // "就是3号楼": words naming no thing and no fault say where or when, whatever kind the classifier
  // guesses for them — more about the ticket, not another problem.
  if (said.objects.length === 0 && said.faults.length === 0) return 'same';
  if (classification.category !== ticket.category && classification.confidence >= 0.6) return 'new';
  if (text.trim().length < 6 || DETAIL_HINT.test(text)) return 'same';
  if (whatIsWrongAgrees(readProblem(ticket.description, ticket.place, ticket.urgency), said).same) return 'same';
  // Its own place and nothing in common: another problem. Neither: ask.
  return p && (p.building !== undefined || p.spot !== undefined) && ticket.place === null ? 'new' : 'ask';
}

/** "补充：…", "补充一下", "補充": the resident says outright that this adds to what they just reported. */
const ADDING =
  /^\s*(?:再)?(?:补充|補充|补一句|補一句|追加)|^\s*(?:p\.?s\.?|to add|adding to (?:that|this|my report)|addendum)\b/i;
/** "另外…", "还有…", "also…": more, most often about the same report, sometimes another problem. */
const FURTHER =
  /^\s*(?:另外|还有|還有|仲有|顺便|順便|顺带|順帶)|^\s*(?:also|and also|one more thing|btw|by the way|in addition|additionally)\b/i;

/**
 * How a follow-up that opens with words of adding ("补充：晚上打…找我", "另外…", "还有…", "also…")
 * relates to the ticket just filed: `same`, unless it plainly reports another problem — another
 * building, a danger where the ticket has none or, after "另外/还有/also", a confident other kind of
 * problem ("还有，楼道灯也坏了"). Undefined when the text does not open with such words.
 */
export function relationOfAddition(
  ticket: Pick<Ticket, 'category' | 'urgency' | 'place'>,
  classification: Pick<Classification, 'category' | 'confidence' | 'urgency' | 'place' | 'isComplaint'> | null,
  text: string,
): TicketRelation | undefined {
  const adding = ADDING.test(text);
  if (!adding && !FURTHER.test(text)) return undefined;
  if (!classification) return 'same';
  if (classification.urgency === 'urgent' && ticket.urgency !== 'urgent') return 'new';
  const p = classification.place;
  if (p?.building !== undefined && ticket.place?.building !== undefined && p.building !== ticket.place.building)
    return 'new';
  if (
    !adding &&
    classification.isComplaint &&
    classification.category !== ticket.category &&
    classification.category !== 'other' &&
    classification.confidence >= 0.6
  )
    return 'new';
  return 'same';
}
