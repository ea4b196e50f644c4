import type { Member } from '../members/member.ts';
import type { Ticket, TicketEvent, TicketEventKind } from '../tickets/ticket.ts';
import type { Sort } from './ticket-filter.ts';

/** The filter as the store runs it: dates resolved to instants, `overdue` at a given time. */
export interface TicketQuery {
  category?: string;
  status?: string;
  building?: string | 'none';
  /** Only tickets past a deadline at this instant. */
  overdueAt?: Date;
  urgent?: boolean;
  assignee?: number | 'none';
  createdFrom?: Date;
  createdBefore?: Date;
  /** Words looked up in the reference, the building and the masked search text. */
  search?: string;
  /** Only this estate's tickets (the signed-in member's); all estates when absent (the CLI's export). */
  estateId?: number;
  /** Only these estates' tickets (a session reading several: a street); none when empty. */
  estateIds?: readonly number[];
  sort: Sort;
}

/** A ticket in the list, with how many residents report it. */
export interface ListedTicket {
  ticket: Ticket;
  reporters: number;
}

export interface StoredAttachment {
  id: number;
  ticketId: number | null;
  kind: string;
  mimeType: string | null;
  /** Where the content is, once downloaded; null or a note ("unavailable: …") otherwise. */
  path: string | null;
  createdAt: Date;
}

/** One thing a member did to a ticket, from its history. */
export interface MemberActivity {
  at: Date;
  memberId: number;
  kind: TicketEventKind;
  reference: string;
}

/**
 * What the console's pages and exports read. Implemented by `KyselyConsoleTicketReader`; paging is by
 * limit and offset over indexed orders (see the README, "Staff web console").
 */
export interface ConsoleTicketReader {
  /**
   * One page of the query's tickets, and how many match: exactly when the query has no filter or the
   * matches end on this page; otherwise counted up to `countCap` past the page (`exact` false when
   * counting stopped there), so a search or a filter never counts 100 k rows to print a number.
   */
  page(
    query: TicketQuery,
    offset: number,
    limit: number,
    countCap?: number,
  ): Promise<{ total: number; exact: boolean; tickets: ListedTicket[] }>;
  /** Every ticket of the query in order, a batch at a time (exports). */
  each(query: TicketQuery, batchSize?: number): AsyncIterable<ListedTicket>;
  ticket(id: number): Promise<ListedTicket | undefined>;
  ticketByReference(reference: string): Promise<Ticket | undefined>;
  events(ticketId: number): Promise<TicketEvent[]>;
  attachments(ticketId: number): Promise<StoredAttachment[]>;
  attachment(id: number): Promise<StoredAttachment | undefined>;
  /** The buildings tickets name, for the filter's choices. */
  buildings(): Promise<string[]>;
  /** Members by id (history and assignee names), revoked ones included. */
  members(): Promise<Member[]>;
  /** What members did to an estate's tickets (the history entries they made), latest first. */
  activity(limit: number, estateId: number): Promise<MemberActivity[]>;
}
