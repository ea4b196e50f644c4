import { sql, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type {
  ConsoleTicketReader,
  ListedTicket,
  MemberActivity,
  StoredAttachment,
  TicketQuery,
} from '../console/console-ticket-reader.ts';
import { searchableWords } from '../privacy/search-text.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import type { Ticket, TicketEvent, TicketEventKind } from '../tickets/ticket.ts';
import { KyselyMemberStore, type Member } from './member-store.ts';
import type { Database, TicketRow } from './schema.ts';
import { eventRowToEvent, KyselyTicketStore, ticketRowToTicket } from './ticket-store.ts';
import { toDbTime } from './time.ts';

type TicketSelect = SelectQueryBuilder<Database, 'tickets', object>;

/** A LIKE pattern for the words anywhere in the text, with %, _ and \\ taken literally. */
function likePattern(words: string): string {
  return `%${words.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/**
 * How a search is joined to the other filters: `subquery` reads the matching ids from the searched
 * columns alone (an index holds them on SQLite) — best when few tickets match, since those few are
 * then sorted; `inline` tests each row as the order's index walks it — best when many match, since
 * a page fills after a few rows.
 */
type SearchMode = 'subquery' | 'inline';

function filtered(db: Kysely<Database>, query: TicketQuery, mode: SearchMode = 'subquery'): TicketSelect {
  let q: TicketSelect = db.selectFrom('tickets');
  if (query.category !== undefined) q = q.where('category', '=', query.category);
  // "+": the estate only filters rows; the order's and the filters' indexes keep choosing the plan.
  if (query.estateId !== undefined) q = q.where(sql`+tickets.estate_id`, '=', query.estateId);
  if (query.estateIds !== undefined) {
    const ids = query.estateIds;
    q =
      ids.length === 0
        ? q.where(sql<SqlBool>`1 = 0`)
        : ids.length === 1
          ? q.where(sql`+tickets.estate_id`, '=', ids[0]!)
          : q.where(sql`+tickets.estate_id`, 'in', [...ids]);
  }
  if (query.status !== undefined) q = q.where('status', '=', query.status);
  if (query.building === 'none') q = q.where('place_building', 'is', null);
  else if (query.building !== undefined) q = q.where('place_building', '=', query.building);
  if (query.urgent) q = q.where('urgency', '=', 'urgent');
  if (query.assignee === 'none') q = q.where('assignee_id', 'is', null);
  else if (query.assignee !== undefined) q = q.where('assignee_id', '=', query.assignee);
  if (query.createdFrom) q = q.where('created_at', '>=', toDbTime(query.createdFrom));
  if (query.createdBefore) q = q.where('created_at', '<', toDbTime(query.createdBefore));
  if (query.overdueAt) {
    const at = toDbTime(query.overdueAt);
    q = q
      .where('status', 'in', [...ACTIVE_STATUSES])
      .where((eb) =>
        eb.or([
          eb.and([eb('first_response_at', 'is', null), eb('response_due_at', '<', at)]),
          eb('resolution_due_at', '<', at),
        ]),
      );
  }
  const search = query.search?.trim();
  if (search) {
    // Masked text only (DESIGN §6): a phone number or a name finds nothing, so it confirms nothing.
    const escape = sql`escape '\\'`;
    const matches = (table: 'tickets' | 'searched') =>
      sql<SqlBool>`(${sql.ref(`${table}.reference`)} like ${likePattern(search.toUpperCase())} ${escape}
        or ${sql.ref(`${table}.place_building`)} like ${likePattern(search)} ${escape}
        or ${sql.ref(`${table}.search_text`)} like ${likePattern(searchableWords(search))} ${escape})`;
    // References are stored upper-case: no upper() or lower() over every row.
    q =
      mode === 'inline'
        ? q.where(matches('tickets'))
        : q.where('id', 'in', (eb) =>
            eb.selectFrom('tickets as searched').select('searched.id').where(matches('searched')),
          );
  }
  return q;
}

function ordered<O>(
  q: SelectQueryBuilder<Database, 'tickets', O>,
  sort: TicketQuery['sort'],
): SelectQueryBuilder<Database, 'tickets', O> {
  switch (sort) {
    case 'oldest':
      return q.orderBy('created_at', 'asc').orderBy('id', 'asc');
    case 'updated':
      return q.orderBy('updated_at', 'desc').orderBy('id', 'desc');
    case 'due':
      return q.orderBy('resolution_due_at', 'asc').orderBy('id', 'asc');
    default:
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc');
  }
}

/** The column each order sorts by (then by id, the same way). */
const SORT_KEYS = {
  newest: { column: 'created_at', direction: 'desc' },
  oldest: { column: 'created_at', direction: 'asc' },
  updated: { column: 'updated_at', direction: 'desc' },
  due: { column: 'resolution_due_at', direction: 'asc' },
} as const satisfies Record<
  TicketQuery['sort'],
  { column: 'created_at' | 'updated_at' | 'resolution_due_at'; direction: 'asc' | 'desc' }
>;

/** Reads tickets for the staff web console on Kysely (SQLite or PostgreSQL). */
export class KyselyConsoleTicketReader implements ConsoleTicketReader {
  constructor(private readonly db: Kysely<Database>) {}

  private async withReporters(rows: TicketRow[]): Promise<ListedTicket[]> {
    if (rows.length === 0) return [];
    const counts = await this.db
      .selectFrom('ticket_reporters')
      .select(['ticket_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where(
        'ticket_id',
        'in',
        rows.map((r) => r.id),
      )
      .where('withdrawn_at', 'is', null)
      .groupBy('ticket_id')
      .execute();
    const byTicket = new Map(counts.map((c) => [c.ticket_id, Number(c.n)]));
    return rows.map((row) => ({
      ticket: ticketRowToTicket(row),
      reporters: byTicket.get(row.id) ?? 0,
    }));
  }

  async page(
    query: TicketQuery,
    offset: number,
    limit: number,
    countCap = 1000,
  ): Promise<{ total: number; exact: boolean; tickets: ListedTicket[] }> {
    if (query.search?.trim()) return this.searchPage(query, offset, limit, countCap);
    const base = filtered(this.db, query);
    const rows = await ordered(base.selectAll(), query.sort)
      .limit(limit + 1)
      .offset(offset)
      .execute();
    const tickets = await this.withReporters(rows.slice(0, limit));
    // The last page says how many there are without counting them again.
    if (rows.length <= limit && (offset === 0 || rows.length > 0))
      return { total: offset + rows.length, exact: true, tickets };
    const unfiltered = Object.keys(query).every((key) => key === 'sort');
    if (unfiltered) {
      const count = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return { total: Number(count.n), exact: true, tickets };
    }
    // Counting stops past the cap: a LIKE over the masked text cannot use an index.
    const cap = Math.max(countCap, offset + limit + 1);
    const capped = await this.db
      .selectFrom(
        base
          .select(sql<number>`1`.as('one'))
          .limit(cap + 1)
          .as('matches'),
      )
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const total = Number(capped.n);
    return total > cap ? { total: cap, exact: false, tickets } : { total, exact: true, tickets };
  }

  /**
   * A searched page: the matches are counted first through the searched columns alone (up to the
   * cap), and that count picks how the page is read (see {@link SearchMode}).
   */
  private async searchPage(
    query: TicketQuery,
    offset: number,
    limit: number,
    countCap: number,
  ): Promise<{ total: number; exact: boolean; tickets: ListedTicket[] }> {
    const cap = Math.max(countCap, offset + limit + 1);
    const counted = await this.db
      .selectFrom(
        filtered(this.db, query, 'subquery')
          .select(sql<number>`1`.as('one'))
          .limit(cap + 1)
          .as('matches'),
      )
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const n = Number(counted.n);
    const rows =
      offset >= n
        ? []
        : await ordered(filtered(this.db, query, n > cap ? 'inline' : 'subquery').selectAll(), query.sort)
            .limit(limit)
            .offset(offset)
            .execute();
    const tickets = await this.withReporters(rows);
    return n > cap ? { total: cap, exact: false, tickets } : { total: n, exact: true, tickets };
  }

  async *each(query: TicketQuery, batchSize = 1000): AsyncIterable<ListedTicket> {
    // Keyset, not offset: each batch starts after the last row of the one before, so an export of
    // 100 k tickets reads each row once instead of skipping past all the earlier ones again.
    const { column, direction } = SORT_KEYS[query.sort];
    let after: { value: string; id: number } | undefined;
    for (;;) {
      let q = filtered(this.db, query);
      if (after) {
        const { value, id } = after;
        const beyond = direction === 'desc' ? '<' : '>';
        q = q.where((eb) => eb.or([eb(column, beyond, value), eb.and([eb(column, '=', value), eb('id', beyond, id)])]));
      }
      const rows = await ordered(q.selectAll(), query.sort).limit(batchSize).execute();
      yield* await this.withReporters(rows);
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1]!;
      after = { value: last[column], id: last.id };
    }
  }

  async ticket(id: number): Promise<ListedTicket | undefined> {
    const row = await this.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
    return row && (await this.withReporters([row]))[0];
  }

  async ticketByReference(reference: string): Promise<Ticket | undefined> {
    return new KyselyTicketStore(this.db).findByReference(reference);
  }

  async events(ticketId: number): Promise<TicketEvent[]> {
    const rows = await this.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
    return rows.map(eventRowToEvent);
  }

  async attachments(ticketId: number): Promise<StoredAttachment[]> {
    const rows = await this.db
      .selectFrom('attachments')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      kind: r.kind,
      mimeType: r.mime_type,
      path: r.path,
      createdAt: new Date(r.created_at),
    }));
  }

  async attachment(id: number): Promise<StoredAttachment | undefined> {
    const r = await this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    return (
      r && {
        id: r.id,
        ticketId: r.ticket_id,
        kind: r.kind,
        mimeType: r.mime_type,
        path: r.path,
        createdAt: new Date(r.created_at),
      }
    );
  }

  async buildings(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select('place_building')
      .distinct()
      .where('place_building', 'is not', null)
      .execute();
    return rows
      .map((r) => r.place_building!)
      .sort((a, b) => a.localeCompare(b, 'zh', { numeric: true }))
      .slice(0, 500);
  }

  async members(): Promise<Member[]> {
    return new KyselyMemberStore(this.db).list();
  }

  async activity(limit: number, estateId: number): Promise<MemberActivity[]> {
    const rows = await this.db
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select(['ticket_events.created_at', 'ticket_events.actor_id', 'ticket_events.kind', 'tickets.reference'])
      .where('ticket_events.actor_kind', '=', 'member')
      .where('ticket_events.actor_id', 'is not', null)
      .where('tickets.estate_id', '=', estateId)
      .orderBy('ticket_events.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      at: new Date(r.created_at),
      memberId: r.actor_id!,
      kind: r.kind as TicketEventKind,
      reference: r.reference,
    }));
  }
}
