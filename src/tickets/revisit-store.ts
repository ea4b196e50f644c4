/** Why the committee is asked for a 回访: a rating of 1–2, or a reopened ticket. */
export type RevisitReason = 'low_rating' | 'reopened';
export type RevisitStatus = 'open' | 'started' | 'done';

/** A 回访 (follow-up call by the residents' committee) of one resident about one ticket. */
export interface Revisit {
  id: number;
  ticketId: number;
  residentId: number;
  reason: RevisitReason;
  rating: number | null;
  status: RevisitStatus;
  requestedAt: Date;
  /** The committee member who took it. */
  callerMemberId: number | null;
  startedAt: Date | null;
  outcome: string | null;
  finishedAt: Date | null;
}

/**
 * 回访 tasks: asked for, started by a committee member, relayed through the bot, finished with an
 * outcome. Bound to one unit of work like every port of a turn.
 */
export interface RevisitStore {
  /**
   * Asks for a 回访 of a resident about a ticket; undefined when an unfinished one exists already for
   * them (a low rating followed by "not fixed" makes one call, not two).
   */
  request(
    input: { ticketId: number; residentId: number; reason: RevisitReason; rating: number | null },
    at: Date,
  ): Promise<Revisit | undefined>;
  findById(id: number): Promise<Revisit | undefined>;
  /** Gives an open revisit to a committee member; false when someone took it first or it is finished. */
  start(id: number, memberId: number, at: Date): Promise<boolean>;
  /** The started revisit of a caller (any of their member ids), the latest started first. */
  startedByCaller(memberIds: readonly number[]): Promise<Revisit | undefined>;
  /** The started revisit of the resident who writes from this platform account, the latest started. */
  startedForResident(platform: string, userId: string): Promise<Revisit | undefined>;
  /** Records the outcome of a started revisit; false when it is not started (or already finished). */
  finish(id: number, outcome: string, at: Date): Promise<boolean>;
}
