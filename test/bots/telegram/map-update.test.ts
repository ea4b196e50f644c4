import { describe, expect, it } from 'vitest';
import { mapUpdate, mapUpdateBody } from '../../../bots/telegram/map-update.ts';
import { TelegramRateLimiter } from '../../../bots/telegram/rate-limiter.ts';
import { splitText } from '../../../bots/telegram/split-text.ts';
import { verifySecretToken } from '../../../bots/telegram/verify-secret-token.ts';
import { callbackUpdate, GROUP, photoUpdate, RESIDENT, STAFF, textUpdate } from './harness.ts';

describe('mapUpdate', () => {
  it('maps a private text message with the language hint', () => {
    const update = textUpdate('3号楼停水了', { updateId: 77 });
    expect(mapUpdate(update)).toEqual({
      kind: 'event',
      updateId: 77,
      event: {
        platform: 'telegram',
        eventId: '77',
        kind: 'message',
        chat: { id: '1001', type: 'private' },
        sender: { id: '1001', displayName: '小 李', languageHint: 'zh-hans' },
        text: '3号楼停水了',
        occurredAt: new Date(update.message.date * 1000).toISOString(),
      },
    });
  });

  it('maps a supergroup reply to a card as a group message with replyToMessageId', () => {
    const mapped = mapUpdate(textUpdate('明天上午修好', { from: STAFF, chat: GROUP, replyTo: 555 }));
    expect(mapped).toMatchObject({
      kind: 'event',
      event: { chat: { id: String(GROUP.id), type: 'group' }, replyToMessageId: '555', sender: { id: '2001' } },
    });
  });

  it('keeps the largest photo size and the caption', () => {
    const mapped = mapUpdate(
      photoUpdate('楼道灯坏了', [
        { file_id: 'small', width: 90, height: 67, file_size: 1200 },
        { file_id: 'large', width: 1280, height: 960, file_size: 90_000 },
        { file_id: 'medium', width: 320, height: 240, file_size: 15_000 },
      ]),
    );
    expect(mapped).toMatchObject({
      kind: 'event',
      event: { text: '楼道灯坏了', photo: { fileId: 'large', sizeBytes: 90_000, mimeType: 'image/jpeg' } },
    });
  });

  it('maps locations, venues and voice notes', () => {
    const base = {
      update_id: 1,
      message: { message_id: 1, date: 1_700_000_000, from: RESIDENT, chat: { id: 1001, type: 'private' } },
    };
    expect(
      mapUpdate({ ...base, message: { ...base.message, location: { latitude: 31.2, longitude: 121.5 } } }),
    ).toMatchObject({ event: { location: { latitude: 31.2, longitude: 121.5 } } });
    expect(
      mapUpdate({
        ...base,
        message: {
          ...base.message,
          location: { latitude: 31.2, longitude: 121.5 },
          venue: { location: { latitude: 31.2, longitude: 121.5 }, title: '中心花园', address: '幸福路1号' },
        },
      }),
    ).toMatchObject({
      event: { location: { latitude: 31.2, longitude: 121.5, title: '中心花园', address: '幸福路1号' } },
    });
    expect(
      mapUpdate({
        ...base,
        message: {
          ...base.message,
          voice: { file_id: 'v1', file_unique_id: 'u', duration: 12, mime_type: 'audio/ogg', file_size: 3000 },
        },
      }),
    ).toMatchObject({
      event: { audio: { fileId: 'v1', mimeType: 'audio/ogg', durationSeconds: 12, sizeBytes: 3000 } },
    });
  });

  it('maps a button press to a callback with its data and id', () => {
    const update = callbackUpdate('st:ack:3', 42, { from: STAFF, chat: GROUP });
    expect(mapUpdate(update)).toMatchObject({
      kind: 'event',
      event: {
        kind: 'callback',
        callbackData: 'st:ack:3',
        callbackId: update.callback_query.id,
        chat: { type: 'group' },
        sender: { id: '2001' },
      },
    });
  });

  it('maps the bot being added to a group as a join', () => {
    const update = {
      update_id: 9,
      my_chat_member: {
        chat: GROUP,
        from: STAFF,
        date: 1_700_000_000,
        old_chat_member: { status: 'left', user: { id: 7 } },
        new_chat_member: { status: 'member', user: { id: 7, is_bot: true, first_name: 'Linli' } },
      },
    };
    expect(mapUpdate(update)).toMatchObject({
      kind: 'event',
      event: { kind: 'join', chat: { id: String(GROUP.id), type: 'group' } },
    });
  });

  it('ignores update types and chats the bot does not use', () => {
    expect(mapUpdate({ update_id: 3, edited_message: {} })).toEqual({
      kind: 'ignored',
      updateId: 3,
      reason: 'update type not used',
    });
    expect(
      mapUpdate({ update_id: 4, message: { message_id: 1, date: 1, chat: { id: -100, type: 'channel' }, text: 'x' } }),
    ).toMatchObject({ kind: 'ignored' });
    expect(mapUpdate(textUpdate('hi', { from: { ...STAFF, is_bot: true } }))).toMatchObject({ kind: 'ignored' });
  });

  it('refuses what is not an update', () => {
    expect(mapUpdateBody(Buffer.from('{not json'))).toMatchObject({ kind: 'invalid' });
    expect(mapUpdateBody(Buffer.from('[]'))).toMatchObject({ kind: 'invalid' });
    expect(mapUpdateBody(Buffer.from('{"update_id":"7"}'))).toMatchObject({ kind: 'invalid' });
    expect(mapUpdateBody(Buffer.from('{"update_id":7,"message":{"text":"no chat"}}'))).toMatchObject({
      kind: 'invalid',
    });
  });
});

