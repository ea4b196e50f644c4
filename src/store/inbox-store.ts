import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { IncomingEvent } from '../turn/incoming-event.ts';
import type { InboxItem, InboxPort } from '../turn/unit-of-work.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

export type { InboxItem } from '../turn/unit-of-work.ts';

export interface FailedInboxItem {
  id: number;
  platform: string;
  eventId: string;
  chatId: string;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
}

/** The inbox of incoming events: saved first (a repeat of a platform event id is ignored), handled second. */
export class KyselyInboxStore implements Omit<InboxPort, 'complete'> {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores an event unless its (platform, eventId) is already there. */
  async save(event: IncomingEvent, at: Date): Promise<{ kind: 'saved'; id: number } | { kind: 'duplicate' }> {
    const [result] = await this.saveMany([event], at);
    return result!;
  }

  /**
   * Stores several events in one statement (one commit), each unless its (platform, eventId) is there
   * already; the results are in the order of `events`. A repeat within `events` is a duplicate too.
   */
  async saveMany(
    events: readonly IncomingEvent[],
    at: Date,
  ): Promise<Array<{ kind: 'saved'; id: number } | { kind: 'duplicate' }>> {
    const now = toDbTime(at);
    const key = (platform: string, eventId: string) => `${platform}\u0000${eventId}`;
    const first = new Map<string, number>();
    events.forEach((event, i) => {
      if (!first.has(key(event.platform, event.eventId))) first.set(key(event.platform, event.eventId), i);
    });
    const unique = [...first.values()].map((i) => events[i]!);
    // Written as SQL rather than with the query builder: at a burst of webhooks, building the insert
    // of each group (every value of every row a node) cost more than running it.
    const values = unique.map(
      (event) =>
        sql`(${event.platform}, ${event.eventId}, ${event.chat.id}, ${JSON.stringify(event)}, 'pending', 0, ${now}, ${now})`,
    );
    const insert = (db: Kysely<Database>) =>
      sql<{ id: number; platform: string; event_id: string }>`
        insert into inbox (platform, event_id, chat_id, payload, status, attempts, next_attempt_at, received_at)
        values ${sql.join(values)}
        on conflict (platform, event_id) do nothing
        returning id, platform, event_id`.execute(db);
    const { rows } = await (this.durableOnSqlite() ? this.durably(insert) : insert(this.db));
    const saved = new Map(rows.map((row) => [key(row.platform, row.event_id), row.id]));
    return events.map((event, i) => {
      const k = key(event.platform, event.eventId);
      const id = saved.get(k);
      return id !== undefined && first.get(k) === i ? { kind: 'saved', id } : { kind: 'duplicate' };
    });
  }

  /**
   * Whether a save here commits on its own on SQLite, where the connection runs with `synchronous =
   * NORMAL` (src/store/database.ts): a commit is then safe from a crash of the process but not from a
   * power cut, which may take the last commits with it. The inbox's is the one that must survive one —
   * the webhook is answered 200 after it, so the platform never sends the event again, and all the
   * rest (ticket, receipt) is made again from the inbox row. In a transaction the caller commits.
   */
  private durableOnSqlite(): boolean {
    return !this.db.isTransaction && this.db.getExecutor().adapter instanceof SqliteAdapter;
  }

  /**
   * Runs `write` on one connection with `synchronous = FULL`, so that its commit is on the disk (the
   * write-ahead log synced) before it returns, and the connection back to NORMAL after: one sync per
   * group of webhooks (InboxWriter), none for the worker's transactions.
   */
  private durably<T>(write: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (connection) => {
      await sql`pragma synchronous = FULL`.execute(connection);
      try {
        return await write(connection);
      } finally {
        await sql`pragma synchronous = NORMAL`.execute(connection);
      }
    });
  }

  async load(id: number): Promise<InboxItem | undefined> {
    const row = await this.db
      .selectFrom('inbox')
      .select(['id', 'payload', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { id: row.id, event: JSON.parse(row.payload) as IncomingEvent, attempts: row.attempts };
  }

  /** Events that failed for good: kept for operators (`linli inbox --failed`), never dropped. */
  async failed(limit = 100): Promise<FailedInboxItem[]> {
    const rows = await this.db
      .selectFrom('inbox')
      .selectAll()
      .where('status', '=', 'failed')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      platform: r.platform,
      eventId: r.event_id,
      chatId: r.chat_id,
      attempts: r.attempts,
      lastError: r.last_error,
      receivedAt: new Date(r.received_at),
    }));
  }

  /** Puts failed events back in the queue (after the operator fixed the cause). */
  async retryFailed(at: Date): Promise<number> {
    const result = await this.db
      .updateTable('inbox')
      .set({ status: 'pending', next_attempt_at: toDbTime(at), attempts: 0 })
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
