import type { AgendaInput, Flows, Rate, Rates, Stocks, SupervisedItem } from './agenda.ts';
import { supervisedItems, weekFigures, type WeekFigures } from './compile.ts';
import type { IsoWeek } from './iso-week.ts';
import { redactPersonalDetails } from '../privacy/redact.ts';

/**
 * The street digest (街道周报): the estates of one street side by side for a week — what came in, what
 * was resolved, explained, overdue, the three rates beside last week's, the estates ranked, and the
 * tickets that climbed the escalation ladder up to the street. Figures and masked summaries only
 * (DESIGN §6): no resident is named.
 */

/** The rungs at which a ticket is the street's business: the Party branch's, whose escalation the street hears of (DESIGN §7), or the street's own. */
const STREET_RUNGS: readonly string[] = ['party_branch', 'street'];

/** One estate's week, as loaded for the digest. */
export interface EstateWeekInput {
  code: string;
  name: string;
  community: string | null;
  /** The week's figures, counted exactly as the estate's own agenda counts them ({@link weekFigures}). */
  figures: WeekFigures;
  /**
   * The active tickets that climbed the escalation ladder (at least those that reached the Party
   * branch), their rungs, and what identifies their reporters (scrubbed from their texts).
   */
  escalated: Pick<AgendaInput, 'tickets' | 'escalations' | 'personal'>;
}

/**
 * An estate's week from its tickets, events and answers, counted by the agenda's own code: how the
 * tests, and any caller holding the rows, build the digest's input.
 */
export function estateWeek(
  estate: { code: string; name: string; community: string | null } & Pick<
    AgendaInput,
    'tickets' | 'events' | 'answers' | 'escalations' | 'personal'
  >,
  bounds: Pick<AgendaInput, 'start' | 'end' | 'asOf'>,
): EstateWeekInput {
  return {
    code: estate.code,
    name: estate.name,
    community: estate.community,
    figures: weekFigures({ ...estate, start: bounds.start, end: bounds.end, asOf: bounds.asOf }),
    escalated: { tickets: estate.tickets, escalations: estate.escalations, personal: estate.personal },
  };
}

/** Everything the street digest is compiled from. */
export interface StreetDigestInput {
  street: string;
  week: IsoWeek;
  timeZone: string;
  start: Date;
  end: Date;
  asOf: Date;
  estates: readonly EstateWeekInput[];
}

/** One estate's line in the digest. */
export interface EstateFigures {
  /** 1 = best; estates with nothing to rate share the last places in code order. */
  rank: number;
  code: string;
  name: string;
  community: string | null;
  thisWeek: Flows;
  lastWeek: Flows;
  stocks: Stocks;
  rates: { thisWeek: Rates; lastWeek: Rates };
  /** The mean of this week's rates that have a value (0..1), or null when none has: what the rank follows. */
  score: number | null;
  /** Tickets of this estate escalated to the street and still open. */
  escalated: number;
}

/** A ticket that climbed the ladder to the street, still open: the street's 督办 item. */
export interface StreetEscalation extends SupervisedItem {
  estate: string;
  estateName: string;
}

/** The compiled digest; every renderer reads only this. */
export interface StreetDigest {
  version: 1;
  kind: 'street';
  street: string;
  week: IsoWeek;
  timeZone: string;
  start: string;
  end: string;
  asOf: string;
  /** Ranked, best first. */
  estates: EstateFigures[];
  /** The street as a whole: flows and stocks added up, rates over the pooled counts. */
  total: { thisWeek: Flows; lastWeek: Flows; stocks: Stocks; rates: { thisWeek: Rates; lastWeek: Rates } };
  /** Highest rung first, then the longest waiting. */
  escalated: StreetEscalation[];
}

const FLOWS = ['new', 'resolved', 'explained', 'reopened', 'overdue'] as const;
const RATES = ['response', 'resolution', 'satisfaction'] as const;

function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

function sumFlows(list: readonly Flows[]): Flows {
  const total: Flows = { new: 0, resolved: 0, explained: 0, reopened: 0, overdue: 0 };
  for (const f of list) for (const k of FLOWS) total[k] += f[k];
  return total;
}

function poolRates(list: readonly Rates[]): Rates {
  const pooled = (k: (typeof RATES)[number]): Rate =>
    rate(
      list.reduce((n, r) => n + r[k].numerator, 0),
      list.reduce((n, r) => n + r[k].denominator, 0),
    );
  return { response: pooled('response'), resolution: pooled('resolution'), satisfaction: pooled('satisfaction') };
}

function score(rates: Rates): number | null {
  const values = RATES.map((k) => rates[k].value).filter((v): v is number => v !== null);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Compiles the street digest of a week. A pure function of its input; each estate's figures are
 * counted by the same code as its own agenda's (see {@link weekFigures}), so the two never disagree.
 * Estates are ranked by the mean of their three rates this week; ties go to fewer overdue, then more
 * resolved, then the code.
 */
export function compileStreetDigest(input: StreetDigestInput): StreetDigest {
  const escalated: StreetEscalation[] = [];
  const lines = input.estates.map((estate) => {
    const { figures, escalated: candidates } = estate;
    const clean = (t: { id: number }, text: string): string =>
      redactPersonalDetails(text, candidates.personal.get(t.id) ?? []);
    const mine = supervisedItems(candidates.tickets, { escalations: candidates.escalations, asOf: input.asOf }, clean)
      .filter((s) => s.levels.some((l) => STREET_RUNGS.includes(l.level)))
      .map((s) => ({ ...s, estate: estate.code, estateName: estate.name }));
    escalated.push(...mine);
    return {
      rank: 0,
      code: estate.code,
      name: estate.name,
      community: estate.community,
      ...figures,
      score: score(figures.rates.thisWeek),
      escalated: mine.length,
    };
  });
  lines.sort(
    (a, b) =>
      (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) ||
      (b.score ?? 0) - (a.score ?? 0) ||
      a.thisWeek.overdue - b.thisWeek.overdue ||
      b.thisWeek.resolved - a.thisWeek.resolved ||
      a.code.localeCompare(b.code),
  );
  lines.forEach((line, i) => (line.rank = i + 1));
  // Highest rung first (the street's own above the Party branch's), then the longest waiting.
  const top = (s: StreetEscalation): number => Math.max(...s.levels.map((l) => STREET_RUNGS.indexOf(l.level)));
  escalated.sort((a, b) => top(b) - top(a) || a.dueAt.localeCompare(b.dueAt) || a.reference.localeCompare(b.reference));
  return {
    version: 1,
    kind: 'street',
    street: input.street,
    week: input.week,
    timeZone: input.timeZone,
    start: input.start.toISOString(),
    end: input.end.toISOString(),
    asOf: input.asOf.toISOString(),
    estates: lines,
    total: {
      thisWeek: sumFlows(lines.map((l) => l.thisWeek)),
      lastWeek: sumFlows(lines.map((l) => l.lastWeek)),
      stocks: {
        stillOpen: lines.reduce((n, l) => n + l.stocks.stillOpen, 0),
        overdueNow: lines.reduce((n, l) => n + l.stocks.overdueNow, 0),
      },
      rates: {
        thisWeek: poolRates(lines.map((l) => l.rates.thisWeek)),
        lastWeek: poolRates(lines.map((l) => l.rates.lastWeek)),
      },
    },
    escalated,
  };
}
