import { AsyncLocalStorage } from 'node:async_hooks';
import type { Estate } from '../../../src/estates/estate.ts';
import type { Member, Role } from '../../../src/members/member.ts';
import type { Resident } from '../../../src/residents/resident-store.ts';
import type { Revisit } from '../../../src/tickets/revisit-store.ts';
import type { Actor, Ticket, TicketEventKind } from '../../../src/tickets/ticket.ts';

/*
 * The rows of the in-memory fakes: one plain object per table, so that a unit of work can copy it whole
 * before it starts and put the copy back when it fails. What the real store keeps as JSON text (an
 * event's payload, a message, a conversation's state, a history entry's data) is kept as JSON text
 * here too: a value that does not survive the database does not survive the fake either.
 */

/** The columns the inbox and the outbox share as work queues (see src/store/work-queue.ts). */
export interface QueueRow {
  id: number;
  platform: string;
  chatId: string;
  lane: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  lockedBy: string | null;
  lastError: string | null;
  finishedAt: Date | null;
}

export interface InboxRow extends QueueRow {
  eventId: string;
  payload: string;
  receivedAt: Date;
}

export interface OutboxRow extends QueueRow {
  payload: string;
  retryKey: string;
  dedupeKey: string | null;
  ticketId: number | null;
  platformMessageId: string | null;
  createdAt: Date;
}

export interface ResidentRow extends Resident {
  phone: string | null;
  unit: string | null;
}

export interface IdentityRow {
  id: number;
  residentId: number;
  platform: string;
  platformUserId: string;
  chatId: string;
  languageHint: string | null;
}

export interface InviteRow {
  id: number;
  codeHash: string;
  role: Role;
  estateId: number;
  street: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  usedByMemberId: number | null;
}

export interface JoinAttemptRow {
  platform: string;
  chatId: string;
  outcome: 'failed' | 'refused';
  at: Date;
}

export interface ConversationRow {
  platform: string;
  chatId: string;
  residentId: number | null;
  state: string;
  /** The state's other fields, as JSON. */
  data: string;
  expiresAt: Date | null;
  /** The version: an ISO time, bumped by at least a millisecond on every save. */
  updatedAt: string;
}

export interface TicketEventRow {
  id: number;
  ticketId: number;
  kind: TicketEventKind;
  actor: Actor;
  data: string;
  createdAt: Date;
}

export interface ReporterRow {
  id: number;
  ticketId: number;
  residentId: number;
  isOriginal: boolean;
  text: string | null;
  fixedAnswer: string | null;
  rating: number | null;
  answeredAt: Date | null;
  withdrawnAt: Date | null;
  createdAt: Date;
}

export interface AttachmentRow {
  id: number;
  ticketId: number | null;
  inboxId: number | null;
  kind: string;
  platform: string;
  fileId: string;
  mimeType: string | null;
  sizeBytes: number | null;
  durationSeconds: number | null;
  transcribe: { language: string | null } | null;
  createdAt: Date;
}

export interface Tables {
  /** The last id given in each table (ids are never reused, as in the databases). */
  lastId: Record<string, number>;
  /** Named counters: ticket references per category, round-robin turns. */
  counters: Record<string, number>;
  estates: Estate[];
  residents: ResidentRow[];
  identities: IdentityRow[];
  members: Member[];
  invites: InviteRow[];
  joinAttempts: JoinAttemptRow[];
  conversations: ConversationRow[];
  inbox: InboxRow[];
  outbox: OutboxRow[];
  tickets: Ticket[];
  ticketEvents: TicketEventRow[];
  reporters: ReporterRow[];
  attachments: AttachmentRow[];
  revisits: Revisit[];
}

/** A port method the in-memory fake does not implement was called: the test needs a real store. */
export class NotInMemoryFakeError extends Error {
  constructor(method: string, why?: string) {
    super(
      `not in the in-memory fake: ${method}${why ? ` (${why})` : ''} — use the SQLite harness (createHarness on createTestStore)`,
    );
    this.name = 'NotInMemoryFakeError';
  }
}

/**
 * The fakes' database: the tables, and the lock that serialises units of work like SQLite's single
 * writer. Calls made outside a unit of work take the lock one at a time, so they see only committed
 * state and a rollback never undoes them.
 */
export class MemoryDatabase {
  tables: Tables;
  /** Every call of a method the fake does not implement (kept across rollbacks: the harness reports them). */
  readonly notFaked: NotInMemoryFakeError[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private readonly insideRun = new AsyncLocalStorage<true>();

  constructor(now = new Date()) {
    this.tables = {
      lastId: { estates: 1 },
      counters: {},
      // Every install has the estate `default` (id 1).
      estates: [
        {
          id: 1,
          code: 'default',
          name: null,
          community: null,
          street: null,
          settings: { emergencyNumbers: null, deadlines: null, workingHours: null },
          createdAt: now,
        },
      ],
      residents: [],
      identities: [],
      members: [],
      invites: [],
      joinAttempts: [],
      conversations: [],
      inbox: [],
      outbox: [],
      tickets: [],
      ticketEvents: [],
      reporters: [],
      attachments: [],
      revisits: [],
    };
  }

  /** The next id of a table. */
  nextId(table: keyof Tables): number {
    const id = (this.tables.lastId[table] ?? 0) + 1;
    this.tables.lastId[table] = id;
    return id;
  }

  /** Records and returns the error of a method the fake leaves out; the caller throws it. */
  notInFake(method: string, why?: string): NotInMemoryFakeError {
    const error = new NotInMemoryFakeError(method, why);
    this.notFaked.push(error);
    return error;
  }

  /** Runs `fn` alone, as one transaction: the tables as they were are put back when it throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    this.refuseNesting('MemoryUnitOfWork.run');
    return this.exclusive(() =>
      this.insideRun.run(true, async () => {
        const before = structuredClone(this.tables);
        try {
          return await fn();
        } catch (error) {
          this.tables = before;
          throw error;
        }
      }),
    );
  }

  /** One call outside any transaction: it waits for the unit of work in progress, as a statement waits for SQLite's lock. */
  autocommit<T>(method: string, fn: () => Promise<T>): Promise<T> {
    this.refuseNesting(method);
    return this.exclusive(fn);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => {});
    return result;
  }

  /** Inside a unit of work, waiting for the lock would wait for itself: say so instead of hanging. */
  private refuseNesting(what: string): void {
    if (this.insideRun.getStore())
      throw new Error(
        `${what} was called inside MemoryUnitOfWork.run: it would wait for the unit of work it is part of ` +
          '(on SQLite it waits for the connection the transaction holds); use the ports the run was given',
      );
  }
}

/** A copy of a row, so that nobody outside the fake changes its tables. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
