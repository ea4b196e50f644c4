import type { ConsoleSessionStore } from './console-session-store.ts';
import { hashConsoleToken, newConsoleToken } from './console-tokens.ts';

/** Failed sign-ins an IP address may make within {@link LOGIN_WINDOW_MS} before it is turned away unchecked. */
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export type SignInResult = { kind: 'signed-in'; sessionToken: string } | { kind: 'refused' } | { kind: 'rate-limited' };

/**
 * Turns a one-time link into a session: the link is claimed (used, unexpired links only) and a new
 * session token is returned for the cookie. An address with too many failures is turned away without
 * the link being looked at, so links cannot be tried in bulk; only failures count.
 */
export async function signInWithLink(
  sessions: ConsoleSessionStore,
  linkToken: string,
  ip: string,
  now: Date,
): Promise<SignInResult> {
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
  if ((await sessions.countLoginFailures(ip, windowStart)) >= LOGIN_FAILURE_LIMIT) return { kind: 'rate-limited' };
  const claimed = /^[\w-]{20,100}$/.test(linkToken)
    ? await sessions.claimLink(hashConsoleToken('link', linkToken), now)
    : undefined;
  if (!claimed) {
    await sessions.recordLoginFailure(ip, now, windowStart);
    return { kind: 'refused' };
  }
  const sessionToken = newConsoleToken();
  await sessions.createSession({
    tokenHash: hashConsoleToken('session', sessionToken),
    memberId: claimed.memberId,
    estate: claimed.estate,
    at: now,
  });
  return { kind: 'signed-in', sessionToken };
}
