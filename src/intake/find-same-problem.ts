import type { Place } from '../classify/classifier.ts';
import type { Urgency } from '../tickets/category.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { TicketStore } from '../tickets/ticket-store.ts';
import { readProblem, type Problem } from '../understand/problem.ts';
import { sameProblem, type SameProblemVerdict } from '../understand/same-problem.ts';

/** A new report as matching reads it: the resident's words, the place and urgency the classifier gave. */
export interface Report {
  text: string;
  place: Place | null;
  urgency: Urgency;
}

/** How many of the newest open tickets at a place are compared with a new report. */
export const CANDIDATE_LIMIT = 500;

/**
 * The open ticket (any category, created since `since`, at the report's building or spot) that
 * describes the same problem as `report` — same object and compatible fault, same place, same urgency
 * (see {@link sameProblem}) — or undefined. Of several, the one sharing most wins, then the newest.
 * Reads the store only; no side effects.
 */
export async function findSameProblem(
  tickets: Pick<TicketStore, 'findOpenCandidates'>,
  report: Report,
  since: Date,
): Promise<{ ticket: Ticket; verdict: SameProblemVerdict } | undefined> {
  const candidates = await tickets.findOpenCandidates({ place: report.place, since, limit: CANDIDATE_LIMIT });
  if (candidates.length === 0) return undefined;
  const problem = problemOf(report);
  let best: { ticket: Ticket; verdict: SameProblemVerdict } | undefined;
  for (const ticket of candidates) {
    const verdict = sameProblem(
      problemOf({ text: ticket.description, place: ticket.place, urgency: ticket.urgency }),
      problem,
    );
    if (verdict.same && (best === undefined || verdict.strength > best.verdict.strength)) best = { ticket, verdict };
  }
  return best;
}

/** The problem a report describes (see {@link readProblem}). */
export function problemOf(report: Report): Problem {
  return readProblem(report.text, report.place, report.urgency);
}

/**
 * Whether `report` would join the ticket filed for `first`: the rule {@link findSameProblem} applies
 * to each candidate, for `linli eval-duplicates` to score on pairs of messages.
 */
export function wouldJoin(first: Report, report: Report): SameProblemVerdict {
  return sameProblem(problemOf(first), problemOf(report));
}
