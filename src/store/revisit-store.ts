import type { Kysely } from 'kysely';
import type { Revisit, RevisitReason, RevisitStatus, RevisitStore } from '../tickets/revisit-store.ts';
import type { Database, RevisitTable } from './schema.ts';
import type { Selectable } from 'kysely';
import { fromDbTime, toDbTime } from './time.ts';

function rowToRevisit(row: Selectable<RevisitTable>): Revisit {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    residentId: row.resident_id,
    reason: row.reason as RevisitReason,
    rating: row.rating,
    status: row.status as RevisitStatus,
    requestedAt: new Date(row.requested_at),
    callerMemberId: row.caller_member_id,
    startedAt: fromDbTime(row.started_at),
    outcome: row.outcome,
    finishedAt: fromDbTime(row.finished_at),
  };
}

/** 回访 tasks in the `revisits` table. */
export class KyselyRevisitStore implements RevisitStore {
  constructor(private readonly db: Kysely<Database>) {}

  async request(
    input: { ticketId: number; residentId: number; reason: RevisitReason; rating: number | null },
    at: Date,
  ): Promise<Revisit | undefined> {
    // A resident's answers are handled in order in their chat's turns, so this check cannot race itself.
    const unfinished = await this.db
      .selectFrom('revisits')
      .select('id')
      .where('ticket_id', '=', input.ticketId)
      .where('resident_id', '=', input.residentId)
      .where('status', '!=', 'done')
      .executeTakeFirst();
    if (unfinished) return undefined;
    const row = await this.db
      .insertInto('revisits')
      .values({
        ticket_id: input.ticketId,
        resident_id: input.residentId,
        reason: input.reason,
        rating: input.rating,
        status: 'open',
        requested_at: toDbTime(at),
        caller_member_id: null,
        started_at: null,
        outcome: null,
        finished_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToRevisit(row);
  }

  async findById(id: number): Promise<Revisit | undefined> {
    const row = await this.db.selectFrom('revisits').selectAll().where('id', '=', id).executeTakeFirst();
    return row && rowToRevisit(row);
  }

  async start(id: number, memberId: number, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('revisits')
      .set({ status: 'started', caller_member_id: memberId, started_at: toDbTime(at) })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async startedByCaller(memberIds: readonly number[]): Promise<Revisit | undefined> {
    if (memberIds.length === 0) return undefined;
    const row = await this.db
      .selectFrom('revisits')
      .selectAll()
      .where('status', '=', 'started')
      .where('caller_member_id', 'in', [...memberIds])
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && rowToRevisit(row);
  }

  async startedForResident(platform: string, userId: string): Promise<Revisit | undefined> {
    const row = await this.db
      .selectFrom('revisits')
      .innerJoin('resident_identities as i', 'i.resident_id', 'revisits.resident_id')
      .selectAll('revisits')
      .where('i.platform', '=', platform)
      .where('i.platform_user_id', '=', userId)
      .where('revisits.status', '=', 'started')
      .orderBy('revisits.started_at', 'desc')
      .orderBy('revisits.id', 'desc')
      .executeTakeFirst();
    return row && rowToRevisit(row);
  }

  async finish(id: number, outcome: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('revisits')
      .set({ status: 'done', outcome, finished_at: toDbTime(at) })
      .where('id', '=', id)
      .where('status', '=', 'started')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
