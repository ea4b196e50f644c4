import type { Estate } from '../estates/estate.ts';
import { parseMemberSelector, type Member, type Role } from '../members/member.ts';
import type { ConsoleSessionStore } from './console-session-store.ts';
import { hashConsoleToken, newConsoleToken } from './console-tokens.ts';

/** How long a console link can be used. */
export const CONSOLE_LINK_TTL_MS = 10 * 60_000;

/** The platform of members who exist only for the web console (created by `linli console-link`). */
export const WEB_PLATFORM = 'web';

/** An estate code: lowercase letters, digits and single dashes (`lincheng-1`), as `linli estate add` takes. */
export const ESTATE_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A name a console-only member can be created under. */
const WEB_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;

/** What finding and creating members takes (`KyselyMemberStore` provides it). */
export interface ConsoleMemberDirectory {
  list(): Promise<Member[]>;
  grant(
    subject: {
      platform: string;
      kind: 'user';
      id: string;
      displayName?: string | null;
    },
    role: Role,
    at: Date,
    estateId?: number,
    street?: string,
  ): Promise<Member>;
}

/** What finding the estate of `--estate` takes (`KyselyEstateStore` provides it). */
export interface ConsoleEstateDirectory {
  list(): Promise<Estate[]>;
}

export interface ConsoleLinkRequest {
  /** A member id (`12`, `#12`), `PLATFORM:ID`, or a display name; see {@link createConsoleLink}. */
  user: string;
  role?: Role;
  estate?: string;
  /** With role `street`: the street whose estates the session reads (a new console-only member holds it). */
  street?: string;
}

export type ConsoleLinkResult =
  | {
      kind: 'ok';
      token: string;
      member: Member;
      created: boolean;
      expiresAt: Date;
    }
  | { kind: 'revoked'; member: Member }
  | { kind: 'ambiguous'; members: Member[] }
  /** `--estate` names no estate; `estates` are the codes there are. */
  | { kind: 'unknown-estate'; estates: string[] }
  /** The person holds no role in the estate `--estate` names; `estates` are the codes of those they hold. */
  | { kind: 'other-estate'; member: Member; estates: string[] }
  /** `street` names no street of any estate; `streets` are the streets there are. */
  | { kind: 'unknown-street'; streets: string[] }
  | { kind: 'invalid'; reason: 'estate' | 'name' | 'group' | 'street' };

/** When one person holds several roles, the console acts with the widest. */
export const ROLE_ORDER: readonly Role[] = ['admin', 'staff', 'committee', 'party_branch', 'street'];

/** Whether a member's role reaches an estate: its own estate, or for `street`, every estate of its street. */
export function reachesEstate(member: Pick<Member, 'role' | 'estateId' | 'street'>, estate: Estate): boolean {
  return member.role === 'street'
    ? member.street !== null && estate.street === member.street
    : member.estateId === estate.id;
}

/**
 * Makes a one-time sign-in link for the staff web console (`linli console-link`; the CLI is admin by
 * definition). `user` names who signs in:
 * - a member id (`12`, `#12`) or `PLATFORM:ID` (`telegram:12345`): that person, as `linli members` lists them;
 * - otherwise a display name (case-insensitive) of a person holding a role;
 * - when nobody matches, a console-only member `web:NAME` is created (or given back its role) with
 *   `role` (default `staff`), for office staff who never use the chat.
 * With `role`, only that role of the person is considered. With `estate`, only the roles that reach that
 * estate: the session reads and acts on it alone (a `street` member then reads that one estate of its
 * street); a person without a role there is refused, naming the estates they hold roles in, rather than
 * shown another estate. A console-only member is created in that estate. The token is returned once and
 * stored hashed; it is valid for {@link CONSOLE_LINK_TTL_MS} and signs in once.
 */
