import type { Place } from '../classify/classifier.ts';
import type { HeldCard, RecordingFile, TicketRecording } from './recording.ts';
import type { Category, Urgency } from './category.ts';
import type { Hazard } from './hazard.ts';
import type { Status } from './status.ts';
import type { Actor, Ticket, TicketEvent, TicketEventKind } from './ticket.ts';

/** What is needed to open a ticket. */
export interface NewTicket {
  category: Category;
  urgency: Urgency;
  /** The danger of an urgent ticket. */
  hazard?: Hazard | null;
  summary: string;
  description: string;
  place: Place | null;
  location?: { latitude: number; longitude: number } | null;
  language: string;
  classifierSource: string;
  classifierModel?: string | null;
  classifierLatencyMs?: number | null;
  /** More about the classification (prompt version, why the LLM fell back…), kept in the `created` event. */
  classifierDetails?: Record<string, unknown>;
  confidence?: number | null;
  responseDueAt: Date;
  resolutionDueAt: Date;
  createdAt: Date;
  /** The estate it belongs to; unset, the estate `default`. */
  estateId?: number;
}

/** Changes to a ticket's own fields; what is absent stays as it is. */
export interface TicketChanges {
  status?: Status;
  category?: Category;
  /** Raised by a resident's correction of a voice note's words (never lowered automatically). */
  urgency?: Urgency;
  hazard?: Hazard | null;
  summary?: string;
  description?: string;
  responseDueAt?: Date;
  resolutionDueAt?: Date;
  place?: Place;
  location?: { latitude: number; longitude: number };
  firstResponseAt?: Date;
  resolvedAt?: Date | null;
  closedAt?: Date;
  explanation?: { reason: string; plan: string };
  assigneeId?: number;
  duplicateOf?: number;
  reopenedCount?: number;
}

/** One resident's report of a ticket: whether they opened it, their own words, their withdrawal. */
export interface Report {
  isOriginal: boolean;
  text: string | null;
  withdrawnAt: Date | null;
  rating: number | null;
  answeredAt: Date | null;
}

export interface TicketFilter {
  status?: Status | readonly Status[];
  category?: Category;
  /** Only tickets past a deadline (response not given or resolution not reached) at this time. */
  overdueAt?: Date;
  /** Free text: matched against the reference, the building and the masked texts (summary, description, place, additions). */
  search?: string;
  residentId?: number;
  /** Only the tickets of this estate (what a member of it may see). */
  estateId?: number;
  /** Only the tickets of these estates (a person holding roles in several, in their private chat). */
  estateIds?: readonly number[];
  limit?: number;
}

/**
 * A reporter's own details, unmasked: only for the audited "contact details" action of DESIGN §6
 * (`showContactDetails`), never for a list, a group, an agenda or an export.
 */
export interface ReporterContact {
  isOriginal: boolean;
  name: string | null;
  phone: string | null;
  unit: string | null;
  /** Where the bot reaches them, as `PLATFORM:USER_ID`. */
  addresses: string[];
  /** What they wrote when reporting, as written (the first reporter's is the ticket's description). */
  words: string | null;
}

/** A photo or voice note a resident sent; the adapter downloads its content later. */
export interface NewAttachment {
  ticketId: number | null;
  inboxId: number | null;
  kind: string;
  platform: string;
  fileId: string;
  mimeType?: string;
  sizeBytes?: number;
  /** What the platform said of a recording's length. */
  durationSeconds?: number;
  /** A voice note to transcribe, with the language hint to send (`zh`, `en`). */
  transcribe?: { language: string | null };
}

/** The resident's latest report of a ticket resolved since a given time, and their answers to it so far. */
export interface ResolvedReport {
  ticketId: number;
  reference: string;
  resolvedAt: Date | null;
  rating: number | null;
  answeredAt: Date | null;
}

/**
 * Tickets, their reporters, their history and attachments: the port every conversation uses. Bound
 * to one unit of work (see `UnitOfWork`), so its writes commit or roll back with the messages queued
 * in the same turn. Times are instants; every write is stamped with the `at` it is given.
 */
