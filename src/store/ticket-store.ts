import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Place } from '../classify/classifier.ts';
import { extractPlace } from '../classify/place.ts';
import { searchableText, searchableWords, SEARCHED_EVENT_KINDS } from '../privacy/search-text.ts';
import type { Category, Urgency } from '../tickets/category.ts';
import { isHazard } from '../tickets/hazard.ts';
import { formatReference } from '../tickets/reference.ts';
import { ACTIVE_STATUSES, type Status } from '../tickets/status.ts';
import type { Actor, Ticket, TicketEvent, TicketEventKind } from '../tickets/ticket.ts';
import { recordingFile, type HeldCard, type RecordingFile, type TicketRecording } from '../tickets/recording.ts';
import type {
  NewAttachment,
  NewTicket,
  Report,
  ReporterContact,
  ResolvedReport,
  TicketChanges,
  TicketFilter,
  TicketStore,
} from '../tickets/ticket-store.ts';
import type { Database, TicketEventRow, TicketRow, TicketUpdate } from './schema.ts';
import { fromDbTime, toDbTime } from './time.ts';

export function ticketRowToTicket(row: TicketRow): Ticket {
  const hasPlace =
    row.place_building !== null || row.place_unit !== null || row.place_spot !== null || row.place_text !== null;
  const place: Place | null = hasPlace
    ? {
        ...(row.place_building !== null && { building: row.place_building }),
        ...(row.place_unit !== null && { unit: row.place_unit }),
        ...(row.place_spot !== null && { spot: row.place_spot }),
        text: row.place_text ?? '',
      }
    : null;
  return {
    id: row.id,
    reference: row.reference,
    category: row.category as Category,
    urgency: row.urgency as Urgency,
    hazard: isHazard(row.hazard) ? row.hazard : null,
    status: row.status as Status,
    summary: row.summary,
    description: row.description,
    place,
    location:
      row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : null,
    language: row.language,
    classifierSource: row.classifier_source,
    classifierModel: row.classifier_model,
    classifierLatencyMs: row.classifier_latency_ms,
    confidence: row.confidence,
    duplicateOf: row.duplicate_of,
    assigneeId: row.assignee_id,
    reopenedCount: row.reopened_count,
    explanation:
      row.explanation_reason !== null && row.explanation_plan !== null
        ? { reason: row.explanation_reason, plan: row.explanation_plan }
        : null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    estateId: row.estate_id,
    firstResponseAt: fromDbTime(row.first_response_at),
    resolvedAt: fromDbTime(row.resolved_at),
    closedAt: fromDbTime(row.closed_at),
    responseDueAt: new Date(row.response_due_at),
    resolutionDueAt: new Date(row.resolution_due_at),
    responseOverdueNotifiedAt: fromDbTime(row.response_overdue_notified_at),
    resolutionOverdueNotifiedAt: fromDbTime(row.resolution_overdue_notified_at),
  };
}

export function eventRowToEvent(row: TicketEventRow): TicketEvent {
  const actor: Actor =
    row.actor_kind === 'system' || row.actor_id === null
      ? { kind: 'system' }
      : { kind: row.actor_kind as 'resident' | 'member', id: row.actor_id };
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind as TicketEventKind,
    actor,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: new Date(row.created_at),
  };
}

export type { NewTicket, Report, TicketFilter } from '../tickets/ticket-store.ts';

/**
 * Tickets, their reporters and their history on Kysely. Construct it on a transaction to make its
 * writes part of a larger unit of work (ticket + outbox message together).
 */
