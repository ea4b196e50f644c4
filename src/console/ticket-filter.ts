import { localMidnight } from '../agenda/iso-week.ts';
import { isCategory, type Category } from '../tickets/category.ts';
import { isStatus, type Status } from '../tickets/status.ts';

export const SORTS = ['newest', 'oldest', 'updated', 'due'] as const;
export type Sort = (typeof SORTS)[number];

/**
 * The console's ticket filter, as the query string carries it (so a filtered page, its export and a
 * bookmark are the same URL). Dates are local civil dates of TIMEZONE, `to` included.
 */
export interface TicketFilter {
  /** An estate code: one of the estates a session reads (a street's); the others are left out. */
  estate?: string;
  category?: Category;
  status?: Status;
  /** A building number as tickets store it (`3`), or `none` for tickets without one. */
  building?: string;
  overdue?: boolean;
  urgent?: boolean;
  /** A member id, or `none` for unassigned tickets. */
  assignee?: number | 'none';
  /** `YYYY-MM-DD`: created on or after that day. */
  from?: string;
  /** `YYYY-MM-DD`: created on or before that day. */
  to?: string;
  search?: string;
  sort: Sort;
}

const ESTATE_CODE = /^[a-z0-9]+(?:-[a-z0-9]+){0,10}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(value: string | undefined): string | undefined {
  const m = value === undefined ? null : DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? value : undefined;
}

/** Reads a filter from query parameters; what is not understood is left out (never an error page). */
export function parseTicketFilter(query: URLSearchParams): TicketFilter {
  const get = (name: string): string | undefined => {
    const value = query.get(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const estate = get('estate');
  const category = get('category');
  const status = get('status');
  const building = get('building');
  const assignee = get('assignee');
  const search = get('q');
  const sort = get('sort');
  const from = validDate(get('from'));
  const to = validDate(get('to'));
  return {
    ...(estate !== undefined && ESTATE_CODE.test(estate) && { estate }),
    ...(isCategory(category) && { category }),
    ...(isStatus(status) && { status }),
    ...(building !== undefined && /^(none|[\w\u4e00-\u9fff-]{1,20})$/u.test(building) && { building }),
    ...(get('overdue') === '1' && { overdue: true }),
    ...(get('urgent') === '1' && { urgent: true }),
    ...(assignee === 'none'
      ? { assignee: 'none' as const }
      : assignee !== undefined && /^\d{1,9}$/.test(assignee)
        ? { assignee: Number(assignee) }
        : {}),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
    ...(search !== undefined && { search: search.slice(0, 100) }),
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'newest',
  };
}

/** The query string of a filter (without `?`), the inverse of {@link parseTicketFilter}. */
export function ticketFilterQuery(filter: TicketFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filter.estate) params.set('estate', filter.estate);
  if (filter.category) params.set('category', filter.category);
  if (filter.status) params.set('status', filter.status);
  if (filter.building) params.set('building', filter.building);
  if (filter.overdue) params.set('overdue', '1');
  if (filter.urgent) params.set('urgent', '1');
  if (filter.assignee !== undefined) params.set('assignee', String(filter.assignee));
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.search) params.set('q', filter.search);
  if (filter.sort !== 'newest') params.set('sort', filter.sort);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** The instants a filter's dates stand for in a time zone: `[from, to)` with `to` the next midnight. */
export function dateRange(filter: TicketFilter, timeZone: string): { from?: Date; to?: Date } {
  const midnight = (date: string, plusDays = 0): Date => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const next = new Date(Date.UTC(y, m - 1, d + plusDays));
    return localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
  };
  return {
    ...(filter.from && { from: midnight(filter.from) }),
    ...(filter.to && { to: midnight(filter.to, 1) }),
  };
}
