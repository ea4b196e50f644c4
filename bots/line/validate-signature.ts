import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether `signature` (the `x-line-signature` header: base64 of HMAC-SHA256 over the raw body, keyed
 * with the channel secret) matches `rawBody`. It works on the exact bytes received: re-serialising
 * parsed JSON would change them (an escaped "\ud83d\ude00" becomes a literal emoji) and fail.
 */
export function validateSignature(rawBody: Buffer, channelSecret: string, signature: string | undefined): boolean {
  if (signature === undefined || signature === '') return false;
  const expected = createHmac('sha256', channelSecret).update(rawBody).digest();
  const given = Buffer.from(signature, 'base64');
  // timingSafeEqual throws on different lengths; the length of a digest is no secret.
  if (given.length !== expected.length) return false;
  // Constant-time comparison, so the time taken tells nothing about how many bytes matched.
  return timingSafeEqual(given, expected);
}
