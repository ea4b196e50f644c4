import type { Rates } from '../agenda/agenda.ts';
import { rate, resolutionOutcomes, responseOutcomes, satisfactionOf, type DeadlineFacts } from '../agenda/compile.ts';
import { isoWeekOf, shiftWeek, weekBounds, type IsoWeek } from '../agenda/iso-week.ts';
import { CATEGORIES, type Category } from '../tickets/category.ts';

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
  const within = (at: Date, from: Date, to: Date) => at >= from && at < to;
  const ratesOf = (from: Date, end: Date): Rates => {
    const to = end < asOf ? end : asOf;
    const response = responseOutcomes(rows.deadlines, from, to);
    const resolution = resolutionOutcomes(rows.deadlines, from, to);
    return {
      response: rate(response.onTime.length, response.due.length),
      resolution: rate(resolution.onTime.length, resolution.due.length),
      satisfaction: satisfactionOf(rows.answers, from, to),
    };
  };
  const countsOf = (from: Date, to: Date) => {
    const tickets = (kind: 'resolved' | 'explained') =>
      new Set(rows.events.filter((e) => e.kind === kind && within(e.at, from, to)).map((e) => e.ticketId)).size;
    const created = rows.created.filter((t) => within(t.createdAt, from, to));
    const newByCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
    for (const t of created) newByCategory[t.category]++;
    return {
      new: created.length,
      newByCategory,
      resolved: tickets('resolved'),
      explained: tickets('explained'),
    };
  };
  const first = weeks[0]!;
  const last = weeks[weeks.length - 1]!;

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
    weeks: weeks.map((w) => ({ ...w, ...countsOf(w.start, w.end), rates: ratesOf(w.start, w.end) })),
    total: { ...countsOf(first.start, last.end), rates: ratesOf(first.start, last.end) },
    openNow: rows.open.reduce((n, g) => n + g.open, 0),
    overdueNow: rows.open.reduce((n, g) => n + g.overdue, 0),
    byCategory: CATEGORIES.map((category) => ({ category, ...byCategory.get(category)! })),
    byBuilding: [...byBuilding]
      .map(([building, figures]) => ({ building, ...figures }))
      .sort(
        (a, b) =>
          b.new + b.open - (a.new + a.open) ||
          (a.building === null
            ? 1
            : b.building === null
              ? -1
              : a.building.localeCompare(b.building, 'zh', { numeric: true })),
      ),
  };
}
