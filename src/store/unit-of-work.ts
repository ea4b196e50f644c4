import type { Kysely } from 'kysely';
import type { TurnPorts, UnitOfWork, WorkQueues } from '../turn/unit-of-work.ts';
import { KyselyAgendaStore } from './agenda-store.ts';
import { KyselyConsoleSessionStore } from './console-session-store.ts';
import { KyselyConversationStore } from './conversation-store.ts';
import { KyselyEstateStore } from './estate-store.ts';
import { KyselyJobRuns } from './job-runs.ts';
import { KyselyMemberStore } from './member-store.ts';
import { KyselyOutboxStore } from './outbox-store.ts';
import { KyselyPersonalDataStore } from './personal-data-store.ts';
import { KyselyResidentStore } from './resident-store.ts';
import { KyselyStreetDigestStore } from './street-digest-store.ts';
import type { Database } from './schema.ts';
import { KyselyTicketStore } from './ticket-store.ts';
import { KyselyInboxStore } from './inbox-store.ts';
import { KyselyWorkQueue } from './work-queue.ts';
import { KyselyWorkloadStore } from './workload-store.ts';
import { KyselyReplyTemplateStore } from './reply-template-store.ts';
import { KyselyRevisitStore } from './revisit-store.ts';

/** The Kysely stores bound to one connection or transaction. */
export function kyselyPorts(db: Kysely<Database>): TurnPorts {
  const queues: WorkQueues = { inbox: new KyselyWorkQueue(db, 'inbox'), outbox: new KyselyWorkQueue(db, 'outbox') };
  const inbox = new KyselyInboxStore(db);
  const outbox = new KyselyOutboxStore(db);
  return {
    estates: new KyselyEstateStore(db),
    tickets: new KyselyTicketStore(db),
    residents: new KyselyResidentStore(db),
    members: new KyselyMemberStore(db),
    conversations: new KyselyConversationStore(db),
    outbox,
    deliveries: outbox,
    queues,
    agendas: new KyselyAgendaStore(db),
    streetDigests: new KyselyStreetDigestStore(db),
    inbox: {
      saveMany: (events, at) => inbox.saveMany(events, at),
      load: (id) => inbox.load(id),
      complete: (id, at) => queues.inbox.complete(id, at),
    },
    consoleLinks: new KyselyConsoleSessionStore(db),
    jobRuns: new KyselyJobRuns(db),
    personalData: new KyselyPersonalDataStore(db),
    workload: new KyselyWorkloadStore(db),
    replyTemplates: new KyselyReplyTemplateStore(db),
    revisits: new KyselyRevisitStore(db),
  };
}

/** One database transaction per unit of work (SQLite or PostgreSQL), with the Kysely stores bound to it. */
export class KyselyUnitOfWork implements UnitOfWork {
  private readonly ports: TurnPorts;
  readonly queues: WorkQueues;

  constructor(private readonly db: Kysely<Database>) {
    this.ports = kyselyPorts(db);
    this.queues = this.ports.queues;
  }

  run<T>(fn: (ports: TurnPorts) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(kyselyPorts(trx)));
  }

  withoutTransaction<T>(fn: (ports: TurnPorts) => Promise<T>): Promise<T> {
    return fn(this.ports);
  }
}
