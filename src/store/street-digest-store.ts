import type { Kysely, Selectable } from 'kysely';
import type { AgendaEscalation, AgendaEvent, AgendaTicket, ReporterAnswer } from '../agenda/agenda.ts';
import { weekBounds, type IsoWeek } from '../agenda/iso-week.ts';
import type { EstateWeekInput, StreetDigest, StreetDigestInput } from '../agenda/street-digest.ts';
import type { StoredStreetDigest, StreetDigestStore, StreetWeekToLoad } from '../agenda/street-digest-store.ts';
import type { Category, Urgency } from '../tickets/category.ts';
import { ACTIVE_STATUSES, type Status } from '../tickets/status.ts';
import type { Database, StreetDigestTable } from './schema.ts';
import { toDbTime } from './time.ts';

const DAY = 86_400_000;
/** Ids per `in (…)` list: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

/**
 * The ticket columns the figures are counted from: times and status, no text. A street reads tens of
 * thousands of tickets; what names a ticket (reference, category, place, summary) is read only for the
 * few escalated to the street ({@link LABEL_COLUMNS}).
 */
const FIGURE_COLUMNS = [
  'id',
  'estate_id',
  'status',
  'duplicate_of',
  'created_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'response_due_at',
  'resolution_due_at',
] as const;
const LABEL_COLUMNS = ['id', 'reference', 'category', 'urgency', 'summary', 'place_building', 'place_spot'] as const;

type TicketSlice = Pick<Selectable<Database['tickets']>, (typeof FIGURE_COLUMNS)[number]>;

function toTicket(row: TicketSlice): AgendaTicket {
  return {
    id: row.id,
    // Labels are filled in for the escalated tickets only; figures never read them.
    reference: '',
    category: 'other',
    urgency: 'normal',
    status: row.status as Status,
    summary: '',
    building: null,
    spot: null,
    duplicateOf: row.duplicate_of,
    reopenedCount: 0,
    explanation: null,
    createdAt: new Date(row.created_at),
    firstResponseAt: row.first_response_at === null ? null : new Date(row.first_response_at),
    resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    responseDueAt: new Date(row.response_due_at),
    resolutionDueAt: new Date(row.resolution_due_at),
    explainedAt: null,
  };
}

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

function rowToStored(row: Selectable<StreetDigestTable>): StoredStreetDigest {
  return {
    id: row.id,
    street: row.street,
    week: row.week,
    compiledAt: new Date(row.compiled_at),
    digest: JSON.parse(row.content) as StreetDigest,
    imageToken: row.image_token,
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
  };
}

/** The street digests, and the street-wide week they are compiled from. */
export class KyselyStreetDigestStore implements StreetDigestStore {
  constructor(private readonly db: Kysely<Database>) {}

  async streets(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('estates')
      .select('street')
      .distinct()
      .where('street', 'is not', null)
      .orderBy('street')
      .execute();
    return rows.map((r) => r.street!).filter((s) => s.trim() !== '');
  }

