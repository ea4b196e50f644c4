import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { AgendaEscalation, AgendaTicket, Flows, Rate, Rates } from '../agenda/agenda.ts';
import { weekBounds, type IsoWeek } from '../agenda/iso-week.ts';
import type { EstateWeekInput, StreetDigest, StreetDigestInput } from '../agenda/street-digest.ts';
import type { StoredStreetDigest, StreetDigestStore, StreetWeekToLoad } from '../agenda/street-digest-store.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import type { Database, StreetDigestTable } from './schema.ts';
import { chunks, TICKET_COLUMNS, toAgendaTicket } from './agenda-week.ts';
import { toDbTime } from './time.ts';

const DAY = 86_400_000;

/** The rungs at which a ticket is the street's business (see street-digest.ts). */
const TOP_RUNGS: readonly string[] = ['party_branch', 'street'];

function rowToStored(row: Selectable<StreetDigestTable>): StoredStreetDigest {
  return {
    id: row.id,
    street: row.street,
    week: row.week,
    compiledAt: new Date(row.compiled_at),
    digest: JSON.parse(row.content) as StreetDigest,
    imageToken: row.image_token,
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
  };
}

/** The street digests, and the street-wide week they are compiled from. */
export class KyselyStreetDigestStore implements StreetDigestStore {
  constructor(private readonly db: Kysely<Database>) {}

  async streets(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('estates')
      .select('street')
      .distinct()
      .where('street', 'is not', null)
      .orderBy('street')
      .execute();
    return rows.map((r) => r.street!).filter((s) => s.trim() !== '');
  }

