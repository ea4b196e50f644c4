import type { Child } from 'hono/jsx';
import { consoleMessages } from '../i18n/console-messages.ts';
import { messages } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { Member } from '../members/member.ts';
import type { TicketEvent } from '../tickets/ticket.ts';
import { ConsolePage, type PageFrame } from './console-page.tsx';
import type { ListedTicket, StoredAttachment } from './console-ticket-reader.ts';
import { isOverdue } from './overdue.ts';
import type { Viewer } from './viewer.ts';

export interface TicketPageData {
  listed: ListedTicket;
  events: TicketEvent[];
  attachments: StoredAttachment[];
  members: ReadonlyMap<number, Member>;
  now: Date;
  timeZone: string;
  /** The list's filter, to go back to the same page of results. */
  backQuery: string;
  /** A notice above the ticket (the outcome of an action). */
  notice?: { text: string; error: boolean };
}

/** The words of a history entry: a reply or note, a resolution note, an explanation, a decision. */
function eventText(data: Record<string, unknown>): string | undefined {
  for (const key of ['text', 'note', 'decision'] as const) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  if (typeof data.reason === 'string')
    return typeof data.plan === 'string' ? `${data.reason} | ${data.plan}` : data.reason;
  return undefined;
}

/** Whom or what a staff action pointed at: the assignee, the ticket merged into or from. */
function eventTarget(e: TicketEvent, memberName: (id: number) => string): string | undefined {
  const reference = typeof e.data.reference === 'string' ? e.data.reference : undefined;
  if (e.kind === 'assigned' && typeof e.data.to === 'number') return `→ ${memberName(e.data.to)}`;
  if (e.kind === 'merged_into' && reference) return `→ ${reference}`;
  if (e.kind === 'merged' && reference) return `← ${reference}`;
  return undefined;
}

/** Is this attachment's content something the console shows (a downloaded file)? */
export function isServable(attachment: StoredAttachment): boolean {
  return (
    attachment.path !== null && !attachment.path.startsWith('unavailable:') && !attachment.path.startsWith('skipped:')
  );
}

/** One ticket: its facts and deadlines, masked texts, photos, history; `actions` below when the member may act. */
export function TicketPage(props: { frame: PageFrame; viewer: Viewer; data: TicketPageData; actions?: Child }) {
  const { frame, viewer, data } = props;
  const c = consoleMessages(frame.locale);
  const m = messages(frame.locale);
  const t = data.listed.ticket;
  const when = (at: Date | null) => (at === null ? c.ticket.notYet : formatLocalDateTime(at, data.timeZone));
  const overdue = isOverdue(t, data.now);
  const responseLate = t.firstResponseAt === null && t.responseDueAt < data.now && overdue;
  const resolutionLate = t.resolutionDueAt < data.now && overdue;
  const assignee = t.assigneeId === null ? undefined : data.members.get(t.assigneeId);
  const photos = data.attachments.filter((a) => a.kind === 'photo' || a.kind === 'image');
  const recordings = data.attachments.filter((a) => a.kind === 'audio');
  const memberName = (id: number): string => {
    const member = data.members.get(id);
    return member?.displayName ?? (member ? m.staff.roleName[member.role] : `#${id}`);
  };
  return (
    <ConsolePage frame={frame} title={t.reference}>
      <p>
        <a href={`/console/${data.backQuery ? `?${data.backQuery}` : ''}`}>← {c.ticket.back}</a>
      </p>
      {data.notice && <p class={data.notice.error ? 'notice error' : 'notice'}>{data.notice.text}</p>}
      <h1>
        <span class="ref">{t.reference}</span> <span class="tag">{m.statusName[t.status]}</span>
        <span class="tag">{m.categoryName[t.category]}</span>
        {t.urgency === 'urgent' && (
          <span class="tag warn">
            {t.hazard ? `${m.urgencyName.urgent} · ${m.hazardName[t.hazard]}` : m.urgencyName.urgent}
          </span>
        )}
        {overdue && <span class="tag warn">{c.ticket.overdue}</span>}
      </h1>
      <dl class="facts">
        <dt>{c.ticket.summary}</dt>
        <dd id="summary">{viewer.text(t.summary)}</dd>
        <dt>{c.ticket.place}</dt>
        <dd>{viewer.place(t.place) || c.ticket.noPlace}</dd>
        <dt>{c.ticket.reporters}</dt>
        <dd id="reporters">{data.listed.reporters}</dd>
        <dt>{c.ticket.assignee}</dt>
        <dd>{assignee ? (assignee.displayName ?? `#${assignee.id}`) : c.filters.unassigned}</dd>
        <dt>{c.ticket.created}</dt>
        <dd>{when(t.createdAt)}</dd>
        <dt>{c.ticket.responseDue}</dt>
        <dd>
          {when(t.responseDueAt)}
          {responseLate && <span class="tag warn">{c.ticket.overdue}</span>}
        </dd>
        <dt>{c.ticket.firstResponse}</dt>
        <dd>{when(t.firstResponseAt)}</dd>
        <dt>{c.ticket.resolutionDue}</dt>
        <dd>
          {when(t.resolutionDueAt)}
          {resolutionLate && <span class="tag warn">{c.ticket.overdue}</span>}
        </dd>
        <dt>{c.ticket.resolvedAt}</dt>
        <dd>{when(t.resolvedAt)}</dd>
        {t.explanation && (
          <>
            <dt>{c.ticket.reason}</dt>
            <dd>{viewer.text(t.explanation.reason, 'staff')}</dd>
            <dt>{c.ticket.plan}</dt>
            <dd>{viewer.text(t.explanation.plan, 'staff')}</dd>
          </>
        )}
        <dt>{c.ticket.description}</dt>
        <dd id="description">{viewer.text(t.description)}</dd>
      </dl>
      {props.actions}
      <h2>{c.ticket.photos}</h2>
      {photos.length === 0 ? (
        <p>{c.ticket.noPhotos}</p>
      ) : (
        <div class="photos">
          {photos.map((a) =>
            isServable(a) ? (
              <a href={`/console/attachments/${a.id}`}>
                <img
                  src={`/console/attachments/${a.id}`}
                  alt={`${t.reference} ${c.ticket.photos} ${a.id}`}
                  loading="lazy"
                />
              </a>
            ) : (
              <span class="meta">{c.ticket.photoUnavailable}</span>
            ),
          )}
        </div>
      )}
      {recordings.length > 0 && (
        <>
          <h2>{c.ticket.recordings}</h2>
          <ul class="recordings">
            {recordings.map((a) => (
              <li>
                {isServable(a) ? (
                  <audio controls preload="none" src={`/console/attachments/${a.id}`} />
                ) : (
                  <span class="meta">{c.ticket.recordingUnavailable}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{c.ticket.history}</h2>
      <ol class="history">
        {data.events.map((e) => {
          const text = eventText(e.data);
          const about = eventTarget(e, memberName);
          const by = e.actor.kind === 'member' ? memberName(e.actor.id) : m.staff.actorName[e.actor.kind];
          return (
            <li>
              <span class="meta">{formatLocalDateTime(e.createdAt, data.timeZone)}</span>{' '}
              <strong>{m.staff.eventKindName[e.kind] ?? e.kind}</strong>
              {about !== undefined && ` ${about}`} · {by}
              {text !== undefined && <div>{viewer.text(text, e.actor.kind === 'member' ? 'staff' : 'resident')}</div>}
            </li>
          );
        })}
      </ol>
    </ConsolePage>
  );
}
