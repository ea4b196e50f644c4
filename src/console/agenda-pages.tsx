import { PARTIES, type Agenda } from '../agenda/agenda.ts';
import { agendaForReaders } from '../agenda/agenda-for-readers.ts';
import type { IsoWeek } from '../agenda/iso-week.ts';
import { periodText, placeText, reasonsText } from '../agenda/render-text.ts';
import { renderSupervised } from '../agenda/render-supervised.ts';
import { consoleMessages } from '../i18n/console-messages.ts';
import { messages } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import { forViewer } from '../privacy/for-viewer.ts';
import type { RecordedDecision } from './console-agenda-reader.ts';
import { ConsolePage, type PageFrame } from './console-page.tsx';
import type { Estate } from '../estates/estate.ts';
import { estateLabel } from './console-scope.ts';

/** The stored agendas, latest first, each opening its page. */
export function AgendaListPage(props: {
  frame: PageFrame;
  agendas: Array<{ week: IsoWeek; estateId: number; compiledAt: Date; items: number; sentAt: Date | null }>;
  /** The estates the session reads, when several (a street's): each agenda names its estate. */
  estates?: Estate[];
  timeZone: string;
}) {
  const c = consoleMessages(props.frame.locale);
  const a = messages(props.frame.locale).agenda;
  return (
    <ConsolePage frame={props.frame} title={c.nav.agenda}>
      <h1>{c.nav.agenda}</h1>
      {props.agendas.length === 0 ? (
        <p class="notice">{c.agendas.none}</p>
      ) : (
        <ul class="tickets" id="agendas">
          {props.agendas.map((g) => {
            const estate = props.estates?.find((e) => e.id === g.estateId);
            return (
              <li>
                <a class="ref" href={`/console/agenda/${g.week}${estate ? `?estate=${estate.code}` : ''}`}>
                  {a.weekName(g.week)}
                </a>{' '}
                {estate && <span class="tag estate">{estateLabel(estate)}</span>}
                <span class="tag">{c.agendas.items(g.items)}</span>
                <span class="tag">{g.sentAt ? c.agendas.sent : c.agendas.notSent}</span>
                <div class="meta">{c.agendas.compiled(formatLocalDateTime(g.compiledAt, props.timeZone))}</div>
              </li>
            );
          })}
        </ul>
      )}
    </ConsolePage>
  );
}

export interface AgendaPageData {
  agenda: Agenda;
  decisions: RecordedDecision[];
  /** The estate's code, when the session reads several estates (the links back and to print carry it). */
  estate?: string;
  /** The decision form's CSRF token, when the member may record decisions. */
  decideCsrf?: string;
  notice?: { text: string; error: boolean };
}

/**
 * One week's agenda for the meeting: masked for readers (as every agenda is), its items with the
 * decisions recorded on them, and — for the committee and the Party branch — a form per item to
 * record the meeting's decision. The header and forms are left out when printed.
 */
