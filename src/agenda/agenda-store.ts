import type { Agenda, AgendaInput, Party } from './agenda.ts';
import type { IsoWeek } from './iso-week.ts';

export interface StoredAgenda {
  id: number;
  week: IsoWeek;
  compiledAt: Date;
  agenda: Agenda;
  /** The unguessable name of the chart: `/agenda/<token>.png`, `/agenda/<token>.html`. */
  imageToken: string | null;
  sentAt: Date | null;
}

/** The week whose agenda is compiled, and how to read it. */
export interface WeekToLoad {
  week: IsoWeek;
  /** The estate whose tickets are read (default: the estate `default`). */
  estateId?: number;
  timeZone: string;
  community: string;
  asOf: Date;
}

/**
 * Agendas (one per estate and week), their items and the meeting's decisions on them: the agenda use
 * cases' port. `estateId` is the estate whose meeting the agenda is for (default: the estate `default`).
 */
export interface AgendaStore {
  findByWeek(week: IsoWeek, estateId?: number): Promise<StoredAgenda | undefined>;
  findByToken(token: string): Promise<StoredAgenda | undefined>;
  /** The latest agenda of the estate of a week before `week` (the previous meeting's). */
  before(week: IsoWeek, estateId?: number): Promise<StoredAgenda | undefined>;
  latest(estateId?: number): Promise<StoredAgenda | undefined>;
  /**
   * Stores an estate's agenda of a week and its items unless it has one already (the unique estate and
   * week decide between racing instances). Returns the stored agenda — ours or the one that was there.
   */
  insertOnce(
    agenda: Agenda,
    imageToken: string,
    at: Date,
    estateId?: number,
  ): Promise<{ inserted: boolean; stored: StoredAgenda }>;
  markSent(id: number, at: Date): Promise<void>;
  /** The item of a ticket on the latest agenda that lists it. */
  latestItemOf(ticketId: number): Promise<{ itemId: number; week: IsoWeek } | undefined>;
  /** Puts a ticket raised at the meeting on an agenda, after its ranked items; returns the item's id. */
  addItem(agendaId: number, ticketId: number, lead: Party): Promise<number>;
  addDecision(
    itemId: number,
    decision: { text: string; lead: Party; dueDate: string | null; by: string | null },
    at: Date,
  ): Promise<number>;
  /**
   * What compiling a week's agenda needs: the week's tickets and events, the chart's weeks, the
   * previous meeting's decisions. Bounded by the week through indexes; never the whole history.
   */
  weekInput(week: WeekToLoad): Promise<AgendaInput>;
  /** Whether any ticket of the estate was opened before `at` (before the first one it has nothing to report). */
  hadTicketsBefore(at: Date, estateId?: number): Promise<boolean>;
}