  /**
   * Every query is bounded by the street's estates and by the two weeks through an index — (estate_id,
   * created_at), (estate_id, response_due_at), (estate_id, resolution_due_at), (kind, created_at) of
   * events, answered_at of reporters — or by the active tickets (status index), or by ids already
   * found; none reads an estate's whole history.
   */
  async weekInput(options: StreetWeekToLoad): Promise<StreetDigestInput | undefined> {
    const db = this.db;
    const estates = await db
      .selectFrom('estates')
      .select(['id', 'code', 'name', 'community'])
      .where('street', '=', options.street)
      .orderBy('id')
      .execute();
    if (estates.length === 0) return undefined;
    const ids = estates.map((e) => e.id);
    const { start, end } = weekBounds(options.week, options.timeZone);
    const [last, to] = [toDbTime(new Date(start.getTime() - 7 * DAY)), toDbTime(end)];

    // One query, each branch through its index (SQLite: MULTI-INDEX OR), each ticket once.
    const tickets = new Map<number, { estate: number; ticket: AgendaTicket }>();
    const rows = await db
      .selectFrom('tickets')
      .select(FIGURE_COLUMNS)
      .where('estate_id', 'in', ids)
      .where((eb) =>
        eb.or([
          eb.and([eb('created_at', '>=', last), eb('created_at', '<', to)]),
          eb.and([eb('response_due_at', '>=', last), eb('response_due_at', '<', to)]),
          eb.and([eb('resolution_due_at', '>=', last), eb('resolution_due_at', '<', to)]),
          eb('status', 'in', ACTIVE_STATUSES),
        ]),
      )
      .execute();
    for (const row of rows) tickets.set(row.id, { estate: row.estate_id, ticket: toTicket(row) });

    const events = await db
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select(['ticket_events.ticket_id', 'ticket_events.kind', 'ticket_events.created_at', 'tickets.estate_id'])
      .where('ticket_events.kind', 'in', ['resolved', 'explained', 'reopened'])
      .where('ticket_events.created_at', '>=', last)
      .where('ticket_events.created_at', '<', to)
      .where('tickets.estate_id', 'in', ids)
      .execute();
    const answers = await db
      .selectFrom('ticket_reporters')
      .innerJoin('tickets', 'tickets.id', 'ticket_reporters.ticket_id')
      .select([
        'ticket_reporters.ticket_id',
        'ticket_reporters.fixed_answer',
        'ticket_reporters.rating',
        'ticket_reporters.answered_at',
        'tickets.estate_id',
      ])
      .where('ticket_reporters.answered_at', '>=', last)
      .where('ticket_reporters.answered_at', '<', to)
      .where('tickets.estate_id', 'in', ids)
      .execute();

    // When the explained tickets were explained (the resolution rate leaves out those explained in time).
    const explained = [...tickets.values()].filter((t) => t.ticket.status === 'explained').map((t) => t.ticket.id);
    for (const part of chunks(explained)) {
      const rows = await db
        .selectFrom('ticket_events')
        .select(['ticket_id', (eb) => eb.fn.max('created_at').as('at')])
        .where('ticket_id', 'in', part)
        .where('kind', '=', 'explained')
        .groupBy('ticket_id')
        .execute();
      for (const row of rows) tickets.get(row.ticket_id)!.ticket.explainedAt = new Date(String(row.at));
    }

    // The rungs the active tickets reached; those that reached the top are the street's business.
    const escalations = new Map<number, AgendaEscalation[]>();
    const rungs = await db
      .selectFrom('ticket_escalations')
      .innerJoin('tickets', 'tickets.id', 'ticket_escalations.ticket_id')
      .select(['ticket_escalations.ticket_id', 'ticket_escalations.step', 'ticket_escalations.taken_at'])
      .where('tickets.estate_id', 'in', ids)
      .where('tickets.status', 'in', ACTIVE_STATUSES)
      .where('ticket_escalations.step', 'in', ['admin', 'committee', 'party_branch', 'street'])
      .where('ticket_escalations.taken_at', '<=', toDbTime(options.asOf))
      .execute();
    for (const row of rungs)
      escalations.set(row.ticket_id, [
        ...(escalations.get(row.ticket_id) ?? []),
        { level: row.step as AgendaEscalation['level'], at: new Date(row.taken_at) },
      ]);
    const top = [...escalations.entries()]
      .filter(([, list]) =>
        list.some((r) => (r.level as string) === 'party_branch' || (r.level as string) === 'street'),
      )
      .map(([id]) => id);
    const personal = new Map<number, string[]>();
    for (const part of chunks(top)) {
      const labels = await db.selectFrom('tickets').select(LABEL_COLUMNS).where('id', 'in', part).execute();
      for (const label of labels) {
        const ticket = tickets.get(label.id)?.ticket;
        if (!ticket) continue;
        ticket.reference = label.reference;
        ticket.category = label.category as Category;
        ticket.urgency = label.urgency as Urgency;
        ticket.summary = label.summary;
        ticket.building = label.place_building;
        ticket.spot = label.place_spot;
      }
      const rows = await db
        .selectFrom('ticket_reporters')
        .innerJoin('residents', 'residents.id', 'ticket_reporters.resident_id')
        .select(['ticket_reporters.ticket_id', 'residents.display_name', 'residents.phone', 'residents.unit'])
        .where('ticket_reporters.ticket_id', 'in', part)
        .execute();
      for (const row of rows) {
        const known = [row.display_name, row.phone, row.unit].filter((s): s is string => s !== null && s.trim() !== '');
        personal.set(row.ticket_id, [...(personal.get(row.ticket_id) ?? []), ...known]);
      }
    }

    const byEstate = new Map<number, EstateWeekInput>(
      estates.map((e) => [
        e.id,
        {
          code: e.code,
          name: e.name ?? options.unnamed,
          community: e.community,
          tickets: [],
          events: [],
          answers: [],
          escalations: new Map(),
          personal: new Map(),
        },
      ]),
    );
    for (const { estate, ticket } of tickets.values()) {
      const input = byEstate.get(estate)!;
      (input.tickets as AgendaTicket[]).push(ticket);
      const reached = escalations.get(ticket.id);
      if (reached) (input.escalations as Map<number, AgendaEscalation[]>).set(ticket.id, reached);
      const known = personal.get(ticket.id);
      if (known) (input.personal as Map<number, string[]>).set(ticket.id, known);
    }
    for (const e of events)
      (byEstate.get(e.estate_id)!.events as AgendaEvent[]).push({
        ticketId: e.ticket_id,
        kind: e.kind as AgendaEvent['kind'],
        at: new Date(e.created_at),
      });
    for (const a of answers)
      (byEstate.get(a.estate_id)!.answers as ReporterAnswer[]).push({
        ticketId: a.ticket_id,
        fixed: a.fixed_answer === 'yes' || a.fixed_answer === 'no' ? a.fixed_answer : null,
        rating: a.rating,
        answeredAt: new Date(a.answered_at!),
      });
    return {
      street: options.street,
      week: options.week,
      timeZone: options.timeZone,
      start,
      end,
      asOf: options.asOf,
      estates: [...byEstate.values()],
    };
  }

  async findByWeek(street: string, week: IsoWeek): Promise<StoredStreetDigest | undefined> {
    const row = await this.db
      .selectFrom('street_digests')
      .selectAll()
      .where('street', '=', street)
      .where('week', '=', week)
      .executeTakeFirst();
    return row && rowToStored(row);
  }

  async findByToken(token: string): Promise<StoredStreetDigest | undefined> {
    const row = await this.db
      .selectFrom('street_digests')
      .selectAll()
      .where('image_token', '=', token)
      .executeTakeFirst();
    return row && rowToStored(row);
  }

  async insertOnce(
    digest: StreetDigest,
    imageToken: string,
    at: Date,
  ): Promise<{ inserted: boolean; stored: StoredStreetDigest }> {
    const result = await this.db
      .insertInto('street_digests')
      .values({
        street: digest.street,
        week: digest.week,
        compiled_at: toDbTime(at),
        content: JSON.stringify(digest),
        image_token: imageToken,
        sent_at: null,
      })
      .onConflict((oc) => oc.columns(['street', 'week']).doNothing())
      .executeTakeFirst();
    const inserted = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    return { inserted, stored: (await this.findByWeek(digest.street, digest.week))! };
  }

  async markSent(id: number, at: Date): Promise<void> {
    await this.db
      .updateTable('street_digests')
      .set({ sent_at: toDbTime(at) })
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .execute();
  }
}
