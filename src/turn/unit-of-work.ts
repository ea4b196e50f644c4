import type { AgendaStore } from '../agenda/agenda-store.ts';
import type { StreetDigestStore } from '../agenda/street-digest-store.ts';
import type { EstateStore } from '../estates/estate-store.ts';
import type { ConsoleSessionStore } from '../console/console-session-store.ts';
import type { MemberStore } from '../members/member-store.ts';
import type { Deliveries, Outbox } from '../outbox/outbox.ts';
import type { ResidentStore } from '../residents/resident-store.ts';
import type { TicketStore } from '../tickets/ticket-store.ts';
import type { WorkloadStore } from '../tickets/workload-store.ts';
import type { ReplyTemplateStore } from '../tickets/reply-template-store.ts';
import type { RevisitStore } from '../tickets/revisit-store.ts';
import type { ConversationStore } from './conversation-store.ts';
import type { JobRuns } from '../agenda/job-runs.ts';
import type { PersonalDataStore } from '../privacy/personal-data.ts';
import type { WorkQueue } from '../work-queue.ts';
import type { IncomingEvent } from './incoming-event.ts';

/** A stored incoming event. */
export interface InboxItem {
  id: number;
  event: IncomingEvent;
  attempts: number;
}

/**
 * The stored incoming events: saved first (a repeat of a platform event id is ignored), handled second;
 * the one in hand is marked done with the turn's changes.
 */
export interface InboxPort {
  /** Stores events unless their (platform, eventId) is already there; one result per event, in order. */
  saveMany(
    events: readonly IncomingEvent[],
    at: Date,
  ): Promise<Array<{ kind: 'saved'; id: number } | { kind: 'duplicate' }>>;
  load(id: number): Promise<InboxItem | undefined>;
  /** Marks an event handled; false when another worker took it meanwhile (the turn must then roll back). */
  complete(inboxId: number, at: Date): Promise<boolean>;
}

/** The two work queues: leases, completion and failures of inbox events and outgoing messages. */
export interface WorkQueues {
  inbox: WorkQueue;
  outbox: WorkQueue;
}

/** Every port a use case may need, bound to one transaction. */
export interface TurnPorts {
  estates: EstateStore;
  tickets: TicketStore;
  residents: ResidentStore;
  members: MemberStore;
  conversations: ConversationStore;
  outbox: Outbox;
  /** The dispatcher's view of the outbox. */
  deliveries: Deliveries;
  queues: WorkQueues;
  agendas: AgendaStore;
  /** The street digests (街道周报) and the street-wide weeks they are compiled from. */
  streetDigests: StreetDigestStore;
  inbox: InboxPort;
  /** The web console's sign-in links (`/console` in a private chat makes one). */
  consoleLinks: Pick<ConsoleSessionStore, 'createLink'>;
  jobRuns: JobRuns;
  /** Erasure (`/forgetme`): bound to the turn, so the erasure and its answer commit together. */
  personalData: PersonalDataStore;
  /** Who carries which tickets (`/mine`, `/workload`) and round-robin turns. */
  workload: WorkloadStore;
  /** Canned replies (`/tpl`). */
  replyTemplates: ReplyTemplateStore;
  /** 回访 tasks of the residents' committee. */
  revisits: RevisitStore;
}

/**
 * "Run this in one transaction, giving me the ports bound to it": everything `fn` writes through the
 * ports commits together or not at all. A thrown error rolls back and is rethrown.
 */
export interface UnitOfWork {
  /**
   * The work queues outside any transaction, for the queue workers: a lease settles its own races,
   * and holding a transaction while polling would block other instances.
   */
  readonly queues: WorkQueues;
  run<T>(fn: (ports: TurnPorts) => Promise<T>): Promise<T>;
  /**
   * The same ports without a transaction: each call stands alone. For reads before deciding what to
   * do (a job's list of work) and for single conditional writes that settle races by themselves (a
   * job's claim); a reader then holds no transaction while other instances write.
   */
  withoutTransaction<T>(fn: (ports: TurnPorts) => Promise<T>): Promise<T>;
}
