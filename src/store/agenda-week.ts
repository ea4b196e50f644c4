import { sql, type Kysely } from 'kysely';
import type { Category, Urgency } from '../tickets/category.ts';
import { ACTIVE_STATUSES, type Status } from '../tickets/status.ts';
import {
  isParty,
  type AgendaEscalation,
  type AgendaRevisit,
  type AgendaEvent,
  type AgendaInput,
  type AgendaTicket,
  type PreviousDecision,
  type ReporterAnswer,
} from '../agenda/agenda.ts';
import type { WeekToLoad } from '../agenda/agenda-store.ts';
import { CHART_WEEKS } from '../agenda/compile.ts';
import { weekBounds } from '../agenda/iso-week.ts';
import { REPEAT_WINDOW_DAYS } from '../agenda/rank.ts';
import type { StoredAgenda } from '../agenda/agenda-store.ts';
import type { Database, TicketRow } from './schema.ts';
import { toDbTime } from './time.ts';
import { DEFAULT_ESTATE_ID } from '../estates/estate.ts';

const DAY = 86_400_000;
/** Ids per `in (…)` list: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

/** The ticket columns the agenda reads: no unit, no description, no coordinates. */
export const TICKET_COLUMNS = [
  'id',
  'reference',
  'category',
  'urgency',
  'status',
  'summary',
  'place_building',
  'place_spot',
  'duplicate_of',
  'reopened_count',
  'explanation_reason',
  'explanation_plan',
  'created_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'response_due_at',
  'resolution_due_at',
] as const;

export type TicketSlice = Pick<TicketRow, (typeof TICKET_COLUMNS)[number]>;

export function toAgendaTicket(row: TicketSlice): AgendaTicket {
  return {
    id: row.id,
    reference: row.reference,
    category: row.category as Category,
    urgency: row.urgency as Urgency,
    status: row.status as Status,
    summary: row.summary,
    building: row.place_building,
    spot: row.place_spot,
    duplicateOf: row.duplicate_of,
    reopenedCount: row.reopened_count,
    explanation:
      row.explanation_reason !== null && row.explanation_plan !== null
        ? { reason: row.explanation_reason, plan: row.explanation_plan }
        : null,
    createdAt: new Date(row.created_at),
    firstResponseAt: row.first_response_at === null ? null : new Date(row.first_response_at),
    resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    responseDueAt: new Date(row.response_due_at),
    resolutionDueAt: new Date(row.resolution_due_at),
    explainedAt: null,
  };
}

/** `list` in pieces of at most {@link CHUNK}, for `in (…)` lists. */
export function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/**
 * Loads what {@link compileWeeklyAgenda} needs for one week. Every query is bounded by the week (or
 * the chart's eight weeks) through an index — created_at, the two deadlines, (kind, created_at) of
 * events, answered_at of reporters — or by the tickets still active or explained (status index), or
 * by ids already found; none reads the whole history.
 */