  /**
   * The figures are counted in the database, per estate, by the rules of the agenda's own code
   * (src/agenda/compile.ts, `weekFigures`; test/agenda/street-store.test.ts holds the two to the same
   * answers on both dialects): a street of 50 busy estates has tens of thousands of tickets in two
   * weeks, too many to carry into JavaScript each time. Every query is bounded by the street's estates
   * and by the two weeks through an index — (estate_id, created_at), (estate_id, response_due_at),
   * (estate_id, resolution_due_at), (kind, created_at) of events, answered_at of reporters — or by the
   * active tickets (status index); none reads an estate's whole history. Only the tickets escalated to
   * the street are read as rows.
   */
  async weekInput(options: StreetWeekToLoad): Promise<StreetDigestInput | undefined> {
    const db = this.db;
    const estates = await db
      .selectFrom('estates')
      .select(['id', 'code', 'name', 'community'])
      .where('street', '=', options.street)
      .orderBy('id')
      .execute();
    if (estates.length === 0) return undefined;
    const ids = estates.map((e) => e.id);
    const { start, end } = weekBounds(options.week, options.timeZone);
    const lastStart = new Date(start.getTime() - 7 * DAY);
    const earlier = (a: Date, b: Date): Date => (a < b ? a : b);
    // Deadlines after the compilation instant have not been missed yet.
    const weeks = {
      thisWeek: { from: toDbTime(start), end: toDbTime(end), to: toDbTime(earlier(end, options.asOf)) },
      lastWeek: { from: toDbTime(lastStart), end: toDbTime(start), to: toDbTime(earlier(start, options.asOf)) },
    };
    const [windowStart, windowEnd, asOf] = [weeks.lastWeek.from, weeks.thisWeek.end, toDbTime(options.asOf)];
    const inEstates = sql.join(ids.map((id) => sql`${id}`));

    // Flows and rates of both weeks, per estate (the rules of compile.ts, in SQL).
    const counted = sql`duplicate_of is null and status <> 'duplicate'`;
    const respDue = (w: { from: string; to: string }) =>
      sql`(${counted} and response_due_at >= ${w.from} and response_due_at < ${w.to} and not (first_response_at is null and closed_at is not null and closed_at <= response_due_at))`;
    const respOnTime = sql`(first_response_at is not null and first_response_at <= response_due_at)`;
    const resDue = (w: { from: string; to: string }) =>
      sql`(${counted} and resolution_due_at >= ${w.from} and resolution_due_at < ${w.to} and not (resolved_at is null and closed_at is not null and closed_at <= resolution_due_at) and not (status = 'explained' and coalesce(explained_at, '9999') <= resolution_due_at))`;
    const resOnTime = sql`(resolved_at is not null and resolved_at <= resolution_due_at)`;
    const sum = (condition: RawBuilder<unknown>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
    const flowColumns = (name: 'this' | 'last', w: { from: string; end: string; to: string }) => [
      sql`${sum(sql`${counted} and created_at >= ${w.from} and created_at < ${w.end}`)}`.as(`new_${name}`),
      sum(respDue(w)).as(`resp_due_${name}`),
      sum(sql`${respDue(w)} and ${respOnTime}`).as(`resp_ok_${name}`),
      sum(resDue(w)).as(`res_due_${name}`),
      sum(sql`${resDue(w)} and ${resOnTime}`).as(`res_ok_${name}`),
      sum(sql`(${respDue(w)} and not ${respOnTime}) or (${resDue(w)} and not ${resOnTime})`).as(`overdue_${name}`),
    ];
    const flowRows = await db
      .selectFrom(
        db
          .selectFrom('tickets')
          .select([
            'estate_id',
            'status',
            'duplicate_of',
            'created_at',
            'first_response_at',
            'resolved_at',
            'closed_at',
            'response_due_at',
            'resolution_due_at',
            // When an explained ticket was last explained (the resolution rate leaves out those explained in time).
            sql<
              string | null
            >`case when status = 'explained' then (select max(e.created_at) from ticket_events e where e.ticket_id = tickets.id and e.kind = 'explained') end`.as(
              'explained_at',
            ),
          ])
          .where(sql<boolean>`estate_id in (${inEstates})`)
          .where((eb) =>
            eb.or([
              eb.and([eb('created_at', '>=', windowStart), eb('created_at', '<', windowEnd)]),
              eb.and([eb('response_due_at', '>=', windowStart), eb('response_due_at', '<', windowEnd)]),
              eb.and([eb('resolution_due_at', '>=', windowStart), eb('resolution_due_at', '<', windowEnd)]),
            ]),
          )
          .as('t'),
      )
      .select(['t.estate_id', ...flowColumns('this', weeks.thisWeek), ...flowColumns('last', weeks.lastWeek)])
      .groupBy('t.estate_id')
      .execute();

    const eventRows = await db
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select([
        'tickets.estate_id',
        'ticket_events.kind',
        sql<number>`count(distinct case when ticket_events.created_at >= ${weeks.thisWeek.from} then ticket_events.ticket_id end)`.as(
          'this_week',
        ),
        sql<number>`count(distinct case when ticket_events.created_at < ${weeks.thisWeek.from} then ticket_events.ticket_id end)`.as(
          'last_week',
        ),
      ])
      .where('ticket_events.kind', 'in', ['resolved', 'explained', 'reopened'])
      .where('ticket_events.created_at', '>=', windowStart)
      .where('ticket_events.created_at', '<', windowEnd)
      .where(sql<boolean>`tickets.estate_id in (${inEstates})`)
      .groupBy(['tickets.estate_id', 'ticket_events.kind'])
      .execute();

    const answered = (w: { from: string; to: string }) =>
      sql`ticket_reporters.answered_at >= ${w.from} and ticket_reporters.answered_at < ${w.to}`;
    const satisfied = sql`((ticket_reporters.rating is not null and ticket_reporters.rating >= 4) or (ticket_reporters.rating is null and ticket_reporters.fixed_answer = 'yes'))`;
    const answerRows = await db
      .selectFrom('ticket_reporters')
      .innerJoin('tickets', 'tickets.id', 'ticket_reporters.ticket_id')
      .select([
        'tickets.estate_id',
        sum(answered(weeks.thisWeek)).as('answers_this'),
        sum(sql`${answered(weeks.thisWeek)} and ${satisfied}`).as('satisfied_this'),
        sum(answered(weeks.lastWeek)).as('answers_last'),
        sum(sql`${answered(weeks.lastWeek)} and ${satisfied}`).as('satisfied_last'),
      ])
      .where('ticket_reporters.answered_at', '>=', windowStart)
      .where('ticket_reporters.answered_at', '<', windowEnd)
      .where((eb) =>
        eb.or([
          eb('ticket_reporters.rating', 'is not', null),
          eb('ticket_reporters.fixed_answer', 'in', ['yes', 'no']),
        ]),
      )
      .where(sql<boolean>`tickets.estate_id in (${inEstates})`)
      .groupBy('tickets.estate_id')
      .execute();

    const stockRows = await db
      .selectFrom('tickets')
      .select([
        'estate_id',
        sql<number>`count(*)`.as('still_open'),
        sum(sql`(first_response_at is null and response_due_at < ${asOf}) or resolution_due_at < ${asOf}`).as(
          'overdue_now',
        ),
      ])
      .where(sql<boolean>`estate_id in (${inEstates})`)
      .where('status', 'in', ACTIVE_STATUSES)
      .groupBy('estate_id')
      .execute();

    // The active tickets that climbed the ladder; those that reached the top are the street's business.
    const escalations = new Map<number, AgendaEscalation[]>();
    const rungs = await db
      .selectFrom('ticket_escalations')
      .innerJoin('tickets', 'tickets.id', 'ticket_escalations.ticket_id')
      .select([
        'ticket_escalations.ticket_id',
        'ticket_escalations.step',
        'ticket_escalations.taken_at',
        'ticket_escalations.recipients',
      ])
      .where(sql<boolean>`tickets.estate_id in (${inEstates})`)
      .where('tickets.status', 'in', ACTIVE_STATUSES)
      .where('ticket_escalations.step', 'in', ['admin', 'committee', 'party_branch', 'street'])
      .where('ticket_escalations.taken_at', '<=', asOf)
      .execute();
    for (const row of rungs)
      escalations.set(row.ticket_id, [
        ...(escalations.get(row.ticket_id) ?? []),
        { level: row.step as AgendaEscalation['level'], at: new Date(row.taken_at), recipients: row.recipients },
      ]);
    const top = [...escalations.entries()]
      .filter(([, list]) => list.some((r) => TOP_RUNGS.includes(r.level)))
      .map(([id]) => id);
    const escalated: Array<{ estate: number; ticket: AgendaTicket }> = [];
    const personal = new Map<number, string[]>();
    for (const part of chunks(top)) {
      const rows = await db
        .selectFrom('tickets')
        .select([...TICKET_COLUMNS, 'estate_id'])
        .where('id', 'in', part)
        .execute();
      escalated.push(...rows.map((row) => ({ estate: row.estate_id, ticket: toAgendaTicket(row) })));
      const reporters = await db
        .selectFrom('ticket_reporters')
        .innerJoin('residents', 'residents.id', 'ticket_reporters.resident_id')
        .select(['ticket_reporters.ticket_id', 'residents.display_name', 'residents.phone', 'residents.unit'])
        .where('ticket_reporters.ticket_id', 'in', part)
        .execute();
      for (const row of reporters) {
        const known = [row.display_name, row.phone, row.unit].filter((s): s is string => s !== null && s.trim() !== '');
        personal.set(row.ticket_id, [...(personal.get(row.ticket_id) ?? []), ...known]);
      }
    }

    const n = (value: unknown): number => Number(value ?? 0);
    const rate = (numerator: number, denominator: number): Rate => ({
      numerator,
      denominator,
      value: denominator === 0 ? null : numerator / denominator,
    });
    const estatesWeek: EstateWeekInput[] = estates.map((e) => {
      const f = flowRows.find((r) => r.estate_id === e.id);
      const events = (kind: string, week: 'this_week' | 'last_week') =>
        n(eventRows.find((r) => r.estate_id === e.id && r.kind === kind)?.[week]);
      const a = answerRows.find((r) => r.estate_id === e.id);
      const s = stockRows.find((r) => r.estate_id === e.id);
      const flows = (name: 'this' | 'last', week: 'this_week' | 'last_week'): Flows => ({
        new: n(f?.[`new_${name}`]),
        resolved: events('resolved', week),
        explained: events('explained', week),
        reopened: events('reopened', week),
        overdue: n(f?.[`overdue_${name}`]),
      });
      const rates = (name: 'this' | 'last'): Rates => ({
        response: rate(n(f?.[`resp_ok_${name}`]), n(f?.[`resp_due_${name}`])),
        resolution: rate(n(f?.[`res_ok_${name}`]), n(f?.[`res_due_${name}`])),
        satisfaction: rate(n(a?.[`satisfied_${name}`]), n(a?.[`answers_${name}`])),
      });
      const mine = escalated.filter((t) => t.estate === e.id).map((t) => t.ticket);
      return {
        code: e.code,
        name: e.name ?? options.unnamed,
        community: e.community,
        figures: {
          thisWeek: flows('this', 'this_week'),
          lastWeek: flows('last', 'last_week'),
          stocks: { stillOpen: n(s?.still_open), overdueNow: n(s?.overdue_now) },
          rates: { thisWeek: rates('this'), lastWeek: rates('last') },
        },
        escalated: {
          tickets: mine,
          escalations: new Map(mine.map((t) => [t.id, escalations.get(t.id)!])),
          personal: new Map(mine.flatMap((t) => (personal.has(t.id) ? [[t.id, personal.get(t.id)!] as const] : []))),
        },
      };
    });
    return {
      street: options.street,
      week: options.week,
      timeZone: options.timeZone,
      start,
      end,
      asOf: options.asOf,
      estates: estatesWeek,
    };
  }

  async findByWeek(street: string, week: IsoWeek): Promise<StoredStreetDigest | undefined> {
    const row = await this.db
      .selectFrom('street_digests')
      .selectAll()
      .where('street', '=', street)
      .where('week', '=', week)
      .executeTakeFirst();
    return row && rowToStored(row);
  }

  async findByToken(token: string): Promise<StoredStreetDigest | undefined> {
    const row = await this.db
      .selectFrom('street_digests')
      .selectAll()
      .where('image_token', '=', token)
      .executeTakeFirst();
    return row && rowToStored(row);
  }

  async insertOnce(
    digest: StreetDigest,
    imageToken: string,
    at: Date,
  ): Promise<{ inserted: boolean; stored: StoredStreetDigest }> {
    const result = await this.db
      .insertInto('street_digests')
      .values({
        street: digest.street,
        week: digest.week,
        compiled_at: toDbTime(at),
        content: JSON.stringify(digest),
        image_token: imageToken,
        sent_at: null,
      })
      .onConflict((oc) => oc.columns(['street', 'week']).doNothing())
      .executeTakeFirst();
    const inserted = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    return { inserted, stored: (await this.findByWeek(digest.street, digest.week))! };
  }

  async markSent(id: number, at: Date): Promise<void> {
    await this.db
      .updateTable('street_digests')
      .set({ sent_at: toDbTime(at) })
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .execute();
  }
}
