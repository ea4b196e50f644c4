import type { AgendaStore } from '../agenda/agenda-store.ts';
import type { ConsoleSessionStore } from '../console/console-session-store.ts';
import type { MemberStore } from '../members/member-store.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { ResidentStore } from '../residents/resident-store.ts';
import type { TicketStore } from '../tickets/ticket-store.ts';
import type { ConversationStore } from './conversation-store.ts';
import type { JobRuns } from '../agenda/job-runs.ts';
import type { PersonalDataStore } from '../privacy/personal-data.ts';

/** The stored incoming events, as a turn sees them: the one in hand is marked done with the turn's changes. */
export interface InboxPort {
  /** Marks an event handled; false when another worker took it meanwhile (the turn must then roll back). */
  complete(inboxId: number, at: Date): Promise<boolean>;
}

/** Every port a use case may need, bound to one transaction. */
export interface TurnPorts {
  tickets: TicketStore;
  residents: ResidentStore;
  members: MemberStore;
  conversations: ConversationStore;
  outbox: Outbox;
  agendas: AgendaStore;
  inbox: InboxPort;
  /** The web console's sign-in links (`/console` in a private chat makes one). */
  consoleLinks: Pick<ConsoleSessionStore, 'createLink'>;
  jobRuns: JobRuns;
  /** Erasure (`/forgetme`): bound to the turn, so the erasure and its answer commit together. */
  personalData: PersonalDataStore;
}

/**
 * "Run this in one transaction, giving me the ports bound to it": everything `fn` writes through the
 * ports commits together or not at all. A thrown error rolls back and is rethrown.
 */
export interface UnitOfWork {
  run<T>(fn: (ports: TurnPorts) => Promise<T>): Promise<T>;
  /**
   * The same ports without a transaction: each call stands alone. For reads before deciding what to
   * do (a job's list of work) and for single conditional writes that settle races by themselves (a
   * job's claim); a reader then holds no transaction while other instances write.
   */
  withoutTransaction<T>(fn: (ports: TurnPorts) => Promise<T>): Promise<T>;
}
