import type { ConsoleSession, ConsoleSessionStore } from './console-session-store.ts';
import { hashConsoleToken } from './console-tokens.ts';

/** Use within this long of the last recorded use is not written down again (one write a minute at most). */
const TOUCH_EVERY_MS = 60_000;

/**
 * The session behind a cookie's token, if it may still be used: not logged out, used within `idleMs`,
 * its member not revoked. Extends the idle time (see {@link TOUCH_EVERY_MS}).
 */
export async function resumeSession(
  sessions: ConsoleSessionStore,
  token: string | undefined,
  now: Date,
  idleMs: number,
): Promise<ConsoleSession | undefined> {
  if (token === undefined || !/^[\w-]{20,100}$/.test(token)) return undefined;
  const session = await sessions.findSession(hashConsoleToken('session', token), new Date(now.getTime() - idleMs));
  if (session && now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
    await sessions.touchSession(session.id, now);
  return session;
}
