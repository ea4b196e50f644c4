import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret for a link or a session cookie: 256 random bits, URL-safe. */
export function newConsoleToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How a link or session token is stored: its SHA-256, domain-separated so one kind never passes for the other. */
export function hashConsoleToken(kind: 'link' | 'session', token: string): string {
  return createHash('sha256').update(`linli-console-${kind}:${token}`).digest('hex');
}

/**
 * The CSRF token of a session: derived from the session's secret, so it needs no storage, differs per
 * session, and cannot be computed by a page that does not hold the cookie.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update(`linli-console-csrf:${sessionToken}`).digest('base64url');
}

/** Whether a submitted CSRF token is the session's, compared in constant time. */
export function isCsrfToken(sessionToken: string, submitted: string | undefined): boolean {
  if (submitted === undefined) return false;
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  const given = Buffer.from(submitted);
  // Constant-time comparison, so the token cannot be found byte by byte from response times.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
