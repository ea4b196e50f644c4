import type { Logger } from 'pino';
import type { Place } from '../classify/classifier.ts';
import type { Urgency } from '../tickets/category.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { TicketStore } from '../tickets/ticket-store.ts';
import { readProblem, type Problem } from '../understand/problem.ts';
import type { JudgedReport, SameProblemJudge } from '../understand/same-problem-judge.ts';
import { SameProblemQuestionsError, type SameProblemAnswers } from './same-problem-answers.ts';
import { sameProblem, type SameProblemVerdict } from '../understand/same-problem.ts';

/** A new report as matching reads it: the resident's words, the place and urgency the classifier gave. */
export interface Report {
  text: string;
  place: Place | null;
  urgency: Urgency;
}

/** How many of the newest open tickets at a place are compared with a new report. */
export const CANDIDATE_LIMIT = 500;

/** How many candidates the LLM judge is asked about, at most, for one report. */
export const JUDGED_CANDIDATES = 3;

/** A match, and who decided it: the offline matcher, or the LLM judge it consulted. */
export interface SameProblemMatch {
  ticket: Ticket;
  verdict: SameProblemVerdict;
  decidedBy: 'offline' | 'llm';
}

/**
 * The open ticket (any category, created since `since`, at the report's building or spot) that
 * describes the same problem as `report` — same object and compatible fault, same place, urgency as
 * {@link sameProblem} allows — or undefined. Of several, the one sharing most wins, then the newest.
 *
 * With a `judge` (an LLM, when one is configured), the candidates that agree on place and urgency are
 * put to it — the offline matches first, then the others, newest first, at most
 * {@link JUDGED_CANDIDATES} — and the first it calls the same problem is the match (none: no match).
 * When the judge fails (error, timeout, an invalid answer) the offline answer stands. Reads the store
 * only.
 *
 * With `answers` (inside a unit of work: see withSameProblemAnswers), the judge is not called here —
 * it would hold the transaction for up to its timeout: the questions are thrown
 * ({@link SameProblemQuestionsError}) to be asked outside, and the answers given on the next run
 * decide; a candidate without an answer on that run (one that appeared meanwhile) leaves the offline
 * verdict standing.
 */
export async function findSameProblem(
  tickets: Pick<TicketStore, 'findOpenCandidates'>,
  report: Report,
  since: Date,
  /** `estateId`: the reporter's estate; a complaint joins a ticket of its own estate only (absent: any estate's). */
  options: {
    judge?: SameProblemJudge | undefined;
    answers?: SameProblemAnswers | undefined;
    log?: Logger | undefined;
    estateId?: number;
  } = {},
): Promise<SameProblemMatch | undefined> {
  const candidates = await tickets.findOpenCandidates({
    ...(options.estateId !== undefined && { estateId: options.estateId }),
    place: report.place,
    since,
    limit: CANDIDATE_LIMIT,
  });
  if (candidates.length === 0) return undefined;
  const problem = problemOf(report);
  const scored = candidates.map((ticket) => {
    const first = ticketProblems.of(ticket);
    return { ticket, first, verdict: sameProblem(first, problem) };
  });
  let offline: SameProblemMatch | undefined;
  for (const { ticket, verdict } of scored) {
    if (verdict.same && (offline === undefined || verdict.strength > offline.verdict.strength))
      offline = { ticket, verdict, decidedBy: 'offline' };
  }
  const { judge, log } = options;
  if (judge === undefined) return offline;
  const askable = scored
    .filter(({ verdict }) => judgeMayDecide(verdict))
    .sort((x, y) => y.verdict.strength - x.verdict.strength)
    .slice(0, JUDGED_CANDIDATES);
  const judged = (text: string, p: Problem): JudgedReport => ({ text, place: p.place, urgent: p.urgent });
  const { answers } = options;
  if (answers !== undefined) {
    const unanswered = askable.some(({ ticket }) => answers.get(ticket.id, report.text) === undefined);
    if (unanswered && !answers.final)
      throw new SameProblemQuestionsError(
        askable.map(({ ticket, first, verdict }) => ({
          ticketId: ticket.id,
          ticketReference: ticket.reference,
          first: judged(ticket.description, first),
          report: judged(report.text, problem),
          offline: verdict.same,
        })),
      );
    for (const { ticket, verdict } of askable) {
      const answer = answers.get(ticket.id, report.text);
      if (answer === undefined || answer === 'failed') return offline;
      if (answer) return { ticket, verdict: { ...verdict, same: true, reason: 'same' }, decidedBy: 'llm' };
    }
    return undefined;
  }
  try {
    for (const { ticket, first, verdict } of askable) {
      const same = await judge.isSameProblem(judged(ticket.description, first), judged(report.text, problem));
      log?.info(
        { ticket: ticket.reference, model: judge.model, same, offline: verdict.same },
        'same-problem judged by the LLM',
      );
      if (same) return { ticket, verdict: { ...verdict, same: true, reason: 'same' }, decidedBy: 'llm' };
    }
    return undefined;
  } catch (error) {
    log?.warn(
      { err: error, offline: offline?.ticket.reference ?? null },
      'same-problem judge failed; the offline match stands',
    );
    return offline;
  }
}

