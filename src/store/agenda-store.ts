import type { Kysely } from 'kysely';
import type { Agenda, Party } from '../agenda/agenda.ts';
import type { AgendaInput } from '../agenda/agenda.ts';
import type { AgendaStore, StoredAgenda, WeekToLoad } from '../agenda/agenda-store.ts';
import { loadAgendaInput } from './agenda-week.ts';
import type { IsoWeek } from '../agenda/iso-week.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';
import { DEFAULT_ESTATE_ID } from '../estates/estate.ts';

export type { StoredAgenda } from '../agenda/agenda-store.ts';

function rowToStored(row: {
  id: number;
  week: string;
  compiled_at: string;
  content: string;
  image_token: string | null;
  sent_at: string | null;
}): StoredAgenda {
  return {
    id: row.id,
    week: row.week,
    compiledAt: new Date(row.compiled_at),
    agenda: JSON.parse(row.content) as Agenda,
    imageToken: row.image_token,
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
  };
}

/** Agendas (one per estate and week), their items and the meeting's decisions on them. */
export class KyselyAgendaStore implements AgendaStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findByWeek(week: IsoWeek, estateId = DEFAULT_ESTATE_ID): Promise<StoredAgenda | undefined> {
    const row = await this.db
      .selectFrom('agendas')
      .selectAll()
      .where('estate_id', '=', estateId)
      .where('week', '=', week)
      .executeTakeFirst();
    return row && rowToStored(row);
  }

  async findByToken(token: string): Promise<StoredAgenda | undefined> {
    const row = await this.db.selectFrom('agendas').selectAll().where('image_token', '=', token).executeTakeFirst();
    return row && rowToStored(row);
  }

  /** The latest agenda of a week before `week` (the previous meeting's). */
  async before(week: IsoWeek, estateId = DEFAULT_ESTATE_ID): Promise<StoredAgenda | undefined> {
    const row = await this.db
      .selectFrom('agendas')
      .selectAll()
      .where('estate_id', '=', estateId)
      .where('week', '<', week)
      .orderBy('week', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && rowToStored(row);
  }

  async latest(estateId = DEFAULT_ESTATE_ID): Promise<StoredAgenda | undefined> {
    const row = await this.db
      .selectFrom('agendas')
      .selectAll()
      .where('estate_id', '=', estateId)
      .orderBy('week', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && rowToStored(row);
  }

  /**
   * Stores a week's agenda and its items unless the week has one already (the unique week decides
   * between racing instances). Returns the stored agenda — ours or the one that was there.
   */
  async insertOnce(
    agenda: Agenda,
    imageToken: string,
    at: Date,
    estateId = DEFAULT_ESTATE_ID,
  ): Promise<{ inserted: boolean; stored: StoredAgenda }> {
    const result = await this.db
      .insertInto('agendas')
      .values({
        estate_id: estateId,
        week: agenda.week,
        compiled_at: toDbTime(at),
        content: JSON.stringify(agenda),
        image_token: imageToken,
        sent_at: null,
      })
      .onConflict((oc) => oc.columns(['estate_id', 'week']).doNothing())
      .executeTakeFirst();
    const inserted = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    const stored = (await this.findByWeek(agenda.week, estateId))!;
    if (inserted) {
      for (const item of agenda.items) {
        await this.db
          .insertInto('agenda_items')
          .values({
            agenda_id: stored.id,
            ticket_id: item.ticketId,
            rank: item.rank,
            reasons: JSON.stringify(item.reasons),
            lead_party: item.lead,
          })
          .execute();
      }
    }
    return { inserted, stored };
  }

  async markSent(id: number, at: Date): Promise<void> {
    await this.db
      .updateTable('agendas')
      .set({ sent_at: toDbTime(at) })
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .execute();
  }

  /** The item of a ticket on the latest agenda that lists it. */
  async latestItemOf(ticketId: number): Promise<{ itemId: number; week: IsoWeek } | undefined> {
    const row = await this.db
      .selectFrom('agenda_items')
      .innerJoin('agendas', 'agendas.id', 'agenda_items.agenda_id')
      .select(['agenda_items.id as itemId', 'agendas.week as week'])
      .where('agenda_items.ticket_id', '=', ticketId)
      .orderBy('agendas.week', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row;
  }

  /** Puts a ticket raised at the meeting on an agenda, after its ranked items. */
  async addItem(agendaId: number, ticketId: number, lead: Party): Promise<number> {
    const last = await this.db
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.max('rank').as('rank'))
      .where('agenda_id', '=', agendaId)
      .executeTakeFirst();
    const row = await this.db
      .insertInto('agenda_items')
      .values({
        agenda_id: agendaId,
        ticket_id: ticketId,
        rank: Number(last?.rank ?? 0) + 1,
        reasons: JSON.stringify([{ kind: 'raised_at_meeting' }]),
        lead_party: lead,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  weekInput(week: WeekToLoad): Promise<AgendaInput> {
    return this.before(week.week, week.estateId).then((previous) => loadAgendaInput(this.db, week, previous));
  }

  async hadTicketsBefore(at: Date, estateId = DEFAULT_ESTATE_ID): Promise<boolean> {
    return (
      (await this.db
        .selectFrom('tickets')
        .select('id')
        .where('estate_id', '=', estateId)
        .where('created_at', '<', toDbTime(at))
        .limit(1)
        .executeTakeFirst()) !== undefined
    );
  }

  async addDecision(
    itemId: number,
    decision: { text: string; lead: Party; dueDate: string | null; by: string | null },
    at: Date,
  ): Promise<number> {
    const row = await this.db
      .insertInto('agenda_decisions')
      .values({
        agenda_item_id: itemId,
        decision: decision.text,
        lead_party: decision.lead,
        due_date: decision.dueDate,
        decided_at: toDbTime(at),
        decided_by: decision.by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
}
