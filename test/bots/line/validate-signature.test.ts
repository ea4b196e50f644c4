import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateSignature } from '../../../bots/line/validate-signature.ts';

const SECRET = 'test-channel-secret';
const sign = (body: Buffer | string) => createHmac('sha256', SECRET).update(body).digest('base64');

describe('validateSignature', () => {
  const body = Buffer.from('{"destination":"Ubot","events":[]}');

  it('accepts the signature LINE computes over the raw body', () => {
    expect(validateSignature(body, SECRET, sign(body))).toBe(true);
  });

  it('refuses a tampered body, a signature made with another secret, and no signature at all', () => {
    expect(validateSignature(Buffer.from('{"destination":"Ubot","events":[{}]}'), SECRET, sign(body))).toBe(false);
    expect(validateSignature(body, SECRET, createHmac('sha256', 'other').update(body).digest('base64'))).toBe(false);
    expect(validateSignature(body, SECRET, undefined)).toBe(false);
    expect(validateSignature(body, SECRET, '')).toBe(false);
    expect(validateSignature(body, SECRET, 'not base64 at all')).toBe(false);
  });

  it('checks the exact bytes: escaped emoji pass as sent, and would fail after JSON re-serialisation', () => {
    const raw = Buffer.from(
      '{"events":[{"type":"message","message":{"type":"text","text":"\\ud83d\\ude00 3號樓停水"}}]}',
    );
    const signature = sign(raw);
    expect(validateSignature(raw, SECRET, signature)).toBe(true);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))));
    expect(reserialised.toString()).toContain('😀');
    expect(validateSignature(reserialised, SECRET, signature)).toBe(false);
  });
});
