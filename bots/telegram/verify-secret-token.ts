import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks the `X-Telegram-Bot-Api-Secret-Token` header against the secret given to setWebhook. Both
 * sides are hashed first so that the comparison is constant-time whatever their lengths (a plain
 * comparison would let an attacker guess the secret byte by byte from response times).
 */
export function verifySecretToken(
  header: string | string[] | undefined,
  secret: string,
): 'ok' | 'missing' | 'mismatch' {
  if (header === undefined || header === '') return 'missing';
  const given = Array.isArray(header) ? header.join(',') : header;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b) ? 'ok' : 'mismatch';
}
