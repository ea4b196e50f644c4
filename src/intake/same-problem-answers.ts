import type { Logger } from 'pino';
import type { JudgedReport, SameProblemJudge } from '../understand/same-problem-judge.ts';

/** One question for the LLM judge: is `report` the same problem as the open ticket's first report? */
export interface SameProblemQuestion {
  ticketId: number;
  ticketReference: string;
  first: JudgedReport;
  report: JudgedReport;
  /** Whether the offline matcher joined the pair (for the log). */
  offline: boolean;
}

/** What the judge said about a question: same or not, or `failed` (the offline verdict stands). */
export type SameProblemAnswer = boolean | 'failed';

/**
 * Thrown inside a unit of work when the judge must be asked before a complaint can be filed: the
 * transaction is rolled back, the questions are put to the judge outside it (an LLM call may take its
 * timeout several times over, and must not hold the database's write lock meanwhile), and the unit of
 * work runs again with the answers (see {@link withSameProblemAnswers}).
 */
export class SameProblemQuestionsError extends Error {
  constructor(readonly questions: readonly SameProblemQuestion[]) {
    super(`the same-problem judge must be asked about ${questions.length} candidate(s) first`);
    this.name = 'SameProblemQuestionsError';
  }
}

/**
 * The judge's answers gathered for one turn, by ticket and report. `final`: the answers were asked
 * for already; a question still without one (a candidate that appeared meanwhile) is not asked again
 * and the offline verdict decides.
 */
export class SameProblemAnswers {
  private readonly answers = new Map<string, SameProblemAnswer>();
  final = false;

  get(ticketId: number, report: string): SameProblemAnswer | undefined {
    return this.answers.get(key(ticketId, report));
  }

  /**
   * Puts the questions to the judge in order, outside any transaction, until it calls one the same
   * problem; a failure (error, timeout, invalid answer) is recorded for that question and the rest,
   * and ends the asking.
   */
  async ask(judge: SameProblemJudge, questions: readonly SameProblemQuestion[], log?: Logger): Promise<void> {
    for (const [i, q] of questions.entries()) {
      try {
        const same = await judge.isSameProblem(q.first, q.report);
        log?.info(
          { ticket: q.ticketReference, model: judge.model, same, offline: q.offline },
          'same-problem judged by the LLM',
        );
        this.answers.set(key(q.ticketId, q.report.text), same);
        if (same) return;
      } catch (error) {
        log?.warn({ err: error, ticket: q.ticketReference }, 'same-problem judge failed; the offline match stands');
        for (const rest of questions.slice(i)) this.answers.set(key(rest.ticketId, rest.report.text), 'failed');
        return;
      }
    }
  }
}

function key(ticketId: number, report: string): string {
  return `${ticketId}\u0000${report}`;
}

/**
 * Runs `work` (one unit of work) with the judge's answers: when it stops for questions
 * ({@link SameProblemQuestionsError}, its transaction rolled back), asks them outside any transaction
 * and runs it once more with the answers, which then re-reads the candidates (a ticket closed
 * meanwhile is not one any more). Without a judge, `work` runs once with no answers.
 */
export async function withSameProblemAnswers<T>(
  judge: SameProblemJudge | undefined,
  log: Logger | undefined,
  work: (answers: SameProblemAnswers | undefined) => Promise<T>,
): Promise<T> {
  if (judge === undefined) return work(undefined);
  const answers = new SameProblemAnswers();
  try {
    return await work(answers);
  } catch (error) {
    if (!(error instanceof SameProblemQuestionsError)) throw error;
    await answers.ask(judge, error.questions, log);
    answers.final = true;
    return work(answers);
  }
}