export async function loadAgendaInput(
  db: Kysely<Database>,
  options: WeekToLoad,
  /** The agenda of the meeting before this week's (its decisions are followed up). */
  previousAgenda: StoredAgenda | undefined,
): Promise<AgendaInput> {
  const { start, end } = weekBounds(options.week, options.timeZone);
  const lastStart = new Date(start.getTime() - 7 * DAY);
  // One extra day either side covers a daylight-saving shift in the chart's weeks.
  const windowStart = new Date(start.getTime() - (Math.max(CHART_WEEKS * 7, REPEAT_WINDOW_DAYS) + 1) * DAY);
  const [from, to, last] = [toDbTime(windowStart), toDbTime(end), toDbTime(lastStart)];

  const tickets = new Map<number, AgendaTicket>();
  const keep = (rows: readonly TicketSlice[]): void => rows.forEach((row) => tickets.set(row.id, toAgendaTicket(row)));
  const estateId = options.estateId ?? DEFAULT_ESTATE_ID;
  const select = () => db.selectFrom('tickets').select(TICKET_COLUMNS).where('estate_id', '=', estateId);

  keep(await select().where('created_at', '>=', from).where('created_at', '<', to).execute());
  keep(await select().where('response_due_at', '>=', last).where('response_due_at', '<', to).execute());
  keep(await select().where('resolution_due_at', '>=', last).where('resolution_due_at', '<', to).execute());
  keep(
    await select()
      .where('status', 'in', [...ACTIVE_STATUSES, 'explained'])
      .execute(),
  );

  const events: AgendaEvent[] = (
    await db
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select(['ticket_events.ticket_id', 'ticket_events.kind', 'ticket_events.created_at'])
      // "+": the week's events lead (their kind and time index), each ticket's estate is then checked.
      .where(sql`+tickets.estate_id`, '=', estateId)
      .where('ticket_events.kind', 'in', ['resolved', 'explained', 'reopened'])
      .where('ticket_events.created_at', '>=', last)
      .where('ticket_events.created_at', '<', to)
      .execute()
  ).map((e) => ({ ticketId: e.ticket_id, kind: e.kind as AgendaEvent['kind'], at: new Date(e.created_at) }));

  const answers: ReporterAnswer[] = (
    await db
      .selectFrom('ticket_reporters')
      .innerJoin('tickets', 'tickets.id', 'ticket_reporters.ticket_id')
      .select([
        'ticket_reporters.ticket_id',
        'ticket_reporters.fixed_answer',
        'ticket_reporters.rating',
        'ticket_reporters.answered_at',
      ])
      .where(sql`+tickets.estate_id`, '=', estateId)
      .where('ticket_reporters.answered_at', '>=', last)
      .where('ticket_reporters.answered_at', '<', to)
      .execute()
  ).map((a) => ({
    ticketId: a.ticket_id,
    fixed: a.fixed_answer === 'yes' || a.fixed_answer === 'no' ? a.fixed_answer : null,
    rating: a.rating,
    answeredAt: new Date(a.answered_at!),
  }));

  // The tickets of the previous meeting's decisions.
  const decisionRows = previousAgenda
    ? await db
        .selectFrom('agenda_decisions')
        .innerJoin('agenda_items', 'agenda_items.id', 'agenda_decisions.agenda_item_id')
        .select([
          'agenda_items.ticket_id',
          'agenda_decisions.decision',
          'agenda_decisions.lead_party',
          'agenda_decisions.due_date',
          'agenda_decisions.decided_at',
        ])
        .where('agenda_items.agenda_id', '=', previousAgenda.id)
        .orderBy('agenda_decisions.id')
        .execute()
    : [];

  // 回访 asked for by then and not finished then (status index; unfinished ones are few).
  const asOf = toDbTime(options.asOf);
  const revisits: AgendaRevisit[] = (
    await db
      .selectFrom('revisits')
      .select(['ticket_id', 'reason', 'rating', 'requested_at', 'started_at', 'finished_at'])
      .where('requested_at', '<=', asOf)
      .where((eb) => eb.or([eb('status', '!=', 'done'), eb('finished_at', '>', asOf)]))
      .orderBy('requested_at')
      .execute()
  ).map((r) => ({
    ticketId: r.ticket_id,
    reason: r.reason === 'reopened' ? 'reopened' : 'low_rating',
    rating: r.rating,
    requestedAt: new Date(r.requested_at),
    startedAt: r.started_at === null ? null : new Date(r.started_at),
  }));

  const missing = [
    ...new Set([
      ...events.map((e) => e.ticketId),
      ...answers.map((a) => a.ticketId),
      ...decisionRows.map((d) => d.ticket_id),
      ...revisits.map((r) => r.ticketId),
    ]),
  ].filter((id) => !tickets.has(id));
  for (const ids of chunks(missing)) keep(await select().where('id', 'in', ids).execute());

  const explained = [...tickets.values()].filter((t) => t.status === 'explained').map((t) => t.id);
  for (const ids of chunks(explained)) {
    const rows = await db
      .selectFrom('ticket_events')
      .select(['ticket_id', (eb) => eb.fn.max('created_at').as('at')])
      .where('ticket_id', 'in', ids)
      .where('kind', '=', 'explained')
      .groupBy('ticket_id')
      .execute();
    for (const row of rows) tickets.get(row.ticket_id)!.explainedAt = new Date(String(row.at));
  }

  // Reporters and what identifies them, for the tickets that can become items, follow-ups or 回访.
  const candidates = [...tickets.values()]
    .filter(
      (t) =>
        (ACTIVE_STATUSES as readonly string[]).includes(t.status) ||
        t.status === 'explained' ||
        decisionRows.some((d) => d.ticket_id === t.id) ||
        revisits.some((r) => r.ticketId === t.id),
    )
    .map((t) => t.id);
  const reporters = new Map<number, number>();
  const personal = new Map<number, string[]>();
  for (const ids of chunks(candidates)) {
    const rows = await db
      .selectFrom('ticket_reporters')
      .innerJoin('residents', 'residents.id', 'ticket_reporters.resident_id')
      .select(['ticket_reporters.ticket_id', 'residents.display_name', 'residents.phone', 'residents.unit'])
      .where('ticket_reporters.ticket_id', 'in', ids)
      .execute();
    for (const row of rows) {
      reporters.set(row.ticket_id, (reporters.get(row.ticket_id) ?? 0) + 1);
      const known = [row.display_name, row.phone, row.unit].filter((s): s is string => s !== null && s.trim() !== '');
      personal.set(row.ticket_id, [...(personal.get(row.ticket_id) ?? []), ...known]);
    }
  }

  // The rungs of the escalation ladder (督办) the active tickets reached.
  const escalations = new Map<number, AgendaEscalation[]>();
  const active = [...tickets.values()]
    .filter((t) => (ACTIVE_STATUSES as readonly string[]).includes(t.status))
    .map((t) => t.id);
  for (const ids of chunks(active)) {
    const rows = await db
      .selectFrom('ticket_escalations')
      .select(['ticket_id', 'step', 'taken_at', 'recipients'])
      .where('ticket_id', 'in', ids)
      .where('step', 'in', ['admin', 'committee', 'party_branch', 'street'])
      .where('taken_at', '<=', toDbTime(options.asOf))
      .execute();
    for (const row of rows) {
      escalations.set(row.ticket_id, [
        ...(escalations.get(row.ticket_id) ?? []),
        { level: row.step as AgendaEscalation['level'], at: new Date(row.taken_at), recipients: row.recipients },
      ]);
    }
  }

  const decisions: PreviousDecision[] = decisionRows
    .filter((d) => tickets.has(d.ticket_id))
    .map((d) => ({
      ticket: tickets.get(d.ticket_id)!,
      decision: d.decision,
      lead: isParty(d.lead_party) ? d.lead_party : 'property',
      dueDate: d.due_date,
      decidedAt: new Date(d.decided_at),
    }));

  return {
    week: options.week,
    timeZone: options.timeZone,
    community: options.community,
    start,
    end,
    asOf: options.asOf,
    tickets: [...tickets.values()],
    events,
    answers,
    reporters,
    personal,
    escalations,
    // Another estate's 回访 (its ticket was not loaded: the select keeps to this estate) is not this agenda's.
    revisits: revisits.filter((r) => tickets.has(r.ticketId)),
    previous: previousAgenda
      ? { week: previousAgenda.week, decisions, stocks: previousAgenda.agenda.figures?.stocks ?? null }
      : null,
  };
}
