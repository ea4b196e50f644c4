import type { Place } from '../../../src/classify/classifier.ts';
import { DEFAULT_ESTATE_ID } from '../../../src/estates/estate.ts';
import { isHazard } from '../../../src/tickets/hazard.ts';
import type { RecordingFile, TicketRecording } from '../../../src/tickets/recording.ts';
import { formatReference } from '../../../src/tickets/reference.ts';
import { ACTIVE_STATUSES } from '../../../src/tickets/status.ts';
import type { Actor, Ticket, TicketEvent, TicketEventKind } from '../../../src/tickets/ticket.ts';
import type {
  NewAttachment,
  NewTicket,
  Report,
  ReporterContact,
  ResolvedReport,
  TicketChanges,
  TicketFilter,
  TicketStore,
} from '../../../src/tickets/ticket-store.ts';
import { copy, type MemoryDatabase, type ReporterRow, type TicketEventRow } from './memory-database.ts';

/** A place as the tickets table keeps it: building, unit, spot and the words it was read from, nothing else. */
function storedPlace(place: Place | null | undefined): Place | null {
  if (!place) return null;
  return {
    ...(place.building !== undefined && { building: place.building }),
    ...(place.unit !== undefined && { unit: place.unit }),
    ...(place.spot !== undefined && { spot: place.spot }),
    text: place.text,
  };
}

function toEvent(row: TicketEventRow): TicketEvent {
  return {
    id: row.id,
    ticketId: row.ticketId,
    kind: row.kind,
    actor: copy(row.actor),
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: new Date(row.createdAt),
  };
}

function toReport(row: ReporterRow): Report {
  return copy({
    isOriginal: row.isOriginal,
    text: row.text,
    withdrawnAt: row.withdrawnAt,
    rating: row.rating,
    answeredAt: row.answeredAt,
  });
}

const newestFirst = (a: Ticket, b: Ticket) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;
const isActive = (t: Ticket) => ACTIVE_STATUSES.includes(t.status);

/**
 * The ticket port in memory. Left out, and failing loudly when called: free-text search (`list` with
 * `search`: the masked search text and its SQL matching are the store's), and the recordings of voice
 * notes (`holdCardForRecording`, `recordingOf`: they wait on the attachment downloader, which writes
 * to the store itself).
 */
export class MemoryTicketStore implements TicketStore {
  constructor(private readonly db: MemoryDatabase) {}

  private get t() {
    return this.db.tables;
  }

  private row(id: number): Ticket | undefined {
    return this.t.tickets.find((ticket) => ticket.id === id);
  }

  private reporterRow(ticketId: number, residentId: number): ReporterRow | undefined {
    return this.t.reporters.find((r) => r.ticketId === ticketId && r.residentId === residentId);
  }

  private reportersOf(ticketId: number): ReporterRow[] {
    return this.t.reporters.filter((r) => r.ticketId === ticketId).sort((a, b) => a.id - b.id);
  }

  async create(input: NewTicket, reporterResidentId: number | null): Promise<Ticket> {
    const name = `ticket:${input.category}`;
    const n = (this.t.counters[name] = (this.t.counters[name] ?? 0) + 1);
    const ticket: Ticket = {
      id: this.db.nextId('tickets'),
      reference: formatReference(input.category, n),
      category: input.category,
      urgency: input.urgency,
      hazard: isHazard(input.hazard) ? input.hazard : null,
      status: 'open',
      summary: input.summary,
      description: input.description,
      place: storedPlace(input.place),
      location: input.location ? { latitude: input.location.latitude, longitude: input.location.longitude } : null,
      language: input.language,
      classifierSource: input.classifierSource,
      classifierModel: input.classifierModel ?? null,
      classifierLatencyMs:
        input.classifierLatencyMs === undefined || input.classifierLatencyMs === null
          ? null
          : Math.round(input.classifierLatencyMs),
      confidence: input.confidence ?? null,
      duplicateOf: null,
      assigneeId: null,
      reopenedCount: 0,
      explanation: null,
      createdAt: input.createdAt,
      updatedAt: input.createdAt,
      firstResponseAt: null,
      resolvedAt: null,
      closedAt: null,
      responseDueAt: input.responseDueAt,
      resolutionDueAt: input.resolutionDueAt,
      responseOverdueNotifiedAt: null,
      resolutionOverdueNotifiedAt: null,
      estateId: input.estateId ?? DEFAULT_ESTATE_ID,
    };
    this.t.tickets.push(copy(ticket));
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
    return copy(this.row(id));
  }

