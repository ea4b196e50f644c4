import type { Rates } from '../agenda/agenda.ts';
import { rate, resolutionOutcomes, responseOutcomes, satisfactionOf, type DeadlineFacts } from '../agenda/compile.ts';
import { isoWeekOf, shiftWeek, weekBounds, type IsoWeek } from '../agenda/iso-week.ts';
import { CATEGORIES, type Category } from '../tickets/category.ts';

/** Buildings in the order people count them (2号楼 before 10号楼); one collator, made once. */
const BUILDING_ORDER = new Intl.Collator('zh', { numeric: true });

/** Weeks the figures page covers, this one included. */
export const FIGURE_WEEKS = 12;

export interface FigureWeek {
  week: IsoWeek;
  start: Date;
  end: Date;
}

/** The twelve weeks up to and including the one `at` falls in, oldest first. */
export function figureWeeks(at: Date, timeZone: string, count = FIGURE_WEEKS): FigureWeek[] {
  const last = isoWeekOf(at, timeZone);
  return Array.from({ length: count }, (_, i) => {
    const week = shiftWeek(last, i - count + 1);
    return { week, ...weekBounds(week, timeZone) };
  });
}

/** What the figures are computed from, read for the weeks' span only (see `ConsoleFiguresReader`). */
export interface FiguresRows {
  /** Tickets created in the span, merged duplicates left out. */
  created: Array<{ createdAt: Date; category: Category; building: string | null }>;
  /** Tickets with a response or resolution deadline in the span, merged duplicates included (the rates leave them out). */
  deadlines: Array<DeadlineFacts & { id: number }>;
  /** Resolutions and explanations in the span. */
  events: Array<{ ticketId: number; kind: 'resolved' | 'explained'; at: Date }>;
  /** Reporters' answers ("fixed?", ratings) given in the span. */
  answers: Array<{ fixed: 'yes' | 'no' | null; rating: number | null; answeredAt: Date }>;
  /** Tickets active now, grouped by category and building, with how many are past a deadline now. */
  open: Array<{ category: Category; building: string | null; open: number; overdue: number }>;
}

export interface WeekFigures extends FigureWeek {
  new: number;
  newByCategory: Record<Category, number>;
  resolved: number;
  explained: number;
  rates: Rates;
}

export interface BreakdownFigures {
  /** Created in the twelve weeks. */
  new: number;
  /** Active now, and of those past a deadline. */
  open: number;
  overdue: number;
}

export interface Figures {
  asOf: Date;
  weeks: WeekFigures[];
  /** The whole span: counts and the three rates. */
  total: Omit<WeekFigures, keyof FigureWeek>;
  openNow: number;
  overdueNow: number;
  byCategory: Array<BreakdownFigures & { category: Category }>;
  /** Busiest first; `building` null gathers tickets without one. */
  byBuilding: Array<BreakdownFigures & { building: string | null }>;
}

/**
 * The figures page: per week and over the span, new, resolved and explained tickets and the three
 * rates with the weekly agenda's own definitions (`responseOutcomes`, `resolutionOutcomes`,
 * `satisfactionOf`); counts by category and building. Deadlines after `asOf` are not missed yet. Pure.
 */
export function computeFigures(weeks: readonly FigureWeek[], rows: FiguresRows, asOf: Date): Figures {
  const first = weeks[0]!;
  const last = weeks[weeks.length - 1]!;
  // Each row is put in its week once (a binary search over the weeks' starts), then each week's
  // figures are computed over its own rows only: the cost grows with the rows, not rows × weeks.
  const weekOf = (at: Date): number => {
    const t = at.getTime();
    if (t < first.start.getTime() || t >= last.end.getTime()) return -1;
    let lo = 0;
    let hi = weeks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (weeks[mid]!.start.getTime() <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const buckets = <T>(list: readonly T[], at: (item: T) => Date): T[][] => {
    const out: T[][] = weeks.map(() => []);
    for (const item of list) {
      const i = weekOf(at(item));
      if (i >= 0) out[i]!.push(item);
    }
    return out;
  };
  const created = buckets(rows.created, (t) => t.createdAt);
  const responseDue = buckets(rows.deadlines, (t) => t.responseDueAt);
  const resolutionDue = buckets(rows.deadlines, (t) => t.resolutionDueAt);
  const events = buckets(rows.events, (e) => e.at);
  const answers = buckets(rows.answers, (a) => a.answeredAt);

  const ratesOf = (
    response: FiguresRows['deadlines'],
    resolution: FiguresRows['deadlines'],
    given: FiguresRows['answers'],
    from: Date,
    end: Date,
  ): Rates => {
    const to = end < asOf ? end : asOf;
    const r = responseOutcomes(response, from, to);
    const s = resolutionOutcomes(resolution, from, to);
    return {
      response: rate(r.onTime.length, r.due.length),
      resolution: rate(s.onTime.length, s.due.length),
      satisfaction: satisfactionOf(given, from, to),
    };
  };
  const countsOf = (made: FiguresRows['created'], happened: FiguresRows['events']) => {
    const newByCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
    for (const t of made) newByCategory[t.category]++;
    const tickets = (kind: 'resolved' | 'explained') =>
      new Set(happened.filter((e) => e.kind === kind).map((e) => e.ticketId)).size;
    return { new: made.length, newByCategory, resolved: tickets('resolved'), explained: tickets('explained') };
  };
  const everything = <T>(lists: T[][]): T[] => lists.flat();

  const byCategory = new Map<Category, BreakdownFigures>(CATEGORIES.map((c) => [c, { new: 0, open: 0, overdue: 0 }]));
  const byBuilding = new Map<string | null, BreakdownFigures>();
  const row = (building: string | null) => {
    let found = byBuilding.get(building);
    if (!found) byBuilding.set(building, (found = { new: 0, open: 0, overdue: 0 }));
    return found;
  };
  for (const t of rows.created) {
    byCategory.get(t.category)!.new++;
    row(t.building).new++;
  }
  for (const g of rows.open) {
    const c = byCategory.get(g.category)!;
    const b = row(g.building);
    c.open += g.open;
    c.overdue += g.overdue;
    b.open += g.open;
    b.overdue += g.overdue;
  }
  return {
    asOf,
    weeks: weeks.map((w, i) => ({
      ...w,
      ...countsOf(created[i]!, events[i]!),
      rates: ratesOf(responseDue[i]!, resolutionDue[i]!, answers[i]!, w.start, w.end),
    })),
    total: {
      ...countsOf(everything(created), everything(events)),
      rates: ratesOf(everything(responseDue), everything(resolutionDue), everything(answers), first.start, last.end),
    },
    openNow: rows.open.reduce((n, g) => n + g.open, 0),
    overdueNow: rows.open.reduce((n, g) => n + g.overdue, 0),
    byCategory: CATEGORIES.map((category) => ({ category, ...byCategory.get(category)! })),
    byBuilding: [...byBuilding]
      .map(([building, figures]) => ({ building, ...figures }))
      .sort(
        (a, b) =>
          b.new + b.open - (a.new + a.open) ||
          (a.building === null ? 1 : b.building === null ? -1 : BUILDING_ORDER.compare(a.building, b.building)),
      ),
  };
}
