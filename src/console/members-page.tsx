import { raw } from 'hono/html';
import { consoleMessages } from '../i18n/console-messages.ts';
import { messages } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import { ROLES, type Member, type Role } from '../members/member.ts';
import type { MemberActivity } from './console-ticket-reader.ts';
import { ConsolePage, type PageFrame } from './console-page.tsx';

export interface MembersPageData {
  members: Member[];
  activity: MemberActivity[];
  csrf: string;
  /** The signed-in admin's own member ids (no revoke button on those). */
  self: ReadonlySet<number>;
  /** A code just made: shown on this one response, with its QR code (SVG markup from `qrcode`). */
  invite?: { code: string; role: Role; expiresAt: Date; qrSvg: string };
  notice?: { text: string; error: boolean };
  timeZone: string;
}

/** The members page (admins): invite with a code and a QR, list, revoke, and who did what. */
export function MembersPage(props: { frame: PageFrame; data: MembersPageData }) {
  const { frame, data } = props;
  const c = consoleMessages(frame.locale);
  const w = c.members;
  const m = messages(frame.locale);
  const when = (at: Date) => formatLocalDateTime(at, data.timeZone);
  const byId = new Map(data.members.map((x) => [x.id, x]));
  const name = (id: number) => {
    const member = byId.get(id);
    return member?.displayName ?? `#${id}`;
  };
  // Grants and revocations join the history entries, latest first.
  const entries = [
    ...data.activity.map((a) => ({
      at: a.at,
      who: name(a.memberId),
      what: m.staff.eventKindName[a.kind],
      ticket: a.reference,
    })),
    ...data.members.flatMap((x) => [
      { at: x.grantedAt, who: name(x.id), what: w.grantedRole(m.staff.roleName[x.role]), ticket: '' },
      ...(x.revokedAt
        ? [{ at: x.revokedAt, who: name(x.id), what: w.revokedRole(m.staff.roleName[x.role]), ticket: '' }]
        : []),
    ]),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, 200);
  return (
    <ConsolePage frame={frame} title={c.nav.members}>
      <h1>{c.nav.members}</h1>
      {data.notice && <p class={data.notice.error ? 'notice error' : 'notice'}>{data.notice.text}</p>}
      {data.invite && (
        <section class="notice" id="invite">
          <p>
            <strong>{w.code({ code: data.invite.code, until: when(data.invite.expiresAt) })}</strong>
          </p>
          <p>{w.howTo({ code: data.invite.code, role: m.staff.roleName[data.invite.role] })}</p>
          <div class="qr" role="img" aria-label={w.qr}>
            {raw(data.invite.qrSvg)}
          </div>
        </section>
      )}
      <h2>{w.invite}</h2>
      <form method="post" action="/console/members/invite" class="bar">
        <input type="hidden" name="csrf" value={data.csrf} />
        <label>
          {w.role}
          <select name="role">
            {ROLES.map((r) => (
              <option value={r}>{m.staff.roleName[r]}</option>
            ))}
          </select>
        </label>
        <button type="submit">{w.create}</button>
      </form>
      <h2>{w.list}</h2>
      <div class="table-wrap">
        <table id="members">
          <thead>
            <tr>
              <th>{w.id}</th>
              <th>{w.name}</th>
              <th>{w.role}</th>
              <th>{w.platform}</th>
              <th>{w.granted}</th>
              <th>{w.revoked}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.members.map((x) => (
              <tr id={`member-${x.id}`}>
                <td>#{x.id}</td>
                <td>{x.displayName ?? '—'}</td>
                <td>{m.staff.roleName[x.role]}</td>
                <td>
                  {x.platform} · {w.kind[x.subjectKind]}
                </td>
                <td>{when(x.grantedAt)}</td>
                <td>{x.revokedAt ? when(x.revokedAt) : w.active}</td>
                <td>
                  {x.revokedAt === null && !data.self.has(x.id) && (
                    <form method="post" action={`/console/members/${x.id}/revoke`} class="inline">
                      <input type="hidden" name="csrf" value={data.csrf} />
                      <button type="submit" class="light" title={w.revokeConfirm}>
                        {w.revoke}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{w.activity}</h2>
      {entries.length === 0 ? (
        <p>{w.noActivity}</p>
      ) : (
        <div class="table-wrap">
          <table id="activity">
            <thead>
              <tr>
                <th>{w.when}</th>
                <th>{w.who}</th>
                <th>{w.what}</th>
                <th>{w.ticket}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>{when(e.at)}</td>
                  <td>{e.who}</td>
                  <td>{e.what}</td>
                  <td>{e.ticket && <a href={`/console/tickets/${e.ticket}`}>{e.ticket}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ConsolePage>
  );
}