  async findByReference(reference: string): Promise<Ticket | undefined> {
    return copy(this.t.tickets.find((ticket) => ticket.reference === reference.toUpperCase()));
  }

  async change(id: number, changes: TicketChanges, at: Date): Promise<Ticket> {
    const ticket = this.row(id);
    if (!ticket) throw new Error(`no ticket ${id}`);
    const { place, location, explanation, ...fields } = copy(changes);
    Object.assign(ticket, fields);
    if (place !== undefined) ticket.place = storedPlace(place);
    if (location !== undefined) ticket.location = { latitude: location.latitude, longitude: location.longitude };
    if (explanation !== undefined) ticket.explanation = { reason: explanation.reason, plan: explanation.plan };
    ticket.updatedAt = at;
    return copy(ticket);
  }

  async addEvent(
    ticketId: number,
    kind: TicketEventKind,
    actor: Actor,
    data: Record<string, unknown>,
    at: Date,
  ): Promise<TicketEvent> {
    const row: TicketEventRow = {
      id: this.db.nextId('ticketEvents'),
      ticketId,
      kind,
      actor: actor.kind === 'system' ? { kind: 'system' } : { kind: actor.kind, id: actor.id },
      data: JSON.stringify(data),
      createdAt: at,
    };
    this.t.ticketEvents.push(row);
    return toEvent(row);
  }

  async events(ticketId: number): Promise<TicketEvent[]> {
    return this.t.ticketEvents
      .filter((e) => e.ticketId === ticketId)
      .sort((a, b) => a.id - b.id)
      .map(toEvent);
  }

  async addAttachment(input: NewAttachment, at: Date): Promise<number> {
    const id = this.db.nextId('attachments');
    this.t.attachments.push({
      id,
      ticketId: input.ticketId,
      inboxId: input.inboxId,
      kind: input.kind,
      platform: input.platform,
      fileId: input.fileId,
      mimeType: input.mimeType ?? null,
      sizeBytes: input.sizeBytes ?? null,
      durationSeconds: input.durationSeconds ?? null,
      transcribe: input.transcribe ? { language: input.transcribe.language } : null,
      createdAt: at,
    });
    return id;
  }

  async attachToTicket(attachmentId: number, ticketId: number): Promise<void> {
    const attachment = this.t.attachments.find((a) => a.id === attachmentId);
    if (attachment) attachment.ticketId = ticketId;
  }

  async ticketOfAttachment(attachmentId: number): Promise<number | null | undefined> {
    return this.t.attachments.find((a) => a.id === attachmentId)?.ticketId;
  }

  async holdCardForRecording(): Promise<RecordingFile> {
    throw this.db.notInFake('tickets.holdCardForRecording', 'a recording waits on the attachment downloader');
  }

  async recordingOf(): Promise<TicketRecording | undefined> {
    throw this.db.notInFake('tickets.recordingOf', 'a recording waits on the attachment downloader');
  }

  async addReporter(
    ticketId: number,
    residentId: number,
    isOriginal: boolean,
    at: Date,
    text: string | null = null,
  ): Promise<boolean> {
    const existing = this.reporterRow(ticketId, residentId);
    if (!existing) {
      this.t.reporters.push({
        id: this.db.nextId('reporters'),
        ticketId,
        residentId,
        isOriginal,
        text,
        fixedAnswer: null,
        rating: null,
        answeredAt: null,
        withdrawnAt: null,
        createdAt: at,
      });
      return true;
    }
    if (existing.withdrawnAt === null) return false;
    existing.withdrawnAt = null;
    if (text !== null) existing.text = text;
    return true;
  }

