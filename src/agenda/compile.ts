import { CATEGORIES, type Category } from '../tickets/category.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import {
  PARTIES,
  type Agenda,
  type AgendaInput,
  type AgendaItem,
  type AgendaTicket,
  type BreakdownRow,
  type Flows,
  type FollowUp,
  type Party,
  type Rate,
  type Rates,
  type Reason,
  type ReporterAnswer,
  type Stocks,
  type SupervisedItem,
  type RevisitItem,
} from './agenda.ts';
import type { EscalationLevel } from '../tickets/escalation-ladder.ts';
import { localDate, shiftWeek, type IsoWeek } from './iso-week.ts';
import { proposeLeadParty } from './lead-party.ts';
import { compareItems, MANY_REPORTERS, MAX_ITEMS, REPEAT_MIN_TICKETS, REPEAT_WINDOW_DAYS, scoreItem } from './rank.ts';
import { redactPersonalDetails } from '../privacy/redact.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Weeks the chart shows, this one included. */
export const CHART_WEEKS = 8;

function isActive(t: AgendaTicket): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(t.status);
}

/** Compared as numbers: `>=` on two Dates converts each to a primitive first, at many times the cost. */
function within(at: Date | null, from: Date, to: Date): boolean {
  if (at === null) return false;
  const t = at.getTime();
  return t >= from.getTime() && t < to.getTime();
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/** What the response and resolution rates read of a ticket (the web console's figures pass no more). */
export type DeadlineFacts = Pick<
  AgendaTicket,
  | 'duplicateOf'
  | 'status'
  | 'responseDueAt'
  | 'firstResponseAt'
  | 'closedAt'
  | 'resolutionDueAt'
  | 'resolvedAt'
  | 'explainedAt'
>;

/**
 * Response: of the tickets (not merged duplicates) whose response deadline fell in the window, the
 * share that had a first staff response (acknowledge, reply, any status change) at or before it.
 * A ticket withdrawn or closed before its deadline without a response is left out.
 */
export function responseOutcomes<T extends DeadlineFacts>(
  tickets: readonly T[],
  from: Date,
  to: Date,
): { due: T[]; onTime: T[] } {
  const due = tickets.filter(
    (t) =>
      t.duplicateOf === null &&
      t.status !== 'duplicate' &&
      within(t.responseDueAt, from, to) &&
      !(t.firstResponseAt === null && t.closedAt !== null && t.closedAt <= t.responseDueAt),
  );
  return { due, onTime: due.filter((t) => t.firstResponseAt !== null && t.firstResponseAt <= t.responseDueAt) };
}

/**
 * Resolution: of the tickets (not merged duplicates) whose resolution deadline fell in the window, the
 * share resolved at or before it (and not reopened since: a reopen clears the resolution). Left out:
 * tickets closed or withdrawn before the deadline without a resolution, and tickets explained before
 * it (they are reported as explained and discussed as items).
 */
export function resolutionOutcomes<T extends DeadlineFacts>(
  tickets: readonly T[],
  from: Date,
  to: Date,
): { due: T[]; onTime: T[] } {
  const due = tickets.filter(
    (t) =>
      t.duplicateOf === null &&
      t.status !== 'duplicate' &&
      within(t.resolutionDueAt, from, to) &&
      !(t.resolvedAt === null && t.closedAt !== null && t.closedAt <= t.resolutionDueAt) &&
      !(t.status === 'explained' && t.explainedAt !== null && t.explainedAt <= t.resolutionDueAt),
  );
  return { due, onTime: due.filter((t) => t.resolvedAt !== null && t.resolvedAt <= t.resolutionDueAt) };
}

/**
 * Satisfaction: of the reporters' answers given in the window (a rating, a "fixed?" answer, or both),
 * the share that is satisfied: a rating of 4 or 5, or — with no rating — "yes, it is fixed".
 */
function satisfaction(input: Pick<AgendaInput, 'answers'>, from: Date, to: Date): Rate {
  return satisfactionOf(input.answers, from, to);
}

/** {@link satisfaction} over a list of answers (the web console's figures use it too). */
export function satisfactionOf(all: readonly Omit<ReporterAnswer, 'ticketId'>[], from: Date, to: Date): Rate {
  const answers = all.filter((a) => within(a.answeredAt, from, to) && (a.rating !== null || a.fixed !== null));
  const satisfied = answers.filter((a) => (a.rating !== null ? a.rating >= 4 : a.fixed === 'yes'));
  return rate(satisfied.length, answers.length);
}

interface WeekView {
  flows: Flows;
  rates: Rates;
  /** Ticket ids counted in each flow, for the breakdowns. */
  ids: Record<keyof Flows, Set<number>>;
}

/** What the week's figures are counted from: one estate's tickets, events and answers. */
export type FiguresInput = Pick<AgendaInput, 'tickets' | 'events' | 'answers' | 'start' | 'end' | 'asOf'>;

function viewOfWeek(input: FiguresInput, tickets: readonly AgendaTicket[], from: Date, weekEnd: Date): WeekView {
  // Deadlines after the compilation instant have not been missed yet.
  const to = weekEnd < input.asOf ? weekEnd : input.asOf;
  const eventIds = (kind: 'resolved' | 'explained' | 'reopened'): Set<number> =>
    new Set(input.events.filter((e) => e.kind === kind && within(e.at, from, weekEnd)).map((e) => e.ticketId));
  const response = responseOutcomes(tickets, from, to);
  const resolution = resolutionOutcomes(tickets, from, to);
  // Sets, not arrays: a street digest counts tens of thousands of tickets through here.
  const respondedInTime = new Set(response.onTime);
  const resolvedInTime = new Set(resolution.onTime);
  const missed = new Set([
    ...response.due.filter((t) => !respondedInTime.has(t)).map((t) => t.id),
    ...resolution.due.filter((t) => !resolvedInTime.has(t)).map((t) => t.id),
  ]);
  const ids = {
    new: new Set(
      tickets
        .filter((t) => t.duplicateOf === null && t.status !== 'duplicate' && within(t.createdAt, from, weekEnd))
        .map((t) => t.id),
    ),
    resolved: eventIds('resolved'),
    explained: eventIds('explained'),
    reopened: eventIds('reopened'),
    overdue: missed,
  };
  return {
    flows: {
      new: ids.new.size,
      resolved: ids.resolved.size,
      explained: ids.explained.size,
      reopened: ids.reopened.size,
      overdue: ids.overdue.size,
    },
    rates: {
      response: rate(response.onTime.length, response.due.length),
      resolution: rate(resolution.onTime.length, resolution.due.length),
      satisfaction: satisfaction(input, from, to),
    },
    ids,
  };
}

function isOverdueAt(t: AgendaTicket, at: Date): boolean {
  return isActive(t) && ((t.firstResponseAt === null && t.responseDueAt < at) || t.resolutionDueAt < at);
}

/** Hours past the deadline that was missed first (for the "overdue" reason). */
function hoursOverdue(t: AgendaTicket, at: Date): number {
  const deadlines = [t.firstResponseAt === null ? t.responseDueAt : null, t.resolutionDueAt].filter(
    (d): d is Date => d !== null && d < at,
  );
  const earliest = Math.min(...deadlines.map((d) => d.getTime()));
  return Math.floor((at.getTime() - earliest) / HOUR);
}

/** The deadline an active ticket missed first, if it missed one by `at`. */
function firstMissed(t: AgendaTicket, at: Date): Date | undefined {
  const responseMissed = t.responseDueAt < at && (t.firstResponseAt === null || t.firstResponseAt > t.responseDueAt);
  const missed = [responseMissed ? t.responseDueAt : null, t.resolutionDueAt < at ? t.resolutionDueAt : null].filter(
    (d): d is Date => d !== null,
  );
  return missed.length === 0 ? undefined : new Date(Math.min(...missed.map((d) => d.getTime())));
}

/**
 * The week's figures alone (no items, no breakdowns): this week's and last week's flows and rates, and
 * the stocks at `asOf`, counted exactly as the agenda counts them. The street digest compares its
 * estates with these.
 */
export interface WeekFigures {
  thisWeek: Flows;
  lastWeek: Flows;
  stocks: Stocks;
  rates: { thisWeek: Rates; lastWeek: Rates };
}

export function weekFigures(input: FiguresInput): WeekFigures {
  const byId = new Map<number, AgendaTicket>();
  for (const t of input.tickets) byId.set(t.id, t);
  const tickets = [...byId.values()];
  const thisWeek = viewOfWeek(input, tickets, input.start, input.end);
  const lastWeek = viewOfWeek(input, tickets, new Date(input.start.getTime() - 7 * DAY), input.start);
  const active = tickets.filter(isActive);
  return {
    thisWeek: thisWeek.flows,
    lastWeek: lastWeek.flows,
    stocks: { stillOpen: active.length, overdueNow: active.filter((t) => isOverdueAt(t, input.asOf)).length },
    rates: { thisWeek: thisWeek.rates, lastWeek: lastWeek.rates },
  };
}

/**
 * The 督办 items: active tickets that reached a rung above the staff group by `asOf`, with how long each
 * level has had them; the highest level first, then the longest waiting.
 */
export function supervisedItems(
  tickets: readonly AgendaTicket[],
  input: Pick<AgendaInput, 'escalations' | 'asOf'>,
  clean: (t: AgendaTicket, text: string) => string,
): SupervisedItem[] {
  const items: Array<SupervisedItem & { order: number }> = [];
  for (const t of tickets) {
    const rungs = (input.escalations?.get(t.id) ?? [])
      .filter((r) => r.at <= input.asOf)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    if (!isActive(t) || t.duplicateOf !== null || rungs.length === 0) continue;
    const missed = firstMissed(t, input.asOf) ?? rungs[0]!.at;
    const steps: Array<{ level: EscalationLevel; at: Date; recipients?: number }> = [
      { level: 'staff', at: missed < rungs[0]!.at ? missed : rungs[0]!.at },
      ...rungs,
    ];
    const levels = steps.map((s, i) => ({
      level: s.level,
      since: s.at.toISOString(),
      hours: Math.floor(((steps[i + 1]?.at ?? input.asOf).getTime() - s.at.getTime()) / HOUR),
      // The street rung reached with no chat of the street registered: the agenda says nobody was told.
      // (The rungs below are the estate's own roles, which its admin fills; the street is outside it.)
      ...(s.level === 'street' && s.recipients === 0 && { unheard: true as const }),
    }));
    items.push({
      reference: t.reference,
      category: t.category,
      urgent: t.urgency === 'urgent',
      building: t.building,
      spot: t.spot === null ? null : clean(t, t.spot),
      summary: clean(t, t.summary),
      status: t.status,
      dueAt: missed.toISOString(),
      levels,
      order: rungs.length,
    });
  }
  items.sort((a, b) => b.order - a.order || a.dueAt.localeCompare(b.dueAt) || a.reference.localeCompare(b.reference));
  return items.map(({ order: _order, ...item }) => item);
}

/** The 回访 not finished by `asOf`, oldest first, with their tickets' masked texts. */
export function revisitItems(
  tickets: readonly AgendaTicket[],
  input: Pick<AgendaInput, 'revisits' | 'asOf'>,
  clean: (t: AgendaTicket, text: string) => string,
): RevisitItem[] {
  const byId = new Map(tickets.map((t) => [t.id, t]));
  return (input.revisits ?? [])
    .filter((r) => r.requestedAt <= input.asOf && byId.has(r.ticketId))
    .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime())
    .map((r) => {
      const t = byId.get(r.ticketId)!;
      return {
        reference: t.reference,
        category: t.category,
        building: t.building,
        spot: t.spot === null ? null : clean(t, t.spot),
        summary: clean(t, t.summary),
        reason: r.reason,
        rating: r.rating,
        requestedAt: r.requestedAt.toISOString(),
        startedAt: r.startedAt === null || r.startedAt > input.asOf ? null : r.startedAt.toISOString(),
      };
    });
}

