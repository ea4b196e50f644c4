import type { Category, Urgency } from '../tickets/category.ts';
import type { EscalationLevel } from '../tickets/escalation-ladder.ts';
import type { Status } from '../tickets/status.ts';
import type { IsoWeek } from './iso-week.ts';

/** The three parties of the meeting, in the order the agenda lists them. */
export const PARTIES = ['party_branch', 'committee', 'property'] as const;
/** Who is proposed to lead an item: the Party branch, the residents' committee, the property firm. */
export type Party = (typeof PARTIES)[number];

export function isParty(value: unknown): value is Party {
  return typeof value === 'string' && (PARTIES as readonly string[]).includes(value);
}

/** Why a ticket is on the agenda (see rank.ts for the weights). */
export const REASONS = ['overdue', 'explained', 'reopened', 'repeated', 'many_reporters', 'raised_at_meeting'] as const;
export type ReasonKind = (typeof REASONS)[number];

export interface Reason {
  kind: ReasonKind;
  /** overdue: hours past the deadline; many_reporters: reporters; reopened: times; repeated: tickets at the place within the window. */
  count?: number;
  /** explained: the long-term plan (redacted). */
  text?: string;
}

/**
 * A ticket as the agenda sees it: no unit, no reporter, nothing that names a person. `summary` and the
 * explanation are redacted by compile before they reach the agenda.
 */
export interface AgendaTicket {
  id: number;
  reference: string;
  category: Category;
  urgency: Urgency;
  status: Status;
  summary: string;
  building: string | null;
  spot: string | null;
  duplicateOf: number | null;
  reopenedCount: number;
  explanation: { reason: string; plan: string } | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  responseDueAt: Date;
  resolutionDueAt: Date;
  /** When the ticket was last explained, for tickets whose status is `explained`. */
  explainedAt: Date | null;
}

/** A rung of the escalation ladder (督办) a ticket reached, and when. */
export interface AgendaEscalation {
  level: Exclude<EscalationLevel, 'staff'>;
  at: Date;
  /** How many chats were told; 0: the rung was reached with nobody holding it (unknown in older data). */
  recipients?: number;
}

/** A status change of the history that the figures count. */
export interface AgendaEvent {
  ticketId: number;
  kind: 'resolved' | 'explained' | 'reopened';
  at: Date;
}

/** One reporter's answer to "is it fixed?" and/or their rating. */
export interface ReporterAnswer {
  ticketId: number;
  fixed: 'yes' | 'no' | null;
  rating: number | null;
  answeredAt: Date;
}

/** A decision of the previous meeting, with its ticket's state now. */
export interface PreviousDecision {
  ticket: AgendaTicket;
  decision: string;
  lead: Party;
  /** `YYYY-MM-DD`, local date. */
  dueDate: string | null;
  decidedAt: Date;
}

/** Everything compile needs, loaded by load-week.ts (or built by hand in tests). */
export interface AgendaInput {
  week: IsoWeek;
  timeZone: string;
  community: string;
  /** The week's bounds: Monday 00:00 local (inclusive) to the next Monday (exclusive). */
  start: Date;
  end: Date;
  /** When the agenda is compiled: stocks (still open, overdue now) and ages are taken at this instant. */
  asOf: Date;
  /**
   * Tickets created in the chart's weeks, tickets with a deadline in this or last week, tickets still
   * active or explained, and the tickets of the events and answers below. Duplicates of ids are fine.
   */
  tickets: readonly AgendaTicket[];
  /** Resolved / explained / reopened events from last week's start to this week's end. */
  events: readonly AgendaEvent[];
  /** Reporters' answers given from last week's start to this week's end. */
  answers: readonly ReporterAnswer[];
  /** Reporters (original and co-reporters) per ticket id, for the candidate tickets at least. */
  reporters: ReadonlyMap<number, number>;
  /**
   * Strings that identify the reporters of a ticket (names, phones, units): scrubbed from any free text
   * of that ticket before it reaches the agenda. Never rendered.
   */
  personal: ReadonlyMap<number, readonly string[]>;
  /** The rungs of the escalation ladder each active ticket reached (none when absent). */
  escalations?: ReadonlyMap<number, readonly AgendaEscalation[]>;
  /** 回访 asked for by `asOf` and not finished then; their tickets are among `tickets`. */
  revisits?: readonly AgendaRevisit[];
  /** The previous meeting's agenda, if one was stored: its week, decisions and figures. */
  previous: { week: IsoWeek; decisions: readonly PreviousDecision[]; stocks: Stocks | null } | null;
}