export interface TicketStore {
  /** Creates a ticket with its reference, its `created` event and its first reporter (when not null). */
  create(input: NewTicket, reporterResidentId: number | null): Promise<Ticket>;
  findById(id: number): Promise<Ticket | undefined>;
  /** By reference, in any letter case. */
  findByReference(reference: string): Promise<Ticket | undefined>;
  /** Applies changes and bumps `updatedAt`; a changed text or place is searchable at once. */
  change(id: number, changes: TicketChanges, at: Date): Promise<Ticket>;
  addEvent(
    ticketId: number,
    kind: TicketEventKind,
    actor: Actor,
    data: Record<string, unknown>,
    at: Date,
  ): Promise<TicketEvent>;
  /** The ticket's history, oldest first. */
  events(ticketId: number): Promise<TicketEvent[]>;
  /** Records a photo or voice note; returns its id. */
  addAttachment(input: NewAttachment, at: Date): Promise<number>;
  /** Gives an attachment recorded before its ticket existed (a voice note awaiting its words) to the ticket. */
  attachToTicket(attachmentId: number, ticketId: number): Promise<void>;
  /** The ticket an attachment belongs to: null when none yet, undefined when there is no such attachment. */
  ticketOfAttachment(attachmentId: number): Promise<number | null | undefined>;
  /**
   * Where the recording of a new ticket's staff card stands. While it is still downloading, the card
   * is held (`card`: what it carries besides the ticket) until the downloader saves the file or gives
   * up on it; see `releaseHeldCards`.
   */
  holdCardForRecording(attachmentId: number, card: HeldCard): Promise<RecordingFile>;
  /** A voice note as a staff card needs it; undefined when there is no such attachment. */
  recordingOf(attachmentId: number): Promise<TicketRecording | undefined>;
  /**
   * Adds a reporter with the words they reported it in; false when the resident already reports it.
   * A resident who had withdrawn and reports it again is a reporter once more.
   */
  addReporter(
    ticketId: number,
    residentId: number,
    isOriginal: boolean,
    at: Date,
    text?: string | null,
  ): Promise<boolean>;
  /** The residents who currently report a ticket (not those who withdrew), first reporter first. */
  reporterIds(ticketId: number): Promise<number[]>;
  reporterCount(ticketId: number): Promise<number>;
  /** Whether the resident currently reports the ticket (a withdrawn report does not count). */
  isReporter(ticketId: number, residentId: number): Promise<boolean>;
  /** One resident's report on a ticket, withdrawn or not; undefined when they never reported it. */
  reportOf(ticketId: number, residentId: number): Promise<Report | undefined>;
  /** The resident's reports, newest ticket first, each with its ticket (withdrawn ones included). */
  reportsOf(residentId: number, limit: number): Promise<Array<{ ticket: Ticket; report: Report }>>;
  /** The ticket the resident reports (not withdrawn) that was resolved most recently, if since `since`. */
  lastResolvedReport(residentId: number, since: Date): Promise<ResolvedReport | undefined>;
  /** The buildings of the resident's earlier reports (at most `limit`), offered when asking where. */
  buildingsOf(residentId: number, limit: number): Promise<string[]>;
  /** What identifies the ticket's other reporters (names, phones, units), to mask their words for a neighbour. */
  otherReportersDetails(ticketId: number, exceptResidentId: number): Promise<string[]>;
  /** The unmasked details of the ticket's current reporters, first reporter first (see {@link ReporterContact}). */
  reporterContacts(ticketId: number): Promise<ReporterContact[]>;
  /** Takes back one resident's report; false when they had none to withdraw. */
  withdrawReporter(ticketId: number, residentId: number, at: Date): Promise<boolean>;
  recordReporterAnswer(
    ticketId: number,
    residentId: number,
    answer: { fixed?: 'yes' | 'no'; rating?: number },
    at: Date,
  ): Promise<void>;
  /**
   * The active tickets (any category) created since `since` that could be the same problem as a report
   * at `place`: at the same building when the place names one, else at the same spot; newest first,
   * at most `limit`; of one estate when `estateId` is given. None when the place names neither a
   * building nor a spot.
   */
  findOpenCandidates(query: { estateId?: number; place: Place | null; since: Date; limit: number }): Promise<Ticket[]>;
  /** Tickets matching a filter, newest first. */
  list(filter?: TicketFilter): Promise<Ticket[]>;
  /**
   * The tickets still waiting for the property firm (active statuses): how many, how many urgent, and
   * the first `limit` of them, urgent first, then the longest waiting; of one estate when given.
   */
  backlog(limit: number, estateId?: number): Promise<{ total: number; urgent: number; first: Ticket[] }>;
  /**
   * Active tickets past a deadline whose passing was not announced yet, oldest deadline first (a
   * response deadline counts only while no staff response was given).
   */
  overdueUnannounced(deadline: 'response' | 'resolution', at: Date, limit: number): Promise<Ticket[]>;
  /** Claims the announcement of a passed deadline; false when another instance claimed it first. */
  claimOverdueNotice(ticketId: number, deadline: 'response' | 'resolution', at: Date): Promise<boolean>;
}
