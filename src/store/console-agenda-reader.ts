import type { Kysely } from 'kysely';
import { isParty, type Agenda } from '../agenda/agenda.ts';
import type { StoredAgenda } from '../agenda/agenda-store.ts';
import type { ConsoleAgendaReader, RecordedDecision } from '../console/console-agenda-reader.ts';
import { KyselyAgendaStore } from './agenda-store.ts';
import type { Database } from './schema.ts';

/** Reads stored agendas and their decisions for the console on Kysely (SQLite or PostgreSQL). */
export class KyselyConsoleAgendaReader implements ConsoleAgendaReader {
  constructor(private readonly db: Kysely<Database>) {}

  async list(limit: number, estateIds: readonly number[]) {
    if (estateIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('agendas')
      .select(['week', 'estate_id', 'compiled_at', 'content', 'sent_at'])
      .where('estate_id', 'in', [...estateIds])
      .orderBy('week', 'desc')
      .orderBy('estate_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      week: r.week,
      estateId: r.estate_id,
      compiledAt: new Date(r.compiled_at),
      items: (JSON.parse(r.content) as Agenda).items.length,
      sentAt: r.sent_at === null ? null : new Date(r.sent_at),
    }));
  }

  byWeek(week: string, estateId: number): Promise<StoredAgenda | undefined> {
    return new KyselyAgendaStore(this.db).findByWeek(week, estateId);
  }

  async decisions(agendaId: number): Promise<RecordedDecision[]> {
    const rows = await this.db
      .selectFrom('agenda_decisions')
      .innerJoin('agenda_items', 'agenda_items.id', 'agenda_decisions.agenda_item_id')
      .select([
        'agenda_items.ticket_id',
        'agenda_decisions.decision',
        'agenda_decisions.lead_party',
        'agenda_decisions.due_date',
        'agenda_decisions.decided_at',
        'agenda_decisions.decided_by',
      ])
      .where('agenda_items.agenda_id', '=', agendaId)
      .orderBy('agenda_decisions.id')
      .execute();
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      text: r.decision,
      lead: isParty(r.lead_party) ? r.lead_party : 'property',
      dueDate: r.due_date,
      decidedAt: new Date(r.decided_at),
      by: r.decided_by,
    }));
  }
}
