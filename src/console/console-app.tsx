import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { resolve, sep } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Logger } from 'pino';
import { isLocale, localeFromHint, messages, type Locale } from '../i18n/index.ts';
import { consoleMessages } from '../i18n/console-messages.ts';
import { isRole, type Member, type Role } from '../members/member.ts';
import type { InviteResult, RevokeResult } from './manage-members.ts';
import { MembersPage, type MembersPageData } from './members-page.tsx';
import { ACTING_ROLES } from '../staff/staff-actions.ts';
import { isCategory } from '../tickets/category.ts';
import type { Status } from '../tickets/status.ts';
import type { ConsoleAction, ConsoleActionResult } from './act-on-ticket.ts';
import { ContactsPage } from './contacts-page.tsx';
import { ActionsPanel } from './actions-panel.tsx';
import { ConsolePage, CONSOLE_CSS, type PageFrame } from './console-page.tsx';
import type { ConsoleSession, ConsoleSessionStore } from './console-session-store.ts';
import type { ConsoleFiguresReader } from './console-figures-reader.ts';
import type { ConsoleAgendaReader } from './console-agenda-reader.ts';
import { AgendaListPage, AgendaPage } from './agenda-pages.tsx';
import { may } from './console-roles.ts';
import { isParty, type Party } from '../agenda/agenda.ts';
import { renderAgendaHtml } from '../agenda/render-html.ts';
import type { DecisionResult } from '../meeting/decide.ts';
import type { ConsoleTicketReader, TicketQuery } from './console-ticket-reader.ts';
import { computeFigures, figureWeeks } from './figures.ts';
import { isIsoWeek, weekBounds } from '../agenda/iso-week.ts';
import { FiguresPage } from './figures-page.tsx';
import { csrfTokenOf, hashConsoleToken, isCsrfToken } from './console-tokens.ts';
import { writeTicketExport, type ExportFormat } from './export-tickets.ts';
import { resumeSession } from './resume-session.ts';
import { signInWithLink } from './sign-in-with-link.ts';
import { dateRange, parseTicketFilter, ticketFilterQuery, type TicketFilter } from './ticket-filter.ts';
import { isServable, TicketPage } from './ticket-page.tsx';
import { TicketsPage } from './tickets-page.tsx';
import { viewerFor } from './viewer.ts';
import type { ConsoleWorkload } from './workload-from-console.ts';
import { WorkloadPage } from './workload-page.tsx';
import { estateLabel, scopeOf, type ConsoleScope } from './console-scope.ts';
import { estateChoices, streetsHeld, switchSession, type EstateChoice } from './estate-chooser.ts';
import { EstatesPage } from './estates-page.tsx';
import type { Estate } from '../estates/estate.ts';
import { TemplatesPage } from './templates-page.tsx';
import type { ConsoleTemplates, TemplateChange, TemplateChangeResult } from './templates-from-console.ts';
import { isTemplateName } from '../staff/canned-replies.ts';

/** The settings the console reads (from `Config`). */
export interface ConsoleSettings {
  timeZone: string;
  defaultLocale: Locale;
  /** PUBLIC_URL: when https, the session cookie is Secure. */
  publicUrl: string | undefined;
  showResidentDetails: boolean;
  /** CONSOLE_IDLE_MINUTES: a session unused this long ends. */
  idleMinutes: number;
  /** Photos are served only from DATA_DIR/attachments. */
  dataDir: string;
}

export interface ConsoleAppDeps {
  sessions: ConsoleSessionStore;
  tickets: ConsoleTicketReader;
  figures: ConsoleFiguresReader;
  agendas: ConsoleAgendaReader;
  /** The install's estates: what a session reads is worked out from them on each request (`console-scope.ts`). */
  estates: { list(): Promise<Estate[]> };
  /** Every member row of a person (one per role and estate, revoked ones too): the estate chooser's entries. */
  memberships: (platform: string, subjectId: string) => Promise<Member[]>;
  /** Member management as the member (`manage-members.ts`); each checks the admin role again. */
  invite: (memberId: number, role: Role) => Promise<InviteResult>;
  revoke: (memberId: number, targetId: number) => Promise<RevokeResult>;
  /** Records a meeting decision as the member (`decide-from-console.ts`). */
  decide: (
    memberId: number,
    input: { reference: string; text: string; lead: Party; dueDate: string | null },
  ) => Promise<DecisionResult | { kind: 'forbidden' }>;
  /** Runs a staff action as the member (the chat's use cases); see `act-on-ticket.ts`. */
  act: (memberId: number, ticketId: number, action: ConsoleAction) => Promise<ConsoleActionResult>;
  /** The canned replies, for staff and admins (`templates-from-console.ts`). */
  templates: (memberId: number) => Promise<ConsoleTemplates | { kind: 'forbidden' }>;
  /** `/tpl add|delete` as the member (admins only). */
  changeTemplate: (memberId: number, change: TemplateChange) => Promise<TemplateChangeResult>;
  /** The chat's `/workload` figures as the member may see them (`workload-from-console.ts`). */
  workload: (memberId: number) => Promise<ConsoleWorkload>;
  settings: ConsoleSettings;
  now: () => Date;
  log: Logger;
}