function placeKey(t: AgendaTicket): string | undefined {
  if (t.building === null && t.spot === null) return undefined;
  return `${t.category}|${t.building ?? ''}|${t.spot ?? ''}`;
}

function emptyRow(): BreakdownRow {
  return { new: 0, resolved: 0, explained: 0, reopened: 0, overdue: 0, stillOpen: 0 };
}

/**
 * Compiles the agenda of one ISO week: the week in figures (with last week's beside them), the items
 * to discuss ranked with their reasons and proposed lead, the follow-up of the previous meeting's
 * decisions, what each party is asked to do, and the chart's series. A pure function of its input:
 * the same input gives the same agenda. Free text is redacted; no resident is named.
 */
export function compileWeeklyAgenda(input: AgendaInput): Omit<Agenda, 'narrative' | 'narrativeSource'> {
  const byId = new Map<number, AgendaTicket>();
  for (const t of input.tickets) byId.set(t.id, t);
  const tickets = [...byId.values()];
  const clean = (t: AgendaTicket, text: string): string => redactPersonalDetails(text, input.personal.get(t.id) ?? []);
  const place = (t: AgendaTicket): { building: string | null; spot: string | null } => ({
    building: t.building,
    spot: t.spot === null ? null : clean(t, t.spot),
  });

  const lastStart = new Date(input.start.getTime() - 7 * DAY);
  const thisWeek = viewOfWeek(input, tickets, input.start, input.end);
  const lastWeek = viewOfWeek(input, tickets, lastStart, input.start);

  const active = tickets.filter(isActive);
  const stocks: Stocks = {
    stillOpen: active.length,
    overdueNow: active.filter((t) => isOverdueAt(t, input.asOf)).length,
  };

  // Breakdowns by category and building: this week's flows and the stock of open tickets.
  const byCategory = new Map<Category, BreakdownRow>(CATEGORIES.map((c) => [c, emptyRow()]));
  const byBuilding = new Map<string | null, BreakdownRow>();
  const add = (t: AgendaTicket, key: keyof BreakdownRow): void => {
    byCategory.get(t.category)![key]++;
    const building = t.building;
    if (!byBuilding.has(building)) byBuilding.set(building, emptyRow());
    byBuilding.get(building)![key]++;
  };
  for (const key of ['new', 'resolved', 'explained', 'reopened', 'overdue'] as const) {
    for (const id of thisWeek.ids[key]) {
      const t = byId.get(id);
      if (t) add(t, key);
    }
  }
  for (const t of active) add(t, 'stillOpen');
  const total = (r: BreakdownRow): number => r.new + r.resolved + r.explained + r.reopened + r.overdue + r.stillOpen;
  const buildings = [...byBuilding.entries()]
    .filter(([, row]) => total(row) > 0)
    .sort(
      ([a, ra], [b, rb]) =>
        (a === null ? 1 : 0) - (b === null ? 1 : 0) ||
        total(rb) - total(ra) ||
        String(a).localeCompare(String(b), 'zh', { numeric: true }),
    )
    .map(([building, row]) => ({ building, ...row }));

  // Items: active or explained tickets with at least one reason.
  const repeatFrom = new Date(input.end.getTime() - REPEAT_WINDOW_DAYS * DAY);
  const atPlace = new Map<string, AgendaTicket[]>();
  for (const t of tickets) {
    const key = placeKey(t);
    if (
      key === undefined ||
      t.duplicateOf !== null ||
      t.status === 'duplicate' ||
      !within(t.createdAt, repeatFrom, input.end)
    )
      continue;
    atPlace.set(key, [...(atPlace.get(key) ?? []), t]);
  }
  const candidates: AgendaItem[] = [];
  for (const t of tickets) {
    if (t.duplicateOf !== null || !(isActive(t) || t.status === 'explained')) continue;
    const reporters = input.reporters.get(t.id) ?? 1;
    const reasons: Reason[] = [];
    if (isOverdueAt(t, input.asOf)) reasons.push({ kind: 'overdue', count: hoursOverdue(t, input.asOf) });
    if (t.status === 'explained' && t.explanation) reasons.push({ kind: 'explained', text: t.explanation.plan });
    if (isActive(t) && t.reopenedCount > 0) reasons.push({ kind: 'reopened', count: t.reopenedCount });
    const key = placeKey(t);
    const here = key === undefined ? [] : (atPlace.get(key) ?? []);
    const repeats = here.some((o) => o.id === t.id) ? here.length : here.length + 1;
    if (key !== undefined && repeats >= REPEAT_MIN_TICKETS) reasons.push({ kind: 'repeated', count: repeats });
    if (reporters >= MANY_REPORTERS) reasons.push({ kind: 'many_reporters', count: reporters });
    if (reasons.length === 0) continue;
    const ageDays = Math.max(0, Math.floor((input.asOf.getTime() - t.createdAt.getTime()) / DAY));
    candidates.push({
      rank: 0,
      ticketId: t.id,
      reference: t.reference,
      category: t.category,
      urgent: t.urgency === 'urgent',
      building: t.building,
      spot: t.spot,
      summary: t.summary,
      reporters,
      ageDays,
      status: t.status,
      reasons,
      lead: proposeLeadParty(t),
      related: [],
      score: scoreItem(reasons, reporters, t.urgency === 'urgent', ageDays),
    });
  }
  candidates.sort(compareItems);
  // One item per problem: the other open tickets of the same category at the same place fold into the first.
  const items: AgendaItem[] = [];
  const firstAt = new Map<string, AgendaItem>();
  for (const item of candidates) {
    const key = placeKey(byId.get(item.ticketId)!);
    const first = key === undefined ? undefined : firstAt.get(key);
    if (first) {
      first.related.push(item.reference);
      continue;
    }
    if (key !== undefined) firstAt.set(key, item);
    items.push(item);
  }
  // Only the listed items' texts are masked: masking is the costly part, and ranking needs no text.
  const listed = items.slice(0, MAX_ITEMS).map((item, i) => {
    const t = byId.get(item.ticketId)!;
    return {
      ...item,
      ...place(t),
      summary: clean(t, item.summary),
      reasons: item.reasons.map((r) => (r.text === undefined ? r : { ...r, text: clean(t, r.text) })),
      rank: i + 1,
    };
  });

  const supervised = supervisedItems(tickets, input, clean);
  const revisits = revisitItems(tickets, input, clean);

  // The previous meeting's decisions and where they stand.
  const today = localDate(input.asOf, input.timeZone);
  const followUps: FollowUp[] = (input.previous?.decisions ?? []).map((d) => {
    const t = d.ticket;
    const done = t.status === 'resolved' || t.status === 'closed' || t.status === 'duplicate';
    return {
      reference: t.reference,
      category: t.category,
      ...place(t),
      decision: clean(t, d.decision),
      lead: d.lead,
      dueDate: d.dueDate,
      status: t.status,
      state: done ? 'done' : d.dueDate !== null && d.dueDate < today ? 'overdue' : 'pending',
    };
  });

  const asks = Object.fromEntries(
    PARTIES.map((p) => [p, { items: [] as string[], followUps: [] as string[] }]),
  ) as Record<Party, { items: string[]; followUps: string[] }>;
  for (const item of listed) asks[item.lead].items.push(item.reference);
  for (const f of followUps) if (f.state !== 'done') asks[f.lead].followUps.push(f.reference);

  // The chart: new tickets per category in each of the last weeks.
  const weeks: IsoWeek[] = Array.from({ length: CHART_WEEKS }, (_, i) => shiftWeek(input.week, i - CHART_WEEKS + 1));
  const newByCategory = Object.fromEntries(CATEGORIES.map((c) => [c, weeks.map(() => 0)])) as Record<
    Category,
    number[]
  >;
  const chartStart = new Date(input.start.getTime() - (CHART_WEEKS - 1) * 7 * DAY);
  for (const t of tickets) {
    if (t.duplicateOf !== null || t.status === 'duplicate' || !within(t.createdAt, chartStart, input.end)) continue;
    // Weeks are 7 × 24 h except across a daylight-saving change; the floor keeps such a ticket in its week.
    const index = Math.min(CHART_WEEKS - 1, Math.floor((t.createdAt.getTime() - chartStart.getTime()) / (7 * DAY)));
    newByCategory[t.category][index]!++;
  }

  return {
    version: 1,
    week: input.week,
    community: input.community,
    timeZone: input.timeZone,
    start: input.start.toISOString(),
    end: input.end.toISOString(),
    asOf: input.asOf.toISOString(),
    figures: { thisWeek: thisWeek.flows, lastWeek: lastWeek.flows, stocks, lastStocks: input.previous?.stocks ?? null },
    rates: { thisWeek: thisWeek.rates, lastWeek: lastWeek.rates },
    byCategory: CATEGORIES.map((category) => ({ category, ...byCategory.get(category)! })),
    byBuilding: buildings,
    ...(supervised.length > 0 && { supervised }),
    ...(revisits.length > 0 && { revisits }),
    items: listed,
    moreItems: items.length - listed.length,
    previousWeek: input.previous?.week ?? null,
    followUps,
    asks,
    chart: { weeks, newByCategory },
  };
}
