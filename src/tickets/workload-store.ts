import type { Urgency } from './category.ts';
import type { Ticket } from './ticket.ts';

/** The first staff response to a ticket: who gave it and how long the ticket had waited. */
export interface FirstResponse {
  ticketId: number;
  /** The member whose action (acknowledge, reply, start, resolve, explain) was the ticket's first response. */
  memberId: number;
  urgency: Urgency;
  createdAt: Date;
  respondedAt: Date;
}

/**
 * Who carries which tickets: the reads behind `/mine` and `/workload`, and the turn counter of
 * round-robin assignment. Bound to one unit of work like every port of a turn.
 */
export interface WorkloadStore {
  /** Active tickets assigned to any of `memberIds` (one person may hold several roles), oldest first. */
  assignedTo(memberIds: readonly number[], limit: number): Promise<Ticket[]>;
  /** Every active ticket that has an assignee. */
  activeAssigned(): Promise<Ticket[]>;
  /** Tickets whose first staff response fell at or after `since`, with the member who gave it. */
  firstResponses(since: Date): Promise<FirstResponse[]>;
  /**
   * Gives an unassigned ticket to a member; false when it has an assignee already (someone claimed it
   * first, in this chat or another), and then nothing changed.
   */
  claim(ticketId: number, memberId: number, at: Date): Promise<boolean>;
  /** Moves a ticket from one assignee to another; false when it is no longer `fromMemberId`'s. */
  reclaim(ticketId: number, fromMemberId: number, toMemberId: number, at: Date): Promise<boolean>;
  /** The next number of the rotation `name` (1, 2, 3…); atomic across instances. */
  nextTurn(name: string): Promise<number>;
}