type ConsoleEnv = {
  Bindings: { incoming: IncomingMessage };
  Variables: {
    locale: Locale;
    session: ConsoleSession;
    sessionToken: string;
    scope: ConsoleScope;
    /** The person's estates to choose from (`estate-chooser.ts`); the chooser shows when there are several. */
    choices: EstateChoice[];
    streets: string[];
  };
};
type Ctx = Context<ConsoleEnv>;

export const SESSION_COOKIE = 'linli_console';
const LANG_COOKIE = 'linli_lang';
export const PAGE_SIZE = 50;

/** Who tickets can be assigned to: people who hold a staff or admin role now. */
const canBeAssigned = (m: Member): boolean =>
  m.subjectKind === 'user' && m.revokedAt === null && (ACTING_ROLES as readonly string[]).includes(m.role);

/**
 * The staff web console: server-rendered pages (Hono JSX, escaped by default), no script. Sign-in is by
 * one-time link only; every POST carries the session's CSRF token; every text from residents is shown
 * through the viewer's mask (see `viewer.ts`).
 */
export function createConsoleApp(deps: ConsoleAppDeps): Hono<ConsoleEnv> {
  const { settings } = deps;
  const app = new Hono<ConsoleEnv>({ strict: false }).basePath('/console');
  const idleMs = settings.idleMinutes * 60_000;

  const secure = (c: Ctx): boolean =>
    settings.publicUrl?.startsWith('https:') === true || c.req.header('x-forwarded-proto') === 'https';
  const cookieOptions = (c: Ctx) => ({
    path: '/console',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: secure(c),
  });
  const here = (c: Ctx): string => {
    const url = new URL(c.req.url);
    url.searchParams.delete('lang');
    return `${url.pathname}${url.search}`;
  };
  const frame = (c: Ctx): PageFrame => {
    const session = c.get('session') as ConsoleSession | undefined;
    const scope = c.get('scope') as ConsoleScope | undefined;
    const choosing = ((c.get('choices') as EstateChoice[] | undefined) ?? []).length > 1;
    const m = messages(c.get('locale'));
    const nav = consoleMessages(c.get('locale')).nav;
    // A street member reads several estates (or the one its link named), a person of several estates
    // works in one of them: the header says which.
    const scopeText =
      session?.member.role === 'street' && scope
        ? scope.several
          ? nav.streetScope({ street: c.get('streets').join('、'), estates: scope.estates.length })
          : scope.estates.map(estateLabel).join('')
        : choosing && scope
          ? scope.estates.map(estateLabel).join('')
          : undefined;
    return {
      locale: c.get('locale'),
      here: here(c),
      ...(session && {
        sections: [
          { href: '/console/', label: nav.tickets },
          { href: '/console/figures', label: nav.figures },
          { href: '/console/agenda', label: nav.agenda },
          ...(may(session.member.role, 'manage-members') ? [{ href: '/console/members', label: nav.members }] : []),
          ...(may(session.member.role, 'manage-templates')
            ? [{ href: '/console/templates', label: nav.templates }]
            : []),
          ...(may(session.member.role, 'see-workload') ? [{ href: '/console/workload', label: nav.workload }] : []),
          ...(choosing ? [{ href: '/console/estates', label: nav.estates }] : []),
        ],
        user: {
          name: session.member.displayName ?? `#${session.member.id}`,
          role: m.staff.roleName[session.member.role],
          csrf: csrfTokenOf(c.get('sessionToken')),
          ...(scopeText && { scope: scopeText }),
        },
      }),
    };
  };
  const message = (c: Ctx, status: 200 | 400 | 403 | 404 | 429, title: string, text: string, extra?: unknown) =>
    c.html(
      <ConsolePage frame={frame(c)} title={title}>
        <p class={status === 200 ? 'notice' : 'notice error'}>{text}</p>
        {extra as never}
      </ConsolePage>,
      status,
    );

  /** The install's estates, and the person's estates to choose from and streets to read. */
  const personOf = async (session: ConsoleSession) => {
    const [estates, held] = await Promise.all([
      deps.estates.list(),
      deps.memberships(session.member.platform, session.member.subjectId),
    ]);
    return { estates, choices: estateChoices(held, estates), streets: streetsHeld(held) };
  };

  app.use('*', async (c, next) => {
    const asked = c.req.query('lang');
    let locale: Locale | undefined;
    if (isLocale(asked)) {
      locale = asked;
      setCookie(c, LANG_COOKIE, asked, {
        path: '/console',
        sameSite: 'Lax',
        maxAge: 365 * 86_400,
        secure: secure(c),
      });
    } else {
      const chosen = getCookie(c, LANG_COOKIE);
      if (isLocale(chosen)) locale = chosen;
    }
    c.set('locale', locale ?? localeFromHint(c.req.header('accept-language')?.split(',')[0]) ?? settings.defaultLocale);
    await next();
    c.header('x-content-type-options', 'nosniff');
    // No script at all; the link's token must not leak through a Referer.
    // No script anywhere; the printable agenda alone carries its own inline styles (and sets its own policy).
    if (!c.res.headers.has('content-security-policy'))
      c.header(
        'content-security-policy',
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
    c.header('referrer-policy', 'no-referrer');
    c.header('x-frame-options', 'DENY');
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  });

  app.get('/console.css', (c) => {
    c.header('cache-control', 'public, max-age=3600');
    return c.body(CONSOLE_CSS, 200, {
      'content-type': 'text/css; charset=utf-8',
    });
  });

  // A GET only shows a button: chat apps open links to preview them, and that must not use the link up.
  app.get('/login', (c) => {
    const cm = consoleMessages(c.get('locale'));
    const token = c.req.query('token');
    if (c.req.query('signed-out') === '1')
      return message(c, 200, cm.signIn.title, cm.signIn.signedOut, <p>{cm.signIn.howTo}</p>);
    if (token === undefined || !/^[\w-]{20,100}$/.test(token)) return message(c, 200, cm.signIn.title, cm.signIn.howTo);
    return c.html(
      <ConsolePage frame={frame(c)} title={cm.signIn.title}>
        <p>{cm.signIn.confirm}</p>
        <form method="post" action="/console/login">
          <input type="hidden" name="token" value={token} />
          <button type="submit">{cm.signIn.button}</button>
        </form>
      </ConsolePage>,
    );
  });

  app.post('/login', async (c) => {
    const cm = consoleMessages(c.get('locale'));
    // A sign-in form posted from another site would sign the visitor in as someone else.
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      return message(c, 403, cm.signIn.title, cm.errors.forbidden);
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token : '';
    const ip = c.env.incoming.socket.remoteAddress ?? 'unknown';
    const result = await signInWithLink(deps.sessions, token, ip, deps.now());
    if (result.kind === 'rate-limited') return message(c, 429, cm.signIn.title, cm.signIn.rateLimited);
    if (result.kind === 'refused') return message(c, 403, cm.signIn.title, cm.signIn.refused, <p>{cm.signIn.howTo}</p>);
    setCookie(c, SESSION_COOKIE, result.sessionToken, cookieOptions(c));
    // A link naming no estate, for a person of several: they choose where to work first.
    const session = await resumeSession(deps.sessions, result.sessionToken, deps.now(), idleMs);
    const choose = session?.estate === null && (await personOf(session)).choices.length > 1;
    return c.redirect(choose ? '/console/estates' : '/console/', 303);
  });

  // Everything below needs a session.
  app.use('*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = await resumeSession(deps.sessions, token, deps.now(), idleMs);
    if (!session || token === undefined) {
      if (token !== undefined) deleteCookie(c, SESSION_COOKIE, { path: '/console' });
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect('/console/login', 303);
      const cm = consoleMessages(c.get('locale'));
      return message(c, 403, cm.signIn.title, cm.signIn.howTo);
    }
    c.set('session', session);
    c.set('sessionToken', token);
    const person = await personOf(session);
    c.set('choices', person.choices);
    c.set('streets', person.streets);
    c.set('scope', scopeOf(session, person.estates, person.streets));
    if (!isLocale(c.req.query('lang')) && !isLocale(getCookie(c, LANG_COOKIE)) && isLocale(session.member.locale))
      c.set('locale', session.member.locale);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!isCsrfToken(token, typeof form.csrf === 'string' ? form.csrf : undefined)) {
        const cm = consoleMessages(c.get('locale'));
        return message(c, 403, cm.errors.forbidden, cm.errors.csrf, <a href="/console/">{cm.errors.backToList}</a>);
      }
    }
    await next();
  });

  app.post('/logout', async (c) => {
    await deps.sessions.endSession(hashConsoleToken('session', c.get('sessionToken')), deps.now());
    deleteCookie(c, SESSION_COOKIE, { path: '/console' });
    return c.redirect('/console/login?signed-out=1', 303);
  });

  app.get('/estates', (c) => {
    if (c.get('choices').length < 2) return c.redirect('/console/', 303);
    return c.html(
      <EstatesPage
        frame={frame(c)}
        choices={c.get('choices')}
        streets={c.get('streets')}
        currentMemberId={c.get('session').member.id}
        csrf={csrfTokenOf(c.get('sessionToken'))}
      />,
    );
  });

  // Working in another estate is another of the person's roles: a new session for it, the old one ended.
  app.post('/estates', async (c) => {
    const form = await c.req.parseBody();
    const chosen = c.get('choices').find((choice) => String(choice.member.id) === form.member);
    if (!chosen) {
      const cm = consoleMessages(c.get('locale'));
      return message(c, 404, cm.errors.notFound, cm.errors.notFound);
    }
    const token = await switchSession(deps.sessions, c.get('sessionToken'), chosen.member.id, deps.now());
    setCookie(c, SESSION_COOKIE, token, cookieOptions(c));
    return c.redirect('/console/', 303);
  });

  /** The estates a filter reads: the one it names if the session reads it (else none), or all the session reads. */
  const estatesOf = (filter: TicketFilter, scope: ConsoleScope): number[] =>
    filter.estate === undefined ? scope.ids : scope.estates.filter((e) => e.code === filter.estate).map((e) => e.id);
  const queryOf = (filter: TicketFilter, now: Date, scope: ConsoleScope): TicketQuery => {
    const range = dateRange(filter, settings.timeZone);
    return {
      estateIds: estatesOf(filter, scope),
      ...(filter.category && { category: filter.category }),
      ...(filter.status && { status: filter.status }),
      ...(filter.building && { building: filter.building }),
      ...(filter.overdue && { overdueAt: now }),
      ...(filter.urgent && { urgent: true }),
      ...(filter.assignee !== undefined && { assignee: filter.assignee }),
      ...(range.from && { createdFrom: range.from }),
      ...(range.to && { createdBefore: range.to }),
      ...(filter.search && { search: filter.search }),
      sort: filter.sort,
    };
  };

  app.get('/', async (c) => {
    const now = deps.now();
    const url = new URL(c.req.url);
    const filter = parseTicketFilter(url.searchParams);
    const requested = Number(url.searchParams.get('page') ?? '1');
    const page = Number.isInteger(requested) && requested >= 1 && requested <= 100_000 ? requested : 1;
    const [result, buildings, members] = await Promise.all([
      deps.tickets.page(queryOf(filter, now, c.get('scope')), (page - 1) * PAGE_SIZE, PAGE_SIZE),
      deps.tickets.buildings(),
      deps.tickets.members(),
    ]);
    const session = c.get('session');
    const scope = c.get('scope');
    const assignees = members.filter((m) => canBeAssigned(m) && scope.ids.includes(m.estateId));
    return c.html(
      <TicketsPage
        frame={frame(c)}
        viewer={viewerFor(session.member.role, c.get('locale'), settings.showResidentDetails)}
        data={{
          filter,
          tickets: result.tickets,
          total: result.total,
          exact: result.exact,
          page,
          pageSize: PAGE_SIZE,
          buildings,
          assignees,
          now,
          timeZone: settings.timeZone,
          ...(scope.several && { estates: scope.estates }),
        }}
      />,
    );
  });

  app.get('/tickets/:reference', async (c) => {
    const cm = consoleMessages(c.get('locale'));
    const reference = c.req.param('reference');
    const ticket = /^[A-Za-z]{1,3}-\d{2,6}$/.test(reference)
      ? await deps.tickets.ticketByReference(reference)
      : undefined;
    // Another estate's ticket is answered as if it did not exist.
    const mine = ticket && c.get('scope').ids.includes(ticket.estateId) ? ticket : undefined;
    const listed = mine && (await deps.tickets.ticket(mine.id));
    if (!listed)
      return message(c, 404, cm.errors.notFound, cm.errors.notFound, <a href="/console/">{cm.errors.backToList}</a>);
    const session = c.get('session');
    const acts = (ACTING_ROLES as readonly string[]).includes(session.member.role);
    const [events, attachments, members, templates] = await Promise.all([
      deps.tickets.events(listed.ticket.id),
      deps.tickets.attachments(listed.ticket.id),
      deps.tickets.members(),
      acts ? deps.templates(session.member.id) : undefined,
    ]);
    const back = new URL(c.req.url).searchParams;
    back.delete('lang');
    const notice = actionNotice(c, listed.ticket.reference, listed.ticket.status, back);
    return c.html(
      <TicketPage
        frame={frame(c)}
        viewer={viewerFor(session.member.role, c.get('locale'), settings.showResidentDetails)}
        data={{
          listed,
          events,
          attachments,
          members: new Map(members.map((m) => [m.id, m])),
          now: deps.now(),
          timeZone: settings.timeZone,
          backQuery: ticketFilterQuery(parseTicketFilter(back)),
          ...(notice && { notice }),
        }}
        actions={
          acts ? (
            <ActionsPanel
              locale={c.get('locale')}
              ticket={listed.ticket}
              csrf={csrfTokenOf(c.get('sessionToken'))}
              assignees={members.filter((m) => canBeAssigned(m) && m.estateId === session.member.estateId)}
              memberId={session.member.id}
              templates={templates?.kind === 'ok' ? templates.templates : []}
            />
          ) : undefined
        }
      />,
    );
  });

  // The outcome of an action, carried by the redirect back to the ticket (so a reload sends nothing again).
  const ACTION_NAMES = [
    'ack',
    'work',
    'reply',
    'resolve',
    'explain',
    'recategorize',
    'assign',
    'merge',
    'note',
  ] as const;
  type ActionName = (typeof ACTION_NAMES)[number];
  const isActionName = (value: unknown): value is ActionName =>
    typeof value === 'string' && (ACTION_NAMES as readonly string[]).includes(value);
  function actionNotice(
    c: Ctx,
    reference: string,
    status: Status,
    query: URLSearchParams,
  ): { text: string; error: boolean } | undefined {
    const action = query.get('action');
    const outcome = query.get('outcome');
    const target = query.get('target') ?? '';
    query.delete('action');
    query.delete('outcome');
    query.delete('target');
    if (!isActionName(action) || outcome === null) return undefined;
    const s = messages(c.get('locale')).staff;
    const o = consoleMessages(c.get('locale')).outcomes;
    const by = c.get('session').member.displayName ?? `#${c.get('session').member.id}`;
    const shownTarget = /^[A-Za-z]{1,3}-\d{2,6}$/.test(target) ? target.toUpperCase() : '';
    switch (outcome) {
      case 'ok':
        return { text: s.done({ reference, action: s.actionNames[action], by }), error: false };
      case 'explain-needs-reason-and-plan':
        return { text: s.explainNeedsBoth, error: true };
      case 'empty-text':
        return { text: s.replyNeedsText, error: true };
      case 'no-such-assignee':
        return { text: o.noSuchAssignee, error: true };
      case 'no-such-target':
        return { text: o.noSuchTarget(shownTarget), error: true };
      case 'merge-target-closed':
        return { text: o.mergeTargetClosed(shownTarget), error: true };
      case 'same-ticket':
        return { text: o.sameTicket, error: true };
      case 'no-such-template':
        return { text: o.noSuchTemplate, error: true };
      case 'bad-date-time':
        return { text: o.badDateTime, error: true };
      default:
        return { text: s.illegal({ reference, status, action: s.actionVerbs[action] }), error: true };
    }
  }

  /** The action a ticket page's form asks for; undefined when the form makes no sense. */
  function actionOf(form: Record<string, unknown>): ConsoleAction | undefined {
    const field = (name: string): string =>
      typeof form[name] === 'string' ? (form[name] as string).slice(0, 2000) : '';
    const name = field('action');
    const category = field('category');
    const assignee = field('assignee');
    const into = field('into').trim();
    if (name === 'ack' || name === 'work' || name === 'contact') return { kind: name };
    if (name === 'reply' || name === 'note') return { kind: name, text: field('text') };
    if (name === 'template' && field('name').trim() !== '')
      return { kind: 'template', name: field('name').trim().slice(0, 40), date: field('date'), time: field('time') };
    if (name === 'resolve') return { kind: 'resolve', note: field('note') };
    if (name === 'explain') return { kind: 'explain', reason: field('reason'), plan: field('plan') };
    if (name === 'recategorize' && isCategory(category)) return { kind: 'recategorize', category };
    if (name === 'assign' && /^\d{1,9}$/.test(assignee)) return { kind: 'assign', assigneeId: Number(assignee) };
    if (name === 'merge' && /^[A-Za-z]{1,3}-\d{2,6}$/.test(into)) return { kind: 'merge', into };
    return undefined;
  }

  app.post('/tickets/:reference/act', async (c) => {
    const cm = consoleMessages(c.get('locale'));
    const session = c.get('session');
    if (!(ACTING_ROLES as readonly string[]).includes(session.member.role))
      return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
    const reference = c.req.param('reference');
    const ticket = /^[A-Za-z]{1,3}-\d{2,6}$/.test(reference)
      ? await deps.tickets.ticketByReference(reference)
      : undefined;
    if (!ticket || ticket.estateId !== session.member.estateId)
      return message(c, 404, cm.errors.notFound, cm.errors.notFound);
    const action = actionOf(await c.req.parseBody());
    if (!action) return message(c, 400, cm.errors.notFound, cm.errors.notFound);
    const result = await deps.act(session.member.id, ticket.id, action);
    const back = `/console/tickets/${ticket.reference}`;
    switch (result.kind) {
      case 'forbidden':
        return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
      case 'not-found':
        return message(c, 404, cm.errors.notFound, cm.errors.notFound);
      case 'not-assignee':
        return message(c, 403, cm.errors.forbidden, cm.outcomes.notAssignee, <a href={back}>{ticket.reference}</a>);
      case 'ok':
        // The contact details are in this answer only: no redirect, nothing kept for a reload.
        if ('contacts' in result)
          return c.html(
            <ContactsPage
              frame={{ ...frame(c), here: back }}
              reference={ticket.reference}
              contacts={result.contacts}
              back={back}
            />,
          );
        break;
    }
    const outcome =
      result.kind === 'ok'
        ? 'ok'
        : result.kind === 'illegal-transition'
          ? 'illegal'
          : result.kind === 'invalid'
            ? result.reason
            : result.kind;
    const target = action.kind === 'merge' && outcome !== 'ok' ? `&target=${encodeURIComponent(action.into)}` : '';
    // A canned reply is a reply, as the chat reports it.
    const done = action.kind === 'template' ? 'reply' : action.kind;
    return c.redirect(`${back}?action=${done}&outcome=${outcome}${target}`, 303);
  });

  app.get('/figures', async (c) => {
    // `?week=2026-W48` shows the twelve weeks up to that one (as of its end, or now if sooner).
    const asked = c.req.query('week');
    const now = deps.now();
    const until = asked !== undefined && isIsoWeek(asked) ? weekBounds(asked, settings.timeZone) : undefined;
    const asOf = until && until.end < now ? until.end : now;
    const weeks = figureWeeks(until && until.start < now ? until.start : now, settings.timeZone);
    const span = { from: weeks[0]!.start, to: weeks[weeks.length - 1]!.end };
    // Several estates (a street): each estate's figures side by side, and all of them together.
    const scope = c.get('scope');
    const perEstate = await Promise.all(scope.ids.map((id) => deps.figures.figuresRows(span, asOf, id)));
    const together = {
      created: perEstate.flatMap((r) => r.created),
      deadlines: perEstate.flatMap((r) => r.deadlines),
      events: perEstate.flatMap((r) => r.events),
      answers: perEstate.flatMap((r) => r.answers),
      open: perEstate.flatMap((r) => r.open),
    };
    return c.html(
      <FiguresPage
        frame={frame(c)}
        viewer={viewerFor(c.get('session').member.role, c.get('locale'), settings.showResidentDetails)}
        figures={computeFigures(weeks, together, asOf)}
        {...(scope.several && {
          byEstate: scope.estates.map((estate, i) => ({
            estate,
            figures: computeFigures(weeks, perEstate[i]!, asOf),
          })),
        })}
        timeZone={settings.timeZone}
      />,
    );
  });

  app.get('/agenda', async (c) =>
    c.html(
      <AgendaListPage
        frame={frame(c)}
        agendas={await deps.agendas.list(104, c.get('scope').ids)}
        {...(c.get('scope').several && { estates: c.get('scope').estates })}
        timeZone={settings.timeZone}
      />,
    ),
  );

  // An estate's agenda: the one `?estate=` names when the session reads several, else the session's estate.
  const storedAgenda = async (c: Ctx) => {
    const week = c.req.param('week') ?? '';
    const scope = c.get('scope');
    const asked = c.req.query('estate');
    const estate = scope.several ? scope.estates.find((e) => e.code === asked) : scope.estates[0];
    return isIsoWeek(week) && estate ? deps.agendas.byWeek(week, estate.id) : undefined;
  };

  app.get('/agenda/:week', async (c) => {
    const cm = consoleMessages(c.get('locale'));
    const stored = await storedAgenda(c);
    if (!stored) return message(c, 404, cm.errors.notFound, cm.errors.notFound);
    const session = c.get('session');
    const decided = c.req.query('decided') ?? '';
    const outcome = c.req.query('outcome');
    const notified = Number(c.req.query('notified'));
    const notice =
      outcome === 'recorded' && /^[A-Z]{1,3}-\d{2,6}$/.test(decided) && Number.isInteger(notified)
        ? { text: cm.agendas.recorded({ reference: decided, notified }), error: false }
        : outcome === 'empty-text'
          ? { text: cm.agendas.emptyText, error: true }
          : outcome === 'bad-date'
            ? { text: cm.agendas.badDate, error: true }
            : outcome === 'no-agenda'
              ? { text: cm.agendas.noAgenda, error: true }
              : outcome === 'not-found'
                ? { text: cm.errors.notFound, error: true }
                : undefined;
    return c.html(
      <AgendaPage
        frame={frame(c)}
        timeZone={settings.timeZone}
        data={{
          agenda: stored.agenda,
          decisions: await deps.agendas.decisions(stored.id),
          ...(may(session.member.role, 'decide') && { decideCsrf: csrfTokenOf(c.get('sessionToken')) }),
          ...(c.get('scope').several && { estate: c.req.query('estate') ?? '' }),
          ...(notice && { notice }),
        }}
      />,
    );
  });

  // The agenda as the meeting prints it: the same A4 page `linli agenda --format html` writes.
  app.get('/agenda/:week/print', async (c) => {
    const cm = consoleMessages(c.get('locale'));
    const stored = await storedAgenda(c);
    if (!stored) return message(c, 404, cm.errors.notFound, cm.errors.notFound);
    c.header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    return c.html(
      renderAgendaHtml(stored.agenda, c.get('locale'), {
        ...(stored.imageToken !== null && { chartSrc: `/agenda/${stored.imageToken}.png` }),
      }),
    );
  });

  app.post('/agenda/:week/decide', async (c) => {
    const cm = consoleMessages(c.get('locale'));
    const session = c.get('session');
    if (!may(session.member.role, 'decide')) return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
    const week = c.req.param('week');
    if (!isIsoWeek(week)) return message(c, 404, cm.errors.notFound, cm.errors.notFound);
    const form = await c.req.parseBody();
    const field = (name: string): string => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
    const reference = field('reference').toUpperCase();
    const lead = field('lead');
    if (!/^[A-Z]{1,3}-\d{2,6}$/.test(reference) || !isParty(lead))
      return message(c, 400, cm.errors.notFound, cm.errors.notFound);
    const due = field('due');
    const result = await deps.decide(session.member.id, {
      reference,
      text: field('text').slice(0, 1000),
      lead,
      dueDate: due === '' ? null : due,
    });
    if (result.kind === 'forbidden') return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
    const back = `/console/agenda/${week}`;
    if (result.kind === 'recorded')
      return c.redirect(
        `${back}?outcome=recorded&decided=${result.reference}&notified=${result.notified}#item-${result.reference}`,
        303,
      );
    return c.redirect(`${back}?outcome=${result.kind === 'invalid' ? result.reason : result.kind}`, 303);
  });

  const membersPage = async (c: Ctx, extra: Pick<MembersPageData, 'invite' | 'notice'>) => {
    const session = c.get('session');
    // An admin manages their own estate: its members, what was done to its tickets.
    const estateId = session.member.estateId;
    const [all, activity] = await Promise.all([deps.tickets.members(), deps.tickets.activity(200, estateId)]);
    const members = all.filter((m) => m.estateId === estateId);
    const me = members.find((m) => m.id === session.member.id);
    const self = new Set(
      members
        .filter((m) => me && m.platform === me.platform && m.subjectKind === 'user' && m.subjectId === me.subjectId)
        .map((m) => m.id),
    );
    return c.html(
      <MembersPage
        frame={frame(c)}
        data={{
          members,
          activity,
          csrf: csrfTokenOf(c.get('sessionToken')),
          self,
          timeZone: settings.timeZone,
          ...extra,
        }}
      />,
    );
  };
  const adminOnly = (c: Ctx) => {
    const cm = consoleMessages(c.get('locale'));
    return may(c.get('session').member.role, 'manage-members')
      ? undefined
      : message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
  };

  app.get('/members', async (c) => {
    const refused = adminOnly(c);
    if (refused) return refused;
    const w = consoleMessages(c.get('locale')).members;
    const outcome = c.req.query('outcome');
    const n = Number(c.req.query('n'));
    const notice =
      outcome === 'revoked' && Number.isInteger(n)
        ? { text: w.revokedNow(n), error: false }
        : outcome === 'none'
          ? { text: w.revokeNone, error: true }
          : outcome === 'self'
            ? { text: w.revokeSelf, error: true }
            : undefined;
    return membersPage(c, notice ? { notice } : {});
  });

  // The code is on this one answer (no redirect): it is stored hashed and cannot be shown again.
  app.post('/members/invite', async (c) => {
    const refused = adminOnly(c);
    if (refused) return refused;
    const cm = consoleMessages(c.get('locale'));
    const form = await c.req.parseBody();
    if (!isRole(form.role)) return message(c, 400, cm.errors.notFound, cm.errors.notFound);
    const result = await deps.invite(c.get('session').member.id, form.role);
    if (result.kind === 'forbidden') return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
    const { default: QRCode } = await import('qrcode');
    const qrSvg = await QRCode.toString(`/join ${result.code}`, { type: 'svg', margin: 1 });
    return membersPage(c, { invite: { code: result.code, role: form.role, expiresAt: result.expiresAt, qrSvg } });
  });

  app.post('/members/:id/revoke', async (c) => {
    const refused = adminOnly(c);
    if (refused) return refused;
    const cm = consoleMessages(c.get('locale'));
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id <= 0) return message(c, 404, cm.errors.notFound, cm.errors.notFound);
    const result = await deps.revoke(c.get('session').member.id, id);
    if (result.kind === 'forbidden') return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
    const query = result.kind === 'revoked' ? `outcome=revoked&n=${result.members.length}` : `outcome=${result.kind}`;
    return c.redirect(`/console/members?${query}`, 303);
  });

  const templatesPage = async (c: Ctx, notice?: { text: string; error: boolean }) => {
    const cm = consoleMessages(c.get('locale'));
    const result = await deps.templates(c.get('session').member.id);
    if (result.kind === 'forbidden') return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
    return c.html(
      <TemplatesPage
        frame={frame(c)}
        data={{
          templates: result.templates,
          scope: result.scope,
          csrf: csrfTokenOf(c.get('sessionToken')),
          ...(notice && { notice }),
        }}
      />,
    );
  };
  const templatesOnly = (c: Ctx) => {
    const cm = consoleMessages(c.get('locale'));
    return may(c.get('session').member.role, 'manage-templates')
      ? undefined
      : message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
  };

  app.get('/templates', async (c) => {
    const refused = templatesOnly(c);
    if (refused) return refused;
    const m = messages(c.get('locale'));
    const cm = consoleMessages(c.get('locale'));
    const outcome = c.req.query('outcome');
    // The name comes back from the redirect: shown only when it is one (escaped either way).
    const name = c.req.query('name') ?? '';
    const language = c.req.query('language');
    const n = Number(c.req.query('n'));
    const notice =
      outcome === 'saved' && isTemplateName(name) && isLocale(language)
        ? { text: m.templates.added({ name, language: m.languageName[language] }), error: false }
        : outcome === 'deleted' && isTemplateName(name) && Number.isInteger(n) && n > 0
          ? { text: m.templates.deleted({ name, count: n }), error: false }
          : outcome === 'bad-name'
            ? { text: m.templates.badName([...name].slice(0, 20).join('')), error: true }
            : outcome === 'empty-text'
              ? { text: cm.templates.emptyText, error: true }
              : outcome === 'not-found'
                ? { text: cm.outcomes.noSuchTemplate, error: true }
                : undefined;
    return templatesPage(c, notice);
  });

  app.post('/templates', async (c) => {
    const refused = templatesOnly(c);
    if (refused) return refused;
    const cm = consoleMessages(c.get('locale'));
    const form = await c.req.parseBody();
    const name = typeof form.name === 'string' ? form.name.trim().slice(0, 40) : '';
    const text = typeof form.text === 'string' ? form.text.slice(0, 2000) : '';
    if (!isLocale(form.language)) return message(c, 400, cm.errors.notFound, cm.errors.notFound);
    const result = await deps.changeTemplate(c.get('session').member.id, {
      kind: 'save',
      name,
      locale: form.language,
      text,
    });
    if (result.kind === 'forbidden') return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
    const query = new URLSearchParams({ outcome: result.kind, name, language: form.language });
    return c.redirect(`/console/templates?${query.toString()}`, 303);
  });

  app.post('/templates/delete', async (c) => {
    const refused = templatesOnly(c);
    if (refused) return refused;
    const cm = consoleMessages(c.get('locale'));
    const form = await c.req.parseBody();
    const name = typeof form.name === 'string' ? form.name.trim().slice(0, 40) : '';
    const language = form.language === '' || form.language === undefined ? undefined : form.language;
    if (name === '' || (language !== undefined && !isLocale(language)))
      return message(c, 400, cm.errors.notFound, cm.errors.notFound);
    const result = await deps.changeTemplate(c.get('session').member.id, {
      kind: 'delete',
      name,
      ...(language !== undefined && { locale: language }),
    });
    if (result.kind === 'forbidden') return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
    const count = result.kind === 'deleted' ? result.count : 0;
    const query = new URLSearchParams(
      count > 0 ? { outcome: 'deleted', name, n: String(count) } : { outcome: 'not-found' },
    );
    return c.redirect(`/console/templates?${query.toString()}`, 303);
  });

  app.get('/workload', async (c) => {
    const cm = consoleMessages(c.get('locale'));
    if (!may(c.get('session').member.role, 'see-workload'))
      return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
    const result = await deps.workload(c.get('session').member.id);
    if (result.kind === 'forbidden') return message(c, 403, cm.errors.forbidden, cm.errors.forbidden);
    return c.html(<WorkloadPage frame={frame(c)} rows={result.rows} days={result.days} />);
  });

  // Photos only through here: signed in, attached to a ticket, and inside DATA_DIR/attachments.
  app.get('/attachments/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const found = Number.isInteger(id) && id > 0 ? await deps.tickets.attachment(id) : undefined;
    // Another estate's photo is not found either.
    const owner = found?.ticketId == null ? undefined : await deps.tickets.ticket(found.ticketId);
    const attachment = owner && c.get('scope').ids.includes(owner.ticket.estateId) ? found : undefined;
    const root = resolve(settings.dataDir, 'attachments') + sep;
    const path = attachment && isServable(attachment) ? resolve(attachment.path!) : undefined;
    const mime = attachment?.mimeType ?? '';
    if (
      !attachment ||
      attachment.ticketId === null ||
      path === undefined ||
      !path.startsWith(root) ||
      !/^(image\/(jpeg|png|gif|webp)|audio\/[\w.+-]+)$/.test(mime)
    ) {
      return c.text('not found', 404);
    }
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return c.text('not found', 404);
    c.header('cache-control', 'private, max-age=3600');
    return c.body(Readable.toWeb(createReadStream(path)) as ReadableStream, 200, {
      'content-type': mime,
      'content-length': String(info.size),
      'content-disposition': 'inline',
    });
  });

  const exportRoute = (format: ExportFormat) => async (c: Ctx) => {
    const now = deps.now();
    const filter = parseTicketFilter(new URL(c.req.url).searchParams);
    const out = new PassThrough();
    const stamp = now.toISOString().slice(0, 10);
    // Written while it is sent; a failure half-way can only cut the download short.
    void writeTicketExport(deps.tickets.each(queryOf(filter, now, c.get('scope'))), format, out, {
      locale: c.get('locale'),
      timeZone: settings.timeZone,
      now,
    }).catch((error: unknown) => {
      deps.log.error({ err: error }, 'console export failed');
      out.destroy(error as Error);
    });
    return c.body(Readable.toWeb(out) as ReadableStream, 200, {
      'content-type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="linli-tickets-${stamp}.${format}"`,
    });
  };
  app.get('/export.csv', exportRoute('csv'));
  app.get('/export.xlsx', exportRoute('xlsx'));

  app.notFound((c) => {
    const cm = consoleMessages(c.get('locale') ?? settings.defaultLocale);
    return c.html(
      <ConsolePage
        frame={{
          locale: c.get('locale') ?? settings.defaultLocale,
          here: '/console/',
        }}
        title={cm.errors.notFound}
      >
        <p class="notice error">{cm.errors.notFound}</p>
      </ConsolePage>,
      404,
    );
  });
  app.onError((error, c) => {
    deps.log.error({ err: error, path: c.req.path }, 'console request failed');
    return c.text('internal error', 500);
  });
  return app;
}