/** Whether the judge may be asked about a pair: the offline matcher joined it, or it differs only in what is wrong (never in place or urgency). */
export function judgeMayDecide(verdict: SameProblemVerdict): boolean {
  return verdict.same || WHAT_IS_WRONG.has(verdict.reason);
}

const WHAT_IS_WRONG = new Set<SameProblemVerdict['reason']>(['object', 'fault', 'nothing-named']);

/**
 * The problems of candidate tickets, each read once. Every report at a building is compared with the
 * same open tickets there, and reading a problem costs a few dozen regular expressions: at 500
 * candidates that was most of the matcher's time, in the inbox worker's turn. Kept by ticket id with
 * everything {@link readProblem} reads (the words, the place's building, unit and spot, the urgency),
 * so a ticket whose description or place changes is simply read again; the answer is the same as
 * reading it anew (the problem's words are fixed for the life of the process). Looked up by id, not
 * by a key made of those fields: making and hashing that key for each of the candidates cost as much
 * as a few of the turn's queries. The values are shared: nothing here changes a problem it is given.
 */
class ProblemCache {
  private readonly problems = new Map<number, { read: Report; problem: Problem }>();

  constructor(private readonly size: number) {}

  of(ticket: Pick<Ticket, 'id' | 'description' | 'place' | 'urgency'>): Problem {
    const read: Report = { text: ticket.description, place: ticket.place, urgency: ticket.urgency };
    const kept = this.problems.get(ticket.id);
    // Refresh its place in the least-recently-used order (or drop what no longer matches the ticket).
    this.problems.delete(ticket.id);
    const problem = kept !== undefined && sameReading(kept.read, read) ? kept.problem : problemOf(read);
    // Oldest first out: a ticket that stopped being a candidate (closed, or older than the window) is not seen again.
    if (this.problems.size >= this.size) this.problems.delete(this.problems.keys().next().value!);
    this.problems.set(ticket.id, { read, problem });
    return problem;
  }
}

/** Whether {@link readProblem} reads the same from both: the same words, place (building, unit, spot) and urgency. */
function sameReading(a: Report, b: Report): boolean {
  return (
    a.text === b.text &&
    a.urgency === b.urgency &&
    a.place?.building === b.place?.building &&
    a.place?.unit === b.place?.unit &&
    a.place?.spot === b.place?.spot
  );
}

/** Enough for the open tickets of a large estate (ten times the candidates of one place); a few MB at most. */
const ticketProblems = new ProblemCache(5_000);

/** The problem a report describes (see {@link readProblem}). */
export function problemOf(report: Report): Problem {
  return readProblem(report.text, report.place, report.urgency);
}

/**
 * Whether `report` would join the ticket filed for `first`: the rule {@link findSameProblem} applies
 * to each candidate offline, for `linli eval-duplicates` to score on pairs of messages.
 */
export function wouldJoin(first: Report, report: Report): SameProblemVerdict {
  return sameProblem(problemOf(first), problemOf(report));
}
