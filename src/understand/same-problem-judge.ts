import type { ProblemPlace } from './problem.ts';

/** One report as the judge is shown it: its words (contacts masked), where it is, whether it is urgent. */
export interface JudgedReport {
  text: string;
  place: ProblemPlace;
  urgent: boolean;
}

/**
 * The port for a second opinion on "same problem?", asked when an LLM is configured: whether `report`
 * describes the same problem as the open ticket's `first` report. It throws on any failure (no answer
 * in time, an error, an answer that is not the expected JSON); the caller then keeps the offline
 * matcher's verdict. It never overrides place or urgency: those are decided before it is asked.
 */
export interface SameProblemJudge {
  /** The model's name, recorded with the verdicts it gives. */
  readonly model: string;
  isSameProblem(first: JudgedReport, report: JudgedReport): Promise<boolean>;
}