  async reporterIds(ticketId: number): Promise<number[]> {
    return this.reportersOf(ticketId)
      .filter((r) => r.withdrawnAt === null)
      .map((r) => r.residentId);
  }

  async reporterCount(ticketId: number): Promise<number> {
    return (await this.reporterIds(ticketId)).length;
  }

  async isReporter(ticketId: number, residentId: number): Promise<boolean> {
    return (await this.reportOf(ticketId, residentId))?.withdrawnAt === null;
  }

  async reportOf(ticketId: number, residentId: number): Promise<Report | undefined> {
    const row = this.reporterRow(ticketId, residentId);
    return row && toReport(row);
  }

  async reportsOf(residentId: number, limit: number): Promise<Array<{ ticket: Ticket; report: Report }>> {
    return this.t.reporters
      .filter((r) => r.residentId === residentId)
      .map((r) => ({ ticket: copy(this.row(r.ticketId)!), report: toReport(r) }))
      .sort((a, b) => newestFirst(a.ticket, b.ticket))
      .slice(0, limit);
  }

  async lastResolvedReport(residentId: number, since: Date): Promise<ResolvedReport | undefined> {
    const [latest] = this.t.reporters
      .filter((r) => r.residentId === residentId && r.withdrawnAt === null)
      .map((r) => ({ report: r, ticket: this.row(r.ticketId)! }))
      .filter(({ ticket }) => ticket.status === 'resolved' && ticket.resolvedAt !== null && ticket.resolvedAt >= since)
      .sort((a, b) => b.ticket.resolvedAt!.getTime() - a.ticket.resolvedAt!.getTime());
    return (
      latest &&
      copy({
        ticketId: latest.ticket.id,
        reference: latest.ticket.reference,
        resolvedAt: latest.ticket.resolvedAt,
        rating: latest.report.rating,
        answeredAt: latest.report.answeredAt,
      })
    );
  }

  async buildingsOf(residentId: number, limit: number): Promise<string[]> {
    const buildings = this.t.reporters
      .filter((r) => r.residentId === residentId)
      .map((r) => this.row(r.ticketId)!.place?.building)
      .filter((b): b is string => b !== undefined);
    return [...new Set(buildings)].slice(0, limit);
  }

  private residentDetails(residentId: number): Array<string | null> {
    const resident = this.t.residents.find((r) => r.id === residentId);
    return resident ? [resident.displayName, resident.phone, resident.unit] : [];
  }

  async otherReportersDetails(ticketId: number, exceptResidentId: number): Promise<string[]> {
    return this.reportersOf(ticketId)
      .filter((r) => r.residentId !== exceptResidentId)
      .flatMap((r) => this.residentDetails(r.residentId))
      .filter((v): v is string => v !== null && v.trim() !== '');
  }

  async reporterContacts(ticketId: number): Promise<ReporterContact[]> {
    const ticket = this.row(ticketId);
    if (!ticket) return [];
    return this.reportersOf(ticketId)
      .filter((r) => r.withdrawnAt === null)
      .map((r) => {
        const resident = this.t.residents.find((x) => x.id === r.residentId)!;
        const words = r.text ?? (r.isOriginal ? ticket.description : null);
        return {
          isOriginal: r.isOriginal,
          name: resident.displayName,
          phone: resident.phone,
          unit: resident.unit,
          addresses: this.t.identities
            .filter((i) => i.residentId === r.residentId)
            .sort((a, b) => a.id - b.id)
            .map((i) => `${i.platform}:${i.platformUserId}`),
          words: words !== null && words.trim() !== '' ? words : null,
        };
      });
  }

  async withdrawReporter(ticketId: number, residentId: number, at: Date): Promise<boolean> {
    const row = this.reporterRow(ticketId, residentId);
    if (!row || row.withdrawnAt !== null) return false;
    row.withdrawnAt = at;
    return true;
  }