export async function createConsoleLink(
  deps: { sessions: ConsoleSessionStore; members: ConsoleMemberDirectory; estates: ConsoleEstateDirectory },
  request: ConsoleLinkRequest,
  now: Date,
): Promise<ConsoleLinkResult> {
  if (request.estate !== undefined && !ESTATE_CODE.test(request.estate)) return { kind: 'invalid', reason: 'estate' };
  const estates = await deps.estates.list();
  const estate = request.estate === undefined ? undefined : estates.find((e) => e.code === request.estate);
  if (request.estate !== undefined && !estate) return { kind: 'unknown-estate', estates: estates.map((e) => e.code) };
  const street = request.street?.trim();
  if (street !== undefined && request.role !== 'street') return { kind: 'invalid', reason: 'street' };
  if (street !== undefined && !estates.some((e) => e.street === street))
    return { kind: 'unknown-street', streets: [...new Set(estates.flatMap((e) => (e.street ? [e.street] : [])))] };
  const name = request.user.trim();
  const all = await deps.members.list();
  const selector = parseMemberSelector(name);
  let candidates: Member[];
  if (selector?.kind === 'id') candidates = all.filter((m) => m.id === selector.id);
  else if (selector?.kind === 'subject')
    candidates = all.filter((m) => m.platform === selector.platform && m.subjectId === selector.subjectId);
  else
    candidates = all.filter(
      (m) =>
        m.displayName !== null && m.displayName.trim().toLowerCase() === name.toLowerCase() && m.revokedAt === null,
    );
  if (request.role !== undefined) candidates = candidates.filter((m) => m.role === request.role);
  if (street !== undefined) candidates = candidates.filter((m) => m.street === street);
  if (candidates.some((m) => m.subjectKind === 'group') && candidates.every((m) => m.subjectKind === 'group'))
    return { kind: 'invalid', reason: 'group' };
  candidates = candidates.filter((m) => m.subjectKind === 'user');

  let member: Member | undefined;
  let created = false;
  const active = candidates.filter((m) => m.revokedAt === null);
  const people = new Set(active.map((m) => `${m.platform}:${m.subjectId}`));
  if (people.size > 1) return { kind: 'ambiguous', members: active };
  const reaching = estate ? active.filter((m) => reachesEstate(m, estate)) : active;
  if (active.length > 0 && reaching.length === 0) {
    const held = estates.filter((e) => active.some((m) => reachesEstate(m, e))).map((e) => e.code);
    return { kind: 'other-estate', member: active[0]!, estates: held };
  }
  if (reaching.length > 0) {
    member = [...reaching].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))[0]!;
  } else if (candidates.length > 0) {
    return { kind: 'revoked', member: candidates[0]! };
  } else if (selector !== undefined) {
    return { kind: 'invalid', reason: 'name' };
  } else {
    if (!WEB_NAME.test(name)) return { kind: 'invalid', reason: 'name' };
    const role = request.role ?? 'staff';
    // A street member without its street would read no estate at all.
    if (role === 'street' && street === undefined) return { kind: 'invalid', reason: 'street' };
    // An active console-only member of this name matched above: this one is new, or given its role back.
    member = await deps.members.grant(
      { platform: WEB_PLATFORM, kind: 'user', id: name, displayName: name },
      role,
      now,
      estate?.id,
      street,
    );
    created = true;
  }
  const { token, expiresAt } = await issueConsoleLink(deps.sessions, member.id, request.estate ?? null, now);
  return { kind: 'ok', token, member, created, expiresAt };
}

/** Stores a new one-time link for a member (hashed) and returns its token, shown once. */
export async function issueConsoleLink(
  sessions: Pick<ConsoleSessionStore, 'createLink'>,
  memberId: number,
  estate: string | null,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newConsoleToken();
  const expiresAt = new Date(now.getTime() + CONSOLE_LINK_TTL_MS);
  await sessions.createLink({
    tokenHash: hashConsoleToken('link', token),
    memberId,
    estate,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** Where the console is reached: PUBLIC_URL, else this machine's HOST:PORT (a wildcard address as localhost). */
export function consoleLoginUrl(
  config: { publicUrl: string | undefined; host: string; port: number },
  token: string,
): string {
  const host = ['0.0.0.0', '::', ''].includes(config.host)
    ? 'localhost'
    : config.host.includes(':')
      ? `[${config.host}]`
      : config.host;
  return `${config.publicUrl ?? `http://${host}:${config.port}`}/console/login?token=${token}`;
}
