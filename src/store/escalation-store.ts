import { sql, type Kysely, type SqlBool } from 'kysely';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type {
  DeadlineStep,
  EscalationStore,
  EscalationTransaction,
  LastSteps,
  Recipient,
  WatchedTicket,
} from '../staff/watch-deadlines.ts';
import type { EscalationLevel } from '../tickets/escalation-ladder.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import { KyselyMemberStore } from './member-store.ts';
import { KyselyOutboxStore } from './outbox-store.ts';
import type { Database } from './schema.ts';
import { KyselyTicketStore, ticketRowToTicket } from './ticket-store.ts';
import { toDbTime } from './time.ts';

/** Reminders and escalation steps in the `ticket_escalations` table, one row per ticket and step. */
export class KyselyEscalationStore implements EscalationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async watchList(until: Date, lastSteps: LastSteps, limit: number): Promise<WatchedTicket[]> {
    const at = toDbTime(until);
    // The estates that belong to a street: their tickets' ladder has the street rung.
    const streeted = await this.db
      .selectFrom('estates')
      .select('id')
      .where('street', 'is not', null)
      .where('street', '!=', '')
      .execute();
    const withStreet = new Set(streeted.map((e) => e.id));
    const ids = [...withStreet];
    const inStreet = ids.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`tickets.estate_id in (${sql.join(ids)})`;
    let query = this.db
      .selectFrom('tickets')
      .selectAll()
      .where('status', 'in', [...ACTIVE_STATUSES])
      .where((eb) =>
        eb.or([
          eb.and([eb('first_response_at', 'is', null), eb('response_due_at', '<=', at)]),
          eb('resolution_due_at', '<=', at),
        ]),
      );
    // Leave out the tickets that took the last rung of their estate's ladder (with or without the street).
    const notTaken = (step: DeadlineStep | undefined) =>
      sql<SqlBool>`${step === undefined ? sql`1 = 1` : sql`not exists (select 1 from ticket_escalations e where e.ticket_id = tickets.id and e.step = ${step})`}`;
    if (lastSteps.withStreet === lastSteps.withoutStreet) {
      if (lastSteps.withStreet !== undefined) query = query.where(notTaken(lastSteps.withStreet));
    } else {
      query = query.where((eb) =>
        eb.or([
          eb.and([inStreet, notTaken(lastSteps.withStreet)]),
          eb.and([eb.not(inStreet), notTaken(lastSteps.withoutStreet)]),
        ]),
      );
    }
    const rows = await query.orderBy('id').limit(limit).execute();
    if (rows.length === 0) return [];
    const steps = await this.db
      .selectFrom('ticket_escalations')
      .select(['ticket_id', 'step', 'taken_at'])
      .where(
        'ticket_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const taken = new Map<number, Map<DeadlineStep, Date>>();
    for (const s of steps) {
      const map = taken.get(s.ticket_id) ?? new Map<DeadlineStep, Date>();
      map.set(s.step as DeadlineStep, new Date(s.taken_at));
      taken.set(s.ticket_id, map);
    }
    return rows.map((row) => ({
      ticket: ticketRowToTicket(row),
      taken: taken.get(row.id) ?? new Map(),
      hasStreet: withStreet.has(row.estate_id),
    }));
  }

  transaction<T>(work: (tx: EscalationTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new KyselyEscalationTransaction(trx)));
  }
}

/** The writes of one step, on the caller's transaction. */
export class KyselyEscalationTransaction implements EscalationTransaction {
  constructor(private readonly trx: Kysely<Database>) {}

  async chatsOf(role: EscalationLevel, estateId: number): Promise<Recipient[]> {
    const members = new KyselyMemberStore(this.trx);
    if (role === 'street') {
      // The street's groups and people: they read figures and masked summaries only (DESIGN §6).
      const estate = await this.trx
        .selectFrom('estates')
        .select('street')
        .where('id', '=', estateId)
        .executeTakeFirst();
      const street = estate?.street ?? '';
      if (street === '') return [];
      const holders = (await members.list()).filter(
        (m) => m.role === 'street' && m.revokedAt === null && m.street === street,
      );
      return holders.map((m) => ({ platform: m.platform, chatId: m.subjectId, audience: 'public' }));
    }
    if (role === 'staff')
      return (await members.groups('staff', estateId)).map((g) => ({
        platform: g.platform,
        chatId: g.subjectId,
        audience: 'staff',
      }));
    const holders = (await members.list()).filter(
      (m) => m.role === role && m.revokedAt === null && m.estateId === estateId,
    );
    // Only a person acting on tickets (an admin, in their private chat) may see what staff see.
    return holders.map((m) => ({
      platform: m.platform,
      chatId: m.subjectId,
      audience: role === 'admin' && m.subjectKind === 'user' ? 'staff' : 'public',
    }));
  }

  async personalChat(memberId: number): Promise<Recipient | undefined> {
    const member = await new KyselyMemberStore(this.trx).findById(memberId);
    if (!member || member.revokedAt !== null || member.subjectKind !== 'user') return undefined;
    // A person's private chat with the bot has the person's id on Telegram and LINE alike.
    return { platform: member.platform, chatId: member.subjectId, audience: 'staff' };
  }

  async takeStep(ticketId: number, step: DeadlineStep, dueAt: Date, recipients: number, at: Date): Promise<boolean> {
    // A concurrent transaction inserting the same step holds the unique index entry: this insert waits
    // for it and then does nothing, so exactly one of them goes on to queue the messages.
    const result = await this.trx
      .insertInto('ticket_escalations')
      .values({ ticket_id: ticketId, step, due_at: toDbTime(dueAt), taken_at: toDbTime(at), recipients })
      .onConflict((oc) => oc.columns(['ticket_id', 'step']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async addEvent(
    ticketId: number,
    kind: 'reminded' | 'escalated',
    data: Record<string, unknown>,
    at: Date,
  ): Promise<void> {
    await new KyselyTicketStore(this.trx).addEvent(ticketId, kind, { kind: 'system' }, data, at);
  }

  async send(to: Recipient, message: OutgoingMessage, ticketId: number, at: Date): Promise<void> {
    await new KyselyOutboxStore(this.trx).enqueue({ platform: to.platform, chatId: to.chatId, message, ticketId }, at);
  }
}
