import type { Locale } from '../i18n/catalog.ts';
import { consoleMessages } from '../i18n/console-messages.ts';
import { messages } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { Member } from '../members/member.ts';
import { CATEGORIES } from '../tickets/category.ts';
import { STATUSES } from '../tickets/status.ts';
import { ConsolePage, type PageFrame } from './console-page.tsx';
import type { ListedTicket } from './console-ticket-reader.ts';
import { isOverdue } from './overdue.ts';
import { SORTS, ticketFilterQuery, type TicketFilter } from './ticket-filter.ts';
import type { Viewer } from './viewer.ts';
import type { Estate } from '../estates/estate.ts';
import { estateLabel } from './console-scope.ts';

export interface TicketsPageData {
  filter: TicketFilter;
  tickets: ListedTicket[];
  total: number;
  /** False when counting stopped at `total` (there are more). */
  exact: boolean;
  page: number;
  pageSize: number;
  buildings: string[];
  assignees: Member[];
  now: Date;
  timeZone: string;
  /** The estates the session reads, when several (a street's): the filter offers them and each ticket names its own. */
  estates?: Estate[];
}

function Option(props: { value: string; selected: boolean; label: string }) {
  return (
    <option value={props.value} selected={props.selected}>
      {props.label}
    </option>
  );
}

function cut(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** The tickets page: the filter form, the count, exports, one card per ticket, pages. */
export function TicketsPage(props: { frame: PageFrame; viewer: Viewer; data: TicketsPageData }) {
  const locale: Locale = props.frame.locale;
  const c = consoleMessages(locale);
  const m = messages(locale);
  const { filter, data } = { filter: props.data.filter, data: props.data };
  const f = c.filters;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const hasNext = data.page * data.pageSize < data.total;
  const active = ticketFilterQuery(filter) !== '';
  const query = ticketFilterQuery(filter);
  return (
    <ConsolePage frame={props.frame} title={c.nav.tickets}>
      <details class="filters" open={active}>
        <summary>{f.legend}</summary>
        <form method="get" action="/console/">
          <div class="grid">
            {data.estates && (
              <label>
                {f.estate}
                <select name="estate">
                  <Option value="" selected={!filter.estate} label={f.any} />
                  {data.estates.map((e) => (
                    <Option value={e.code} selected={filter.estate === e.code} label={estateLabel(e)} />
                  ))}
                </select>
              </label>
            )}
            <label>
              {f.search}
              <input type="search" name="q" value={filter.search ?? ''} placeholder={f.searchHint} maxlength={100} />
            </label>
            <label>
              {f.category}
              <select name="category">
                <Option value="" selected={!filter.category} label={f.any} />
                {CATEGORIES.map((k) => (
                  <Option value={k} selected={filter.category === k} label={m.categoryName[k]} />
                ))}
              </select>
            </label>
            <label>
              {f.status}
              <select name="status">
                <Option value="" selected={!filter.status} label={f.any} />
                {STATUSES.map((s) => (
                  <Option value={s} selected={filter.status === s} label={m.statusName[s]} />
                ))}
              </select>
            </label>
            <label>
              {f.building}
              <select name="building">
                <Option value="" selected={!filter.building} label={f.any} />
                <Option value="none" selected={filter.building === 'none'} label={f.noBuilding} />
                {data.buildings.map((b) => (
                  <Option
                    value={b}
                    selected={filter.building === b}
                    label={props.viewer.place({ building: b, text: '' }) || b}
                  />
                ))}
              </select>
            </label>
            <label>
              {f.assignee}
              <select name="assignee">
                <Option value="" selected={filter.assignee === undefined} label={f.any} />
                <Option value="none" selected={filter.assignee === 'none'} label={f.unassigned} />
                {data.assignees.map((a) => (
                  <Option
                    value={String(a.id)}
                    selected={filter.assignee === a.id}
                    label={a.displayName ?? `#${a.id}`}
                  />
                ))}
              </select>
            </label>
            <label>
              {f.from}
              <input type="date" name="from" value={filter.from ?? ''} />
            </label>
            <label>
              {f.to}
              <input type="date" name="to" value={filter.to ?? ''} />
            </label>
            <label>
              {f.sort}
              <select name="sort">
                {SORTS.map((s) => (
                  <Option value={s} selected={filter.sort === s} label={f.sortName[s]} />
                ))}
              </select>
            </label>
            <label class="check">
              <input type="checkbox" name="overdue" value="1" checked={filter.overdue === true} />
              {f.overdue}
            </label>
            <label class="check">
              <input type="checkbox" name="urgent" value="1" checked={filter.urgent === true} />
              {f.urgent}
            </label>
          </div>
          <button type="submit">{f.apply}</button>{' '}
          <a class="button light" href="/console/">
            {f.clear}
          </a>
        </form>
      </details>
      <div class="bar">
        <strong id="count">{data.exact ? c.list.count(data.total) : c.list.countAtLeast(data.total)}</strong>
        <span>
          <a class="button light" href={`/console/export.csv${query ? `?${query}` : ''}`}>
            {c.list.exportCsv}
          </a>{' '}
          <a class="button light" href={`/console/export.xlsx${query ? `?${query}` : ''}`}>
            {c.list.exportXlsx}
          </a>
        </span>
      </div>
      {data.tickets.length === 0 ? (
        <p class="notice">{c.list.empty}</p>
      ) : (
        <ul class="tickets">
          {data.tickets.map(({ ticket: t, reporters }) => {
            const place = props.viewer.place(t.place);
            const estate = data.estates?.find((e) => e.id === t.estateId);
            return (
              <li class={t.urgency === 'urgent' ? 'urgent' : undefined}>
                <a class="ref" href={`/console/tickets/${t.reference}`}>
                  {t.reference}
                </a>{' '}
                {estate && <span class="tag estate">{estateLabel(estate)}</span>}
                <span class="tag">{m.statusName[t.status]}</span>
                <span class="tag">{m.categoryName[t.category]}</span>
                {t.urgency === 'urgent' && <span class="tag warn">{m.urgencyName.urgent}</span>}
                {isOverdue(t, data.now) && <span class="tag warn">{c.list.overdueMark}</span>}
                <div>{cut(props.viewer.text(t.summary), 120)}</div>
                <div class="meta">
                  {place && `${c.list.columns.place}: ${place} · `}
                  {`${c.list.columns.reporters}: ${reporters} · ${c.list.columns.created}: ${formatLocalDateTime(t.createdAt, data.timeZone)} · ${c.list.columns.due}: ${formatLocalDateTime(t.resolutionDueAt, data.timeZone)}`}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {(pages > 1 || data.page > 1) && (
        <div class="bar">
          {data.page > 1 ? (
            <a
              class="button light"
              rel="prev"
              href={`/console/?${ticketFilterQuery(filter, { page: String(data.page - 1) })}`}
            >
              {c.list.previous}
            </a>
          ) : (
            <span />
          )}
          <span>{data.exact ? c.list.page({ page: data.page, pages }) : c.list.pageOnly(data.page)}</span>
          {hasNext ? (
            <a
              class="button light"
              rel="next"
              href={`/console/?${ticketFilterQuery(filter, { page: String(data.page + 1) })}`}
            >
              {c.list.next}
            </a>
          ) : (
            <span />
          )}
        </div>
      )}
    </ConsolePage>
  );
}