/** Counts of what happened during a week. */
export interface Flows {
  new: number;
  resolved: number;
  explained: number;
  reopened: number;
  /** Tickets that missed a response or resolution deadline falling in the week. */
  overdue: number;
}

/** Counts at the moment of compilation. */
export interface Stocks {
  /** Tickets open, acknowledged or in progress. */
  stillOpen: number;
  /** Of those, past a deadline (response not given, or resolution not reached). */
  overdueNow: number;
}

/** A ratio with its parts; `value` is null when nothing was due (shown as "—"). */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface Rates {
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
}

export interface BreakdownRow extends Flows {
  stillOpen: number;
}

export interface AgendaItem {
  rank: number;
  ticketId: number;
  reference: string;
  category: Category;
  urgent: boolean;
  /** Building and spot only; never a unit. */
  building: string | null;
  spot: string | null;
  summary: string;
  reporters: number;
  ageDays: number;
  status: Status;
  reasons: Reason[];
  lead: Party;
  /** Other tickets of the same category at the same place, folded into this item. */
  related: string[];
  score: number;
}

/** An open ticket that climbed the escalation ladder: it leads the agenda as a 督办 item. */
export interface SupervisedItem {
  reference: string;
  category: Category;
  urgent: boolean;
  /** Building and spot only; never a unit. */
  building: string | null;
  spot: string | null;
  summary: string;
  status: Status;
  /** The deadline it missed first (ISO). */
  dueAt: string;
  /**
   * Every level that has had it, the staff group first (from the missed deadline): since when (ISO)
   * and for how many whole hours, until the next level took it or the agenda was compiled.
   */
  levels: Array<{ level: EscalationLevel; since: string; hours: number; unheard?: true }>;
}

/** A 回访 still waiting for the residents' committee, as the agenda loads it. */
export interface AgendaRevisit {
  ticketId: number;
  reason: 'low_rating' | 'reopened';
  rating: number | null;
  requestedAt: Date;
  /** When a committee member started it; null while nobody has. */
  startedAt: Date | null;
}

/** An open 回访 as the agenda lists it (masked like every text of the agenda). */
export interface RevisitItem {
  reference: string;
  category: Category;
  /** Building and spot only; never a unit. */
  building: string | null;
  spot: string | null;
  summary: string;
  reason: 'low_rating' | 'reopened';
  rating: number | null;
  /** ISO instants. */
  requestedAt: string;
  startedAt: string | null;
}

export type FollowUpState = 'done' | 'overdue' | 'pending';

export interface FollowUp {
  reference: string;
  category: Category;
  building: string | null;
  spot: string | null;
  decision: string;
  lead: Party;
  dueDate: string | null;
  status: Status;
  state: FollowUpState;
}

/** The compiled agenda, stored as JSON in `agendas.content`; every renderer reads only this. */
export interface Agenda {
  version: 1;
  week: IsoWeek;
  community: string;
  timeZone: string;
  start: string;
  end: string;
  asOf: string;
  figures: { thisWeek: Flows; lastWeek: Flows; stocks: Stocks; lastStocks: Stocks | null };
  rates: { thisWeek: Rates; lastWeek: Rates };
  byCategory: Array<BreakdownRow & { category: Category }>;
  /** Buildings by activity; `building` null gathers tickets with no building. */
  byBuilding: Array<BreakdownRow & { building: string | null }>;
  /** 督办: escalated tickets still open, highest level first; absent when there are none (and in older agendas). */
  supervised?: SupervisedItem[];
  /** 回访 the residents' committee has not finished, oldest first; absent when there are none (and in older agendas). */
  revisits?: RevisitItem[];
  items: AgendaItem[];
  /** Candidates beyond the item limit, not listed. */
  moreItems: number;
  previousWeek: IsoWeek | null;
  followUps: FollowUp[];
  /** Per party: references of the items it is proposed to lead and of its open follow-ups. */
  asks: Record<Party, { items: string[]; followUps: string[] }>;
  chart: { weeks: IsoWeek[]; newByCategory: Record<Category, number[]> };
  /** A paragraph for the reader in a hurry (deterministic, or written by an LLM). */
  narrative: string;
  narrativeSource: 'deterministic' | 'llm';
}