describe('verifySecretToken', () => {
  it('accepts the secret and refuses a missing, a wrong, a longer or a shorter one', () => {
    expect(verifySecretToken('s3cret_token', 's3cret_token')).toBe('ok');
    expect(verifySecretToken(undefined, 's3cret_token')).toBe('missing');
    expect(verifySecretToken('', 's3cret_token')).toBe('missing');
    expect(verifySecretToken('s3cret_tokem', 's3cret_token')).toBe('mismatch');
    expect(verifySecretToken('s3cret_token_', 's3cret_token')).toBe('mismatch');
    expect(verifySecretToken('s3cret', 's3cret_token')).toBe('mismatch');
  });
});

describe('splitText', () => {
  it('keeps short text whole and splits long text at line breaks, in order', () => {
    expect(splitText('短')).toEqual(['短']);
    const text = `${'a'.repeat(3000)}\n${'b'.repeat(3000)}`;
    expect(splitText(text)).toEqual(['a'.repeat(3000), 'b'.repeat(3000)]);
  });

  it('cuts text without breaks at the limit without splitting an emoji', () => {
    const text = `${'x'.repeat(4095)}😀${'y'.repeat(10)}`;
    const parts = splitText(text);
    expect(parts.join('')).toBe(text);
    expect(parts[0]).toHaveLength(4095);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
  });
});

describe('TelegramRateLimiter', () => {
  it('lets a short burst through, then paces one chat to about one a second', () => {
    let now = 0;
    const limiter = new TelegramRateLimiter(undefined, () => now);
    expect([limiter.take('1', false), limiter.take('1', false), limiter.take('1', false)]).toEqual([0, 0, 0]);
    expect(limiter.take('1', false)).toBe(1000);
    expect(limiter.take('2', false)).toBe(0);
    now = 1000;
    expect(limiter.take('1', false)).toBe(0);
  });

  it('holds a group to 20 messages a minute', () => {
    let now = 0;
    const limiter = new TelegramRateLimiter(undefined, () => now);
    for (let i = 0; i < 20; i++) {
      now = i * 1000;
      expect(limiter.take('-100', true)).toBe(0);
    }
    now = 20_000;
    expect(limiter.take('-100', true)).toBe(40_000);
    now = 60_000;
    expect(limiter.take('-100', true)).toBe(0);
  });

  it('holds all chats together to 30 messages a second', () => {
    const limiter = new TelegramRateLimiter(undefined, () => 0);
    for (let i = 0; i < 30; i++) expect(limiter.take(String(i), false)).toBe(0);
    expect(limiter.take('31', false)).toBe(1000);
  });
});
