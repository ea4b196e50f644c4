import { createHash, timingSafeEqual } from 'node:crypto';

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * A check of the `X-Telegram-Bot-Api-Secret-Token` header against the secret given to setWebhook.
 * Both sides are hashed first so that the comparison is constant-time whatever their lengths (a plain
 * comparison would let an attacker guess the secret byte by byte from response times); the secret's
 * hash is computed once, here, not on every request.
 */
export function secretTokenCheck(
  secret: string,
): (header: string | string[] | undefined) => 'ok' | 'missing' | 'mismatch' {
  const expected = sha256(secret);
  return (header) => {
    if (header === undefined || header === '') return 'missing';
    const given = Array.isArray(header) ? header.join(',') : header;
    return timingSafeEqual(sha256(given), expected) ? 'ok' : 'mismatch';
  };
}

/** Checks the header against `secret` once (see {@link secretTokenCheck}, which a route builds once). */
export function verifySecretToken(
  header: string | string[] | undefined,
  secret: string,
): 'ok' | 'missing' | 'mismatch' {
  return secretTokenCheck(secret)(header);
}