  async recordReporterAnswer(
    ticketId: number,
    residentId: number,
    answer: { fixed?: 'yes' | 'no'; rating?: number },
    at: Date,
  ): Promise<void> {
    const row = this.reporterRow(ticketId, residentId);
    if (!row) return;
    if (answer.fixed !== undefined) row.fixedAnswer = answer.fixed;
    if (answer.rating !== undefined) row.rating = answer.rating;
    row.answeredAt = at;
  }

  async findOpenCandidates(query: {
    estateId?: number;
    place: Place | null;
    since: Date;
    limit: number;
  }): Promise<Ticket[]> {
    const { estateId, place, since, limit } = query;
    if (!place || (place.building === undefined && place.spot === undefined)) return [];
    return copy(
      this.t.tickets
        .filter(
          (t) =>
            (estateId === undefined || t.estateId === estateId) &&
            isActive(t) &&
            t.createdAt >= since &&
            (place.building !== undefined ? t.place?.building === place.building : t.place?.spot === place.spot),
        )
        .sort(newestFirst)
        .slice(0, limit),
    );
  }

  async list(filter: TicketFilter = {}): Promise<Ticket[]> {
    if (filter.search !== undefined && filter.search.trim() !== '')
      throw this.db.notInFake('tickets.list({ search })', 'free-text search is SQL over the masked search text');
    const statuses =
      filter.status === undefined ? undefined : typeof filter.status === 'string' ? [filter.status] : filter.status;
    const overdue = filter.overdueAt;
    const reported =
      filter.residentId === undefined
        ? undefined
        : new Set(this.t.reporters.filter((r) => r.residentId === filter.residentId).map((r) => r.ticketId));
    return copy(
      this.t.tickets
        .filter(
          (t) =>
            (statuses === undefined || statuses.includes(t.status)) &&
            (filter.category === undefined || t.category === filter.category) &&
            (filter.estateId === undefined || t.estateId === filter.estateId) &&
            (filter.estateIds === undefined || filter.estateIds.includes(t.estateId)) &&
            (overdue === undefined ||
              (isActive(t) &&
                ((t.firstResponseAt === null && t.responseDueAt < overdue) || t.resolutionDueAt < overdue))) &&
            (reported === undefined || reported.has(t.id)),
        )
        .sort(newestFirst)
        .slice(0, filter.limit ?? 100),
    );
  }

  async backlog(limit: number, estateId?: number): Promise<{ total: number; urgent: number; first: Ticket[] }> {
    const active = this.t.tickets.filter((t) => isActive(t) && (estateId === undefined || t.estateId === estateId));
    const first = [...active]
      .sort(
        (a, b) =>
          Number(a.urgency !== 'urgent') - Number(b.urgency !== 'urgent') ||
          a.createdAt.getTime() - b.createdAt.getTime() ||
          a.id - b.id,
      )
      .slice(0, limit);
    return { total: active.length, urgent: active.filter((t) => t.urgency === 'urgent').length, first: copy(first) };
  }

  async overdueUnannounced(deadline: 'response' | 'resolution', at: Date, limit: number): Promise<Ticket[]> {
    const due = (t: Ticket) => (deadline === 'response' ? t.responseDueAt : t.resolutionDueAt);
    return copy(
      this.t.tickets
        .filter(
          (t) =>
            isActive(t) &&
            due(t) < at &&
            (deadline === 'response'
              ? t.responseOverdueNotifiedAt === null && t.firstResponseAt === null
              : t.resolutionOverdueNotifiedAt === null),
        )
        .sort((a, b) => due(a).getTime() - due(b).getTime())
        .slice(0, limit),
    );
  }

  async claimOverdueNotice(ticketId: number, deadline: 'response' | 'resolution', at: Date): Promise<boolean> {
    const ticket = this.row(ticketId);
    const stamp = deadline === 'response' ? 'responseOverdueNotifiedAt' : 'resolutionOverdueNotifiedAt';
    if (!ticket || ticket[stamp] !== null) return false;
    ticket[stamp] = at;
    return true;
  }
}