export class KyselyTicketStore implements TicketStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Takes the next number of a named counter; atomic across instances. */
  async nextCounter(name: string): Promise<number> {
    await this.db
      .insertInto('counters')
      .values({ name, value: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .updateTable('counters')
      .set({ value: sql`value + 1` })
      .where('name', '=', name)
      .returning('value')
      .executeTakeFirstOrThrow();
    return row.value;
  }

  /** Creates a ticket with its reference, its `created` event and its first reporter. */
  async create(input: NewTicket, reporterResidentId: number | null): Promise<Ticket> {
    const n = await this.nextCounter(`ticket:${input.category}`);
    const now = toDbTime(input.createdAt);
    const row = await this.db
      .insertInto('tickets')
      .values({
        reference: formatReference(input.category, n),
        category: input.category,
        urgency: input.urgency,
        hazard: input.hazard ?? null,
        status: 'open',
        summary: input.summary,
        description: input.description,
        place_building: input.place?.building ?? null,
        place_unit: input.place?.unit ?? null,
        place_spot: input.place?.spot ?? null,
        place_text: input.place?.text ?? null,
        latitude: input.location?.latitude ?? null,
        longitude: input.location?.longitude ?? null,
        language: input.language,
        classifier_source: input.classifierSource,
        classifier_model: input.classifierModel ?? null,
        classifier_latency_ms:
          input.classifierLatencyMs === undefined || input.classifierLatencyMs === null
            ? null
            : Math.round(input.classifierLatencyMs),
        confidence: input.confidence ?? null,
        duplicate_of: null,
        assignee_id: null,
        reopened_count: 0,
        explanation_reason: null,
        explanation_plan: null,
        created_at: now,
        updated_at: now,
        first_response_at: null,
        resolved_at: null,
        closed_at: null,
        response_due_at: toDbTime(input.responseDueAt),
        resolution_due_at: toDbTime(input.resolutionDueAt),
        response_overdue_notified_at: null,
        resolution_overdue_notified_at: null,
        search_text: searchableText([input.summary, input.description, input.place?.text, input.place?.spot]),
        ...(input.estateId !== undefined && { estate_id: input.estateId }),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const ticket = ticketRowToTicket(row);
    const actor: Actor =
      reporterResidentId === null ? { kind: 'system' } : { kind: 'resident', id: reporterResidentId };
    await this.addEvent(
      ticket.id,
      'created',
      actor,
      { category: input.category, urgency: input.urgency, source: input.classifierSource, ...input.classifierDetails },
      input.createdAt,
    );
    if (reporterResidentId !== null)
      await this.addReporter(ticket.id, reporterResidentId, true, input.createdAt, input.description);
    return ticket;
  }

  async findById(id: number): Promise<Ticket | undefined> {
    const row = await this.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
    return row && ticketRowToTicket(row);
  }

  async findByReference(reference: string): Promise<Ticket | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .selectAll()
      .where('reference', '=', reference.toUpperCase())
      .executeTakeFirst();
    return row && ticketRowToTicket(row);
  }

  /** Applies column changes and bumps `updated_at`; a changed text or place is searchable at once. */
  async update(id: number, changes: TicketUpdate, at: Date): Promise<Ticket> {
    const row = await this.db
      .updateTable('tickets')
      .set({ ...changes, updated_at: toDbTime(at) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (SEARCHED_COLUMNS_OF_TICKET.some((column) => column in changes)) await this.refreshSearchText(row);
    return ticketRowToTicket(row);
  }

  /** The port's update, in domain terms: maps changes to columns. */
  async change(id: number, changes: TicketChanges, at: Date): Promise<Ticket> {
    return this.update(id, ticketChangesToUpdate(changes), at);
  }

  async addAttachment(input: NewAttachment, at: Date): Promise<number> {
    return addAttachment(this.db, input, at);
  }

  async attachToTicket(attachmentId: number, ticketId: number): Promise<void> {
    await this.db.updateTable('attachments').set({ ticket_id: ticketId }).where('id', '=', attachmentId).execute();
  }

  async ticketOfAttachment(attachmentId: number): Promise<number | null | undefined> {
    const row = await this.db
      .selectFrom('attachments')
      .select('ticket_id')
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    return row?.ticket_id;
  }

  async holdCardForRecording(attachmentId: number, card: HeldCard): Promise<RecordingFile> {
    const held = await this.db
      .updateTable('attachments')
      .set({ held_card: JSON.stringify(card) })
      .where('id', '=', attachmentId)
      .where('path', 'is', null)
      .executeTakeFirst();
    if (Number(held.numUpdatedRows) === 1) return { status: 'downloading' };
    return (await this.recordingOf(attachmentId))?.file ?? { status: 'unavailable' };
  }

  async recordingOf(attachmentId: number): Promise<TicketRecording | undefined> {
    const row = await this.db
      .selectFrom('attachments')
      .select(['id', 'ticket_id', 'platform', 'platform_file_id', 'mime_type', 'duration_seconds', 'path'])
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      attachmentId: row.id,
      ticketId: row.ticket_id,
      platform: row.platform,
      fileId: row.platform_file_id ?? '',
      mimeType: row.mime_type,
      durationSeconds: row.duration_seconds,
      file: recordingFile(row.path, row.mime_type),
    };
  }

  async lastResolvedReport(residentId: number, since: Date): Promise<ResolvedReport | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .innerJoin('ticket_reporters', 'ticket_reporters.ticket_id', 'tickets.id')
      .select([
        'tickets.id',
        'tickets.reference',
        'tickets.resolved_at',
        'ticket_reporters.rating',
        'ticket_reporters.answered_at',
      ])
      .where('ticket_reporters.resident_id', '=', residentId)
      .where('ticket_reporters.withdrawn_at', 'is', null)
      .where('tickets.status', '=', 'resolved')
      .where('tickets.resolved_at', '>=', toDbTime(since))
      .orderBy('tickets.resolved_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return (
      row && {
        ticketId: row.id,
        reference: row.reference,
        resolvedAt: fromDbTime(row.resolved_at),
        rating: row.rating,
        answeredAt: fromDbTime(row.answered_at),
      }
    );
  }

  async buildingsOf(residentId: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .innerJoin('ticket_reporters', 'ticket_reporters.ticket_id', 'tickets.id')
      .select('tickets.place_building')
      .distinct()
      .where('ticket_reporters.resident_id', '=', residentId)
      .where('tickets.place_building', 'is not', null)
      .limit(limit)
      .execute();
    return rows.map((r) => r.place_building!);
  }

  async overdueUnannounced(deadline: 'response' | 'resolution', at: Date, limit: number): Promise<Ticket[]> {
    const due = deadline === 'response' ? 'response_due_at' : 'resolution_due_at';
    const stamp = deadline === 'response' ? 'response_overdue_notified_at' : 'resolution_overdue_notified_at';
    let query = this.db
      .selectFrom('tickets')
      .selectAll()
      .where('status', 'in', [...ACTIVE_STATUSES])
      .where(due, '<', toDbTime(at))
      .where(stamp, 'is', null);
    if (deadline === 'response') query = query.where('first_response_at', 'is', null);
    const rows = await query.orderBy(due).limit(limit).execute();
    return rows.map(ticketRowToTicket);
  }

  async claimOverdueNotice(ticketId: number, deadline: 'response' | 'resolution', at: Date): Promise<boolean> {
    const stamp = deadline === 'response' ? 'response_overdue_notified_at' : 'resolution_overdue_notified_at';
    const claimed = await this.db
      .updateTable('tickets')
      .set({ [stamp]: toDbTime(at) })
      .where('id', '=', ticketId)
      .where(stamp, 'is', null)
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  }

  /** Rebuilds the masked search text of a ticket from its columns and what residents added. */
  private async refreshSearchText(row: TicketRow): Promise<void> {
    const events = await this.db
      .selectFrom('ticket_events')
      .select('data')
      .where('ticket_id', '=', row.id)
      .where('kind', 'in', [...SEARCHED_EVENT_KINDS])
      .orderBy('id')
      .execute();
    const added = events
      .map((e) => (JSON.parse(e.data) as { text?: unknown }).text)
      .filter((t): t is string => typeof t === 'string');
    const text = searchableText([row.summary, row.description, row.place_text, row.place_spot, ...added]);
    await this.db.updateTable('tickets').set({ search_text: text }).where('id', '=', row.id).execute();
  }

  async addEvent(
    ticketId: number,
    kind: TicketEventKind,
    actor: Actor,
    data: Record<string, unknown>,
    at: Date,
  ): Promise<TicketEvent> {
    const row = await this.db
      .insertInto('ticket_events')
      .values({
        ticket_id: ticketId,
        kind,
        actor_kind: actor.kind,
        actor_id: actor.kind === 'system' ? null : actor.id,
        data: JSON.stringify(data),
        created_at: toDbTime(at),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const text = data.text;
    if ((SEARCHED_EVENT_KINDS as readonly string[]).includes(kind) && typeof text === 'string' && text.trim() !== '') {
      await this.db
        .updateTable('tickets')
        .set({ search_text: sql<string>`search_text || ${`\n${searchableText([text])}`}` })
        .where('id', '=', ticketId)
        .execute();
    }
    return eventRowToEvent(row);
  }

  async events(ticketId: number): Promise<TicketEvent[]> {
    const rows = await this.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
    return rows.map(eventRowToEvent);
  }

  /**
   * Adds a reporter with the words they reported it in; returns false when the resident already
   * reports this ticket. A resident who had withdrawn and reports it again is a reporter once more.
   */
  async addReporter(
    ticketId: number,
    residentId: number,
    isOriginal: boolean,
    at: Date,
    text: string | null = null,
  ): Promise<boolean> {
    const result = await this.db
      .insertInto('ticket_reporters')
      .values({
        ticket_id: ticketId,
        resident_id: residentId,
        is_original: isOriginal ? 1 : 0,
        fixed_answer: null,
        rating: null,
        answered_at: null,
        created_at: toDbTime(at),
        text,
        withdrawn_at: null,
      })
      .onConflict((oc) => oc.columns(['ticket_id', 'resident_id']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) return true;
    const back = await this.db
      .updateTable('ticket_reporters')
      .set({ withdrawn_at: null, ...(text !== null && { text }) })
      .where('ticket_id', '=', ticketId)
      .where('resident_id', '=', residentId)
      .where('withdrawn_at', 'is not', null)
      .executeTakeFirst();
    return Number(back.numUpdatedRows) > 0;
  }

  /** The residents who currently report a ticket (not those who withdrew), first reporter first. */
  async reporterIds(ticketId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('ticket_reporters')
      .select('resident_id')
      .where('ticket_id', '=', ticketId)
      .where('withdrawn_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.resident_id);
  }

  async reporterCount(ticketId: number): Promise<number> {
    const row = await this.db
      .selectFrom('ticket_reporters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ticket_id', '=', ticketId)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Whether the resident currently reports the ticket (a withdrawn report does not count). */
  async isReporter(ticketId: number, residentId: number): Promise<boolean> {
    return (await this.reportOf(ticketId, residentId))?.withdrawnAt === null;
  }

  /** One resident's report on a ticket, withdrawn or not; undefined when they never reported it. */
  async reportOf(ticketId: number, residentId: number): Promise<Report | undefined> {
    const row = await this.db
      .selectFrom('ticket_reporters')
      .select(['is_original', 'text', 'withdrawn_at', 'rating', 'answered_at'])
      .where('ticket_id', '=', ticketId)
      .where('resident_id', '=', residentId)
      .executeTakeFirst();
    return (
      row && {
        isOriginal: row.is_original === 1,
        text: row.text,
        withdrawnAt: fromDbTime(row.withdrawn_at),
        rating: row.rating,
        answeredAt: fromDbTime(row.answered_at),
      }
    );
  }

  /** The resident's reports, newest ticket first, each with its ticket (withdrawn ones included). */
  async reportsOf(residentId: number, limit: number): Promise<Array<{ ticket: Ticket; report: Report }>> {
    const rows = await this.db
      .selectFrom('ticket_reporters')
      .innerJoin('tickets', 'tickets.id', 'ticket_reporters.ticket_id')
      .selectAll('tickets')
      .select([
        'ticket_reporters.is_original',
        'ticket_reporters.text as report_text',
        'ticket_reporters.withdrawn_at',
        'ticket_reporters.rating',
        'ticket_reporters.answered_at',
      ])
      .where('ticket_reporters.resident_id', '=', residentId)
      .orderBy('tickets.created_at', 'desc')
      .orderBy('tickets.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(({ is_original, report_text, withdrawn_at, rating, answered_at, ...ticket }) => ({
      ticket: ticketRowToTicket(ticket as TicketRow),
      report: {
        isOriginal: is_original === 1,
        text: report_text,
        withdrawnAt: fromDbTime(withdrawn_at),
        rating,
        answeredAt: fromDbTime(answered_at),
      },
    }));
  }

  /**
   * What identifies the ticket's other reporters (display names, phones, units), for masking their
   * words before a neighbour sees them.
   */
  async otherReportersDetails(ticketId: number, exceptResidentId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('ticket_reporters')
      .innerJoin('residents', 'residents.id', 'ticket_reporters.resident_id')
      .select(['residents.display_name', 'residents.phone', 'residents.unit'])
      .where('ticket_reporters.ticket_id', '=', ticketId)
      .where('ticket_reporters.resident_id', '!=', exceptResidentId)
      .execute();
    return rows
      .flatMap((r) => [r.display_name, r.phone, r.unit])
      .filter((v): v is string => v !== null && v.trim() !== '');
  }

  async reporterContacts(ticketId: number): Promise<ReporterContact[]> {
    const rows = await this.db
      .selectFrom('ticket_reporters')
      .innerJoin('residents', 'residents.id', 'ticket_reporters.resident_id')
      .innerJoin('tickets', 'tickets.id', 'ticket_reporters.ticket_id')
      .select([
        'ticket_reporters.resident_id',
        'ticket_reporters.is_original',
        'ticket_reporters.text',
        'residents.display_name',
        'residents.phone',
        'residents.unit',
        'tickets.description',
      ])
      .where('ticket_reporters.ticket_id', '=', ticketId)
      .where('ticket_reporters.withdrawn_at', 'is', null)
      .orderBy('ticket_reporters.id')
      .execute();
    if (rows.length === 0) return [];
    const identities = await this.db
      .selectFrom('resident_identities')
      .select(['resident_id', 'platform', 'platform_user_id'])
      .where(
        'resident_id',
        'in',
        rows.map((r) => r.resident_id),
      )
      .orderBy('id')
      .execute();
    return rows.map((r) => {
      const words = r.text ?? (r.is_original === 1 ? r.description : null);
      return {
        isOriginal: r.is_original === 1,
        name: r.display_name,
        phone: r.phone,
        unit: r.unit,
        addresses: identities
          .filter((i) => i.resident_id === r.resident_id)
          .map((i) => `${i.platform}:${i.platform_user_id}`),
        words: words !== null && words.trim() !== '' ? words : null,
      };
    });
  }

  /** Takes back one resident's report; returns false when they had none to withdraw. */
  async withdrawReporter(ticketId: number, residentId: number, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('ticket_reporters')
      .set({ withdrawn_at: toDbTime(at) })
      .where('ticket_id', '=', ticketId)
      .where('resident_id', '=', residentId)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async recordReporterAnswer(
    ticketId: number,
    residentId: number,
    answer: { fixed?: 'yes' | 'no'; rating?: number },
    at: Date,
  ): Promise<void> {
    await this.db
      .updateTable('ticket_reporters')
      .set({
        ...(answer.fixed !== undefined && { fixed_answer: answer.fixed }),
        ...(answer.rating !== undefined && { rating: answer.rating }),
        answered_at: toDbTime(at),
      })
      .where('ticket_id', '=', ticketId)
      .where('resident_id', '=', residentId)
      .execute();
  }

  /**
   * An active ticket of the same category at the same building or spot, created since `since`: the
   * ticket a new complaint should join instead of opening another.
   */
  async findOpenCandidates({
    estateId,
    place,
    since,
    limit,
  }: {
    estateId?: number;
    place: Place | null;
    since: Date;
    limit: number;
  }): Promise<Ticket[]> {
    if (!place || (place.building === undefined && place.spot === undefined)) return [];
    let query = this.db.selectFrom('tickets').selectAll();
    if (estateId !== undefined) query = query.where('estate_id', '=', estateId);
    query = query.where('status', 'in', [...ACTIVE_STATUSES]).where('created_at', '>=', toDbTime(since));
    query =
      place.building !== undefined
        ? query.where('place_building', '=', place.building)
        : query.where('place_spot', '=', place.spot!);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(ticketRowToTicket);
  }

  async list(filter: TicketFilter = {}): Promise<Ticket[]> {
    let query = this.db.selectFrom('tickets').selectAll('tickets');
    if (filter.status !== undefined) {
      const statuses = typeof filter.status === 'string' ? [filter.status] : [...filter.status];
      query = query.where('tickets.status', 'in', statuses);
    }
    if (filter.category !== undefined) query = query.where('tickets.category', '=', filter.category);
    if (filter.estateId !== undefined) query = query.where('tickets.estate_id', '=', filter.estateId);
    if (filter.estateIds !== undefined)
      query =
        filter.estateIds.length === 0
          ? query.where(sql<boolean>`1 = 0`)
          : query.where('tickets.estate_id', 'in', [...filter.estateIds]);
    if (filter.overdueAt !== undefined) {
      const at = toDbTime(filter.overdueAt);
      query = query
        .where('tickets.status', 'in', [...ACTIVE_STATUSES])
        .where((eb) =>
          eb.or([
            eb.and([eb('tickets.first_response_at', 'is', null), eb('tickets.response_due_at', '<', at)]),
            eb('tickets.resolution_due_at', '<', at),
          ]),
        );
    }
    if (filter.search !== undefined && filter.search.trim() !== '') {
      const search = filter.search.trim();
      const place = extractPlace(search);
      const rest = place ? withoutPlace(search, place) : '';
      query = query.where((eb) => {
        const like = (expression: RawBuilder<unknown>, needle: string) =>
          eb(expression, 'like', sql`${likePattern(needle)} escape '\\'`);
        // Only masked text is searched (with what residents added later): a phone or a name finds nothing.
        // search_text is stored lower-cased in simplified characters: one LIKE finds "電梯" and "电梯".
        const mentions = (words: string) =>
          eb.or([
            like(sql`lower(tickets.reference)`, words.toLowerCase()),
            like(sql.ref('tickets.place_building'), words),
            like(sql.ref('tickets.search_text'), searchableWords(words)),
          ]);
        // "3号楼电梯" is the lift at building 3 however its place was written ("第三棟", "3#"), and not
        // the one at 13号楼 that a substring match would also find.
        const atPlace = [
          ...(place?.building !== undefined ? [eb('tickets.place_building', '=', place.building)] : []),
          ...(place?.spot !== undefined &&
          (place.building === undefined || !place.spot.startsWith(`${place.building}号楼`))
            ? [eb('tickets.place_spot', '=', place.spot)]
            : []),
        ];
        if (atPlace.length === 0) return mentions(search);
        return eb.and([...atPlace, ...(rest === '' ? [] : [mentions(rest)])]);
      });
    }
    if (filter.residentId !== undefined) {
      const residentId = filter.residentId;
      query = query.where('tickets.id', 'in', (eb) =>
        eb.selectFrom('ticket_reporters').select('ticket_id').where('resident_id', '=', residentId),
      );
    }
    const rows = await query
      .orderBy('tickets.created_at', 'desc')
      .orderBy('tickets.id', 'desc')
      .limit(filter.limit ?? 100)
      .execute();
    return rows.map(ticketRowToTicket);
  }

  /**
   * The tickets still waiting for the property firm (active statuses): how many, how many urgent, and
   * the first `limit` of them, urgent first, then the longest waiting.
   */
  async backlog(limit: number, estateId?: number): Promise<{ total: number; urgent: number; first: Ticket[] }> {
    let active = this.db.selectFrom('tickets').where('status', 'in', [...ACTIVE_STATUSES]);
    if (estateId !== undefined) active = active.where('estate_id', '=', estateId);
    const counts = await active
      .select((eb) => [
        eb.fn.countAll<string | number>().as('total'),
        eb.fn.count<string | number>(eb.case().when('urgency', '=', 'urgent').then(1).end()).as('urgent'),
      ])
      .executeTakeFirstOrThrow();
    const rows = await active
      .selectAll()
      .orderBy(sql`case when urgency = 'urgent' then 0 else 1 end`)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return { total: Number(counts.total), urgent: Number(counts.urgent), first: rows.map(ticketRowToTicket) };
  }
}

/** The columns behind the port's domain-level changes. */
function ticketChangesToUpdate(changes: TicketChanges): TicketUpdate {
  const update: TicketUpdate = {};
  if (changes.status !== undefined) update.status = changes.status;
  if (changes.category !== undefined) update.category = changes.category;
  if (changes.urgency !== undefined) update.urgency = changes.urgency;
  if (changes.hazard !== undefined) update.hazard = changes.hazard;
  if (changes.summary !== undefined) update.summary = changes.summary;
  if (changes.description !== undefined) update.description = changes.description;
  if (changes.responseDueAt !== undefined) update.response_due_at = toDbTime(changes.responseDueAt);
  if (changes.resolutionDueAt !== undefined) update.resolution_due_at = toDbTime(changes.resolutionDueAt);
  if (changes.place !== undefined) {
    const p = changes.place;
    Object.assign(update, {
      place_building: p.building ?? null,
      place_unit: p.unit ?? null,
      place_spot: p.spot ?? null,
      place_text: p.text,
    });
  }
  if (changes.location !== undefined)
    Object.assign(update, { latitude: changes.location.latitude, longitude: changes.location.longitude });
  if (changes.firstResponseAt !== undefined) update.first_response_at = toDbTime(changes.firstResponseAt);
  if (changes.resolvedAt !== undefined)
    update.resolved_at = changes.resolvedAt === null ? null : toDbTime(changes.resolvedAt);
  if (changes.closedAt !== undefined) update.closed_at = toDbTime(changes.closedAt);
  if (changes.explanation !== undefined)
    Object.assign(update, {
      explanation_reason: changes.explanation.reason,
      explanation_plan: changes.explanation.plan,
    });
  if (changes.assigneeId !== undefined) update.assignee_id = changes.assigneeId;
  if (changes.duplicateOf !== undefined) update.duplicate_of = changes.duplicateOf;
  if (changes.reopenedCount !== undefined) update.reopened_count = changes.reopenedCount;
  return update;
}

/** Columns whose change rebuilds `search_text`. */
const SEARCHED_COLUMNS_OF_TICKET = ['summary', 'description', 'place_text', 'place_spot'] as const;

/** A LIKE pattern for the words anywhere in the text, with %, _ and \\ taken literally. */
function likePattern(words: string): string {
  return `%${words.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/** The search words left once the place is taken out ("3号楼的电梯" → "电梯"). */
function withoutPlace(search: string, place: Place): string {
  let rest = search;
  for (const piece of place.text.split(' ')) if (piece !== '') rest = rest.replace(piece, ' ');
  return rest.replace(/^[\s的,，、]+|[\s,，、]+$/g, '').replace(/\s+/g, ' ');
}

/** Records a photo or voice note a resident sent (the adapter downloads the content later). */
export async function addAttachment(db: Kysely<Database>, input: NewAttachment, at: Date): Promise<number> {
  const row = await db
    .insertInto('attachments')
    .values({
      ticket_id: input.ticketId,
      inbox_id: input.inboxId,
      kind: input.kind,
      platform: input.platform,
      platform_file_id: input.fileId,
      mime_type: input.mimeType ?? null,
      size_bytes: input.sizeBytes ?? null,
      path: null,
      created_at: toDbTime(at),
      duration_seconds: input.durationSeconds ?? null,
      ...(input.transcribe && { transcript_status: 'pending', transcript_language: input.transcribe.language }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
