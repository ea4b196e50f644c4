import type { Party } from '../agenda/agenda.ts';
import type { StoredAgenda } from '../agenda/agenda-store.ts';
import type { IsoWeek } from '../agenda/iso-week.ts';

/** A decision the meeting took on an agenda item, as recorded. */
export interface RecordedDecision {
  ticketId: number;
  text: string;
  lead: Party;
  dueDate: string | null;
  decidedAt: Date;
  by: string | null;
}

/** What the agenda pages read. Implemented by `KyselyConsoleAgendaReader`. */
export interface ConsoleAgendaReader {
  /** The stored agendas of some estates, latest week first. */
  list(
    limit: number,
    estateIds: readonly number[],
  ): Promise<Array<{ week: IsoWeek; estateId: number; compiledAt: Date; items: number; sentAt: Date | null }>>;
  /** An estate's agenda of a week. */
  byWeek(week: IsoWeek, estateId: number): Promise<StoredAgenda | undefined>;
  /** The decisions recorded on an agenda's items, oldest first. */
  decisions(agendaId: number): Promise<RecordedDecision[]>;
}
