import { sql, type Kysely } from 'kysely';
import type { ConsoleFiguresReader } from '../console/console-figures-reader.ts';
import type { FiguresRows } from '../console/figures.ts';
import type { Category } from '../tickets/category.ts';
import { ACTIVE_STATUSES, type Status } from '../tickets/status.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

const date = (value: string | null): Date | null => (value === null ? null : new Date(value));

/** Reads the figures page's rows on Kysely (SQLite or PostgreSQL). */
export class KyselyConsoleFiguresReader implements ConsoleFiguresReader {
  constructor(private readonly db: Kysely<Database>) {}

  async figuresRows(span: { from: Date; to: Date }, asOf: Date, estateId: number): Promise<FiguresRows> {
    const [from, to, now] = [toDbTime(span.from), toDbTime(span.to), toDbTime(asOf)];
    const deadlineColumns = [
      'id',
      'status',
      'duplicate_of',
      'first_response_at',
      'resolved_at',
      'closed_at',
      'response_due_at',
      'resolution_due_at',
    ] as const;
    /** The estate's tickets with one of their deadlines in the span. */
    const dueInSpan = (deadline: 'response_due_at' | 'resolution_due_at') =>
      this.db
        .selectFrom('tickets')
        .select(deadlineColumns)
        .where('estate_id', '=', estateId)
        .where(deadline, '>=', from)
        .where(deadline, '<', to);
    const [created, deadlines, events, answers, open] = await Promise.all([
      this.db
        .selectFrom('tickets')
        .select(['created_at', 'category', 'place_building'])
        .where('estate_id', '=', estateId)
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .where('duplicate_of', 'is', null)
        .where('status', '!=', 'duplicate')
        .execute(),
      // One read for both deadlines, each side a select of its own so each goes through its own index
      // (an `or` of the two is planned as one, and SQLite may take any index on the estate for it);
      // the resolution side leaves out the tickets the response side has read.
      dueInSpan('response_due_at')
        .unionAll(
          dueInSpan('resolution_due_at').where((eb) =>
            eb.or([eb('response_due_at', '<', from), eb('response_due_at', '>=', to)]),
          ),
        )
        .execute(),
      // The span's events of every estate first, then each one's ticket for its estate: a cross join,
      // which SQLite plans in the order written (PostgreSQL plans it as the inner join it is). As an
      // inner join SQLite may start from the estate's tickets instead, every one of them in a single
      // estate's install, whenever an index on the estate looks narrow to it (one added since the
      // last ANALYZE, or any on a database never analyzed): 150 ms at 100 k tickets, not 5.
      this.db
        .selectFrom('ticket_events')
        .crossJoin('tickets')
        .whereRef('tickets.id', '=', 'ticket_events.ticket_id')
        .select(['ticket_events.ticket_id', 'ticket_events.kind', 'ticket_events.created_at'])
        .where('ticket_events.kind', 'in', ['resolved', 'explained'])
        .where('ticket_events.created_at', '>=', from)
        .where('ticket_events.created_at', '<', to)
        .where('tickets.estate_id', '=', estateId)
        .execute(),
      // Likewise the span's answers first, then their tickets.
      this.db
        .selectFrom('ticket_reporters')
        .crossJoin('tickets')
        .whereRef('tickets.id', '=', 'ticket_reporters.ticket_id')
        .select(['ticket_reporters.fixed_answer', 'ticket_reporters.rating', 'ticket_reporters.answered_at'])
        .where('ticket_reporters.answered_at', '>=', from)
        .where('ticket_reporters.answered_at', '<', to)
        .where('tickets.estate_id', '=', estateId)
        .execute(),
      this.db
        .selectFrom('tickets')
        .select((eb) => [
          'category',
          'place_building',
          eb.fn.countAll<number | string>().as('open'),
          eb.fn
            .sum<number | string | null>(
              sql`case when (first_response_at is null and response_due_at < ${now}) or resolution_due_at < ${now} then 1 else 0 end`,
            )
            .as('overdue'),
        ])
        .where('estate_id', '=', estateId)
        .where('status', 'in', [...ACTIVE_STATUSES])
        .groupBy(['category', 'place_building'])
        .execute(),
    ]);

    // The resolution rate leaves out tickets explained before their deadline: when they were explained.
    const explained = deadlines.filter((r) => r.status === 'explained').map((r) => r.id);
    const explainedAt = new Map<number, Date>();
    for (let i = 0; i < explained.length; i += 500) {
      const rows = await this.db
        .selectFrom('ticket_events')
        .select(['ticket_id', (eb) => eb.fn.max('created_at').as('at')])
        .where('ticket_id', 'in', explained.slice(i, i + 500))
        .where('kind', '=', 'explained')
        .groupBy('ticket_id')
        .execute();
      for (const row of rows) explainedAt.set(row.ticket_id, new Date(String(row.at)));
    }

    return {
      created: created.map((r) => ({
        createdAt: new Date(r.created_at),
        category: r.category as Category,
        building: r.place_building,
      })),
      deadlines: deadlines.map((r) => ({
        id: r.id,
        status: r.status as Status,
        duplicateOf: r.duplicate_of,
        firstResponseAt: date(r.first_response_at),
        resolvedAt: date(r.resolved_at),
        closedAt: date(r.closed_at),
        responseDueAt: new Date(r.response_due_at),
        resolutionDueAt: new Date(r.resolution_due_at),
        explainedAt: explainedAt.get(r.id) ?? null,
      })),
      events: events.map((e) => ({
        ticketId: e.ticket_id,
        kind: e.kind as 'resolved' | 'explained',
        at: new Date(e.created_at),
      })),
      answers: answers.map((a) => ({
        fixed: a.fixed_answer === 'yes' || a.fixed_answer === 'no' ? a.fixed_answer : null,
        rating: a.rating,
        answeredAt: new Date(a.answered_at!),
      })),
      open: open.map((g) => ({
        category: g.category as Category,
        building: g.place_building,
        open: Number(g.open),
        overdue: Number(g.overdue ?? 0),
      })),
    };
  }
}
