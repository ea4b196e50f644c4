import type { TurnPorts, UnitOfWork, WorkQueues } from '../../../src/turn/unit-of-work.ts';
import { MemoryDatabase } from './memory-database.ts';
import {
  MemoryConversationStore,
  MemoryEstateStore,
  MemoryInbox,
  MemoryMemberStore,
  MemoryOutbox,
  MemoryResidentStore,
  MemoryRevisitStore,
  MemoryWorkQueue,
} from './memory-ports.ts';
import { MemoryTicketStore } from './memory-ticket-store.ts';

export { MemoryDatabase, NotInMemoryFakeError } from './memory-database.ts';

/** A port the fake does not have: every method throws (and is recorded) when called. */
function notFaked<T extends object>(db: MemoryDatabase, port: string): T {
  return new Proxy({} as T, {
    get(_target, method) {
      if (typeof method !== 'string' || method === 'then') return undefined;
      return () => {
        throw db.notInFake(`${port}.${method}`);
      };
    },
  });
}

/**
 * The ports a resident's and a staff member's turn use, in memory: estates, residents, members,
 * conversations, the outbox (and the dispatcher's deliveries), the inbox and both work queues, the
 * 回访 tasks, and tickets (see MemoryTicketStore for what it leaves out). The agenda, the street
 * digests, console links, job runs, personal data (erasure), workload and canned replies are not
 * faked: calling them throws NotInMemoryFakeError.
 */
export function memoryPorts(db: MemoryDatabase): TurnPorts {
  const queues: WorkQueues = { inbox: new MemoryWorkQueue(db, 'inbox'), outbox: new MemoryWorkQueue(db, 'outbox') };
  const outbox = new MemoryOutbox(db);
  return {
    estates: new MemoryEstateStore(db),
    tickets: new MemoryTicketStore(db),
    residents: new MemoryResidentStore(db),
    members: new MemoryMemberStore(db),
    conversations: new MemoryConversationStore(db),
    outbox,
    deliveries: outbox,
    queues,
    inbox: new MemoryInbox(db, queues.inbox),
    revisits: new MemoryRevisitStore(db),
    agendas: notFaked(db, 'agendas'),
    streetDigests: notFaked(db, 'streetDigests'),
    consoleLinks: notFaked(db, 'consoleLinks'),
    jobRuns: notFaked(db, 'jobRuns'),
    personalData: notFaked(db, 'personalData'),
    workload: notFaked(db, 'workload'),
    replyTemplates: notFaked(db, 'replyTemplates'),
  };
}

/** The same port, each call of it made on its own outside any unit of work (see MemoryDatabase.autocommit). */
function autocommit<T extends object>(db: MemoryDatabase, name: string, port: T): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        db.autocommit(`${name}.${String(key)}`, () =>
          (value as (...a: unknown[]) => Promise<unknown>).apply(target, args),
        );
    },
  });
}

/**
 * The UnitOfWork port in memory. `run` is all-or-nothing: the tables are copied before `fn` and put
 * back when it throws; runs are serialised (like SQLite's single writer), and the calls made through
 * `withoutTransaction` and `queues` wait for the run in progress, one call at a time.
 */
export class MemoryUnitOfWork implements UnitOfWork {
  readonly db: MemoryDatabase;
  readonly queues: WorkQueues;
  private readonly ports: TurnPorts;
  private readonly standalone: TurnPorts;

  constructor(db = new MemoryDatabase()) {
    this.db = db;
    this.ports = memoryPorts(db);
    const { queues, ...others } = this.ports;
    const wrapped = Object.fromEntries(
      Object.entries(others).map(([name, port]) => [name, autocommit(db, name, port as object)]),
    ) as Omit<TurnPorts, 'queues'>;
    this.queues = {
      inbox: autocommit(db, 'queues.inbox', queues.inbox),
      outbox: autocommit(db, 'queues.outbox', queues.outbox),
    };
    this.standalone = { ...wrapped, queues: this.queues };
  }

  run<T>(fn: (ports: TurnPorts) => Promise<T>): Promise<T> {
    return this.db.transaction(() => fn(this.ports));
  }

  withoutTransaction<T>(fn: (ports: TurnPorts) => Promise<T>): Promise<T> {
    return fn(this.standalone);
  }

  /** Calls of methods the fake leaves out, since it was made (a rollback does not forget them). */
  get notFaked(): readonly Error[] {
    return this.db.notFaked;
  }
}