export function AgendaPage(props: { frame: PageFrame; data: AgendaPageData; timeZone: string }) {
  const locale = props.frame.locale;
  const c = consoleMessages(locale);
  const m = messages(locale);
  const a = m.agenda;
  const agenda = agendaForReaders(props.data.agenda);
  const supervised = renderSupervised(agenda, locale);
  const decisionsOf = (ticketId: number) => props.data.decisions.filter((d) => d.ticketId === ticketId);
  const title = a.title({ community: agenda.community, week: agenda.week });
  return (
    <ConsolePage frame={props.frame} title={title}>
      <p>
        <a href="/console/agenda">← {c.nav.agenda}</a> ·{' '}
        <a href={`/console/agenda/${agenda.week}/print${props.data.estate ? `?estate=${props.data.estate}` : ''}`}>
          {c.agendas.print}
        </a>
      </p>
      {props.data.notice && <p class={props.data.notice.error ? 'notice error' : 'notice'}>{props.data.notice.text}</p>}
      <h1>{title}</h1>
      <p class="meta">
        {a.meetingOf} · {periodText(agenda, locale)}
      </p>
      {supervised && (
        <section>
          <h2>{supervised.title}</h2>
          <ol>
            {supervised.items.map((item) => (
              <li>
                <strong>{item.head}</strong>
                <ul>
                  {item.levels.map((l) => (
                    <li>{l}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      )}
      <h2>{a.sections.narrative}</h2>
      <p class="notice">{agenda.narrative}</p>
      <h2>{a.sections.items}</h2>
      {agenda.items.length === 0 ? (
        <p>{a.noItems}</p>
      ) : (
        <ol class="tickets items" id="items">
          {agenda.items.map((item) => {
            const decisions = decisionsOf(item.ticketId);
            return (
              <li id={`item-${item.reference}`}>
                <div>
                  <strong>{item.rank}.</strong> {item.urgent && a.urgentMark}
                  <a class="ref" href={`/console/tickets/${item.reference}`}>
                    {item.reference}
                  </a>{' '}
                  {m.categoryName[item.category]} · {placeText(item, locale)}{' '}
                  <span class="tag">
                    {a.columns.lead}: {a.partyName[item.lead]}
                  </span>
                </div>
                <div>{item.summary}</div>
                <div class="meta">
                  {a.columns.reasons}: {reasonsText(item.reasons, locale)}
                </div>
                <div class="meta">
                  {a.columns.reporters} {item.reporters} · {a.columns.age} {a.ageDays(item.ageDays)} ·{' '}
                  {a.columns.status} {m.statusName[item.status]}
                </div>
                <h3>{c.agendas.decisions}</h3>
                {decisions.length === 0 ? (
                  <p class="meta">{c.agendas.noDecisions}</p>
                ) : (
                  <ul class="decisions">
                    {decisions.map((d) => (
                      <li>
                        {forViewer(d.text, 'public')} · {a.partyName[d.lead]}
                        {d.dueDate !== null && ` · ${a.columns.due} ${d.dueDate}`}
                        <span class="meta">
                          {' '}
                          · {d.by ?? ''} {formatLocalDateTime(d.decidedAt, props.timeZone)}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                {props.data.decideCsrf !== undefined && (
                  <form method="post" action={`/console/agenda/${agenda.week}/decide`}>
                    <input type="hidden" name="csrf" value={props.data.decideCsrf} />
                    <input type="hidden" name="reference" value={item.reference} />
                    <div class="grid">
                      <label>
                        {c.agendas.decision}
                        <textarea name="text" required maxlength={1000} />
                      </label>
                      <label>
                        {c.agendas.lead}
                        <select name="lead">
                          {PARTIES.map((p) => (
                            <option value={p} selected={p === item.lead}>
                              {a.partyName[p]}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label>
                        {c.agendas.due}
                        <input type="date" name="due" />
                      </label>
                    </div>
                    <p class="meta">{c.agendas.decideHint}</p>
                    <button type="submit">{c.agendas.decide}</button>
                  </form>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <h2>{a.sections.followUps}</h2>
      {agenda.previousWeek === null ? (
        <p>{a.noPreviousMeeting}</p>
      ) : agenda.followUps.length === 0 ? (
        <p>{a.noFollowUps}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{a.columns.reference}</th>
                <th>{a.columns.place}</th>
                <th>{a.columns.decision}</th>
                <th>{a.columns.lead}</th>
                <th>{a.columns.due}</th>
                <th>{a.columns.progress}</th>
              </tr>
            </thead>
            <tbody>
              {agenda.followUps.map((u) => (
                <tr>
                  <td>{u.reference}</td>
                  <td>{placeText(u, locale)}</td>
                  <td>{u.decision}</td>
                  <td>{a.partyName[u.lead]}</td>
                  <td>{u.dueDate ?? a.noValue}</td>
                  <td>
                    {a.followUpState[u.state]} ({m.statusName[u.status]})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ConsolePage>
  );
}
