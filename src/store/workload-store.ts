import { sql, type Kysely } from 'kysely';
import type { Urgency } from '../tickets/category.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { FirstResponse, WorkloadStore } from '../tickets/workload-store.ts';
import type { Database } from './schema.ts';
import { ticketRowToTicket } from './ticket-store.ts';
import { toDbTime } from './time.ts';

/** History entries that count as a staff response (see `markResponded` in src/staff/staff-actions.ts). */
const RESPONSE_KINDS = ['acknowledged', 'replied', 'started', 'resolved', 'explained'];

/** `/mine`, `/workload` and round-robin turns on Kysely. */
export class KyselyWorkloadStore implements WorkloadStore {
  constructor(private readonly db: Kysely<Database>) {}

  async assignedTo(memberIds: readonly number[], limit: number): Promise<Ticket[]> {
    if (memberIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('tickets')
      .selectAll()
      .where('status', 'in', [...ACTIVE_STATUSES])
      .where('assignee_id', 'in', [...memberIds])
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(ticketRowToTicket);
  }

  async activeAssigned(): Promise<Ticket[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .selectAll()
      .where('status', 'in', [...ACTIVE_STATUSES])
      .where('assignee_id', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map(ticketRowToTicket);
  }

  async firstResponses(since: Date): Promise<FirstResponse[]> {
    const rows = await this.db
      .selectFrom('tickets as t')
      .innerJoin('ticket_events as e', 'e.ticket_id', 't.id')
      .select(['t.id', 't.urgency', 't.created_at', 't.first_response_at', 'e.actor_id'])
      .where('t.first_response_at', '>=', toDbTime(since))
      .where('e.kind', 'in', RESPONSE_KINDS)
      .where('e.actor_kind', '=', 'member')
      .where('e.actor_id', 'is not', null)
      .orderBy('t.id')
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute();
    const first = new Map<number, FirstResponse>();
    for (const row of rows) {
      if (first.has(row.id) || row.first_response_at === null || row.actor_id === null) continue;
      first.set(row.id, {
        ticketId: row.id,
        memberId: row.actor_id,
        urgency: row.urgency as Urgency,
        createdAt: new Date(row.created_at),
        respondedAt: new Date(row.first_response_at),
      });
    }
    return [...first.values()];
  }

  async claim(ticketId: number, memberId: number, at: Date): Promise<boolean> {
    // Conditional on nobody having it: two presses racing on two instances give it to one of them.
    const result = await this.db
      .updateTable('tickets')
      .set({ assignee_id: memberId, updated_at: toDbTime(at) })
      .where('id', '=', ticketId)
      .where('assignee_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async reclaim(ticketId: number, fromMemberId: number, toMemberId: number, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('tickets')
      .set({ assignee_id: toMemberId, updated_at: toDbTime(at) })
      .where('id', '=', ticketId)
      .where('assignee_id', '=', fromMemberId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async nextTurn(name: string): Promise<number> {
    const counter = `turn:${name}`;
    await this.db
      .insertInto('counters')
      .values({ name: counter, value: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .updateTable('counters')
      .set({ value: sql`value + 1` })
      .where('name', '=', counter)
      .returning('value')
      .executeTakeFirstOrThrow();
    return row.value;
  }
}
