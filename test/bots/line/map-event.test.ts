import { describe, expect, it } from 'vitest';
import { mapLineEvent } from '../../../bots/line/map-event.ts';

const receivedAt = new Date('2026-03-02T01:00:00.000Z');
const base = {
  timestamp: 1772413200000,
  mode: 'active',
  webhookEventId: '01HX',
  deliveryContext: { isRedelivery: false },
};

describe('mapLineEvent', () => {
  it('maps a private text message with its reply token', () => {
    const event = mapLineEvent(
      {
        ...base,
        type: 'message',
        replyToken: 'tok',
        source: { type: 'user', userId: 'U1' },
        message: { id: '9', type: 'text', text: '3號樓停水', quoteToken: 'q' },
      },
      { receivedAt },
    );
    expect(event).toEqual({
      platform: 'line',
      eventId: '01HX',
      kind: 'message',
      chat: { id: 'U1', type: 'private' },
      sender: { id: 'U1' },
      text: '3號樓停水',
      replyToken: { token: 'tok', receivedAt: receivedAt.toISOString() },
      occurredAt: new Date(1772413200000).toISOString(),
    });
  });

  it('maps group postbacks, images, audio and locations', () => {
    const group = { type: 'group', groupId: 'C1', userId: 'U2' };
    expect(
      mapLineEvent({ ...base, type: 'postback', source: group, postback: { data: 'st:ack:3' } }, { receivedAt }),
    ).toMatchObject({
      kind: 'callback',
      chat: { id: 'C1', type: 'group' },
      sender: { id: 'U2' },
      callbackData: 'st:ack:3',
    });
    expect(
      mapLineEvent(
        {
          ...base,
          type: 'message',
          source: { type: 'user', userId: 'U1' },
          message: { id: '77', type: 'image', contentProvider: { type: 'line' } },
        },
        { receivedAt },
      ),
    ).toMatchObject({ photo: { fileId: '77' } });
    expect(
      mapLineEvent(
        {
          ...base,
          type: 'message',
          source: { type: 'user', userId: 'U1' },
          message: { id: '78', type: 'audio', duration: 4200, contentProvider: { type: 'line' } },
        },
        { receivedAt },
      ),
    ).toMatchObject({ audio: { fileId: '78', durationSeconds: 4 } });
    // Whole seconds, rounded: a clip under half a second is 0 (too short to hear), one over it 1.
    for (const [duration, durationSeconds] of [
      [400, 0],
      [600, 1],
    ] as const)
      expect(
        mapLineEvent(
          {
            ...base,
            type: 'message',
            source: { type: 'user', userId: 'U1' },
            message: { id: '79', type: 'audio', duration, contentProvider: { type: 'line' } },
          },
          { receivedAt },
        ),
      ).toMatchObject({ audio: { durationSeconds } });
    expect(
      mapLineEvent(
        {
          ...base,
          type: 'message',
          source: { type: 'user', userId: 'U1' },
          message: { id: '79', type: 'location', latitude: 25.03, longitude: 121.56, title: '中庭', address: '台北市' },
        },
        { receivedAt },
      ),
    ).toMatchObject({ location: { latitude: 25.03, longitude: 121.56, title: '中庭', address: '台北市' } });
  });

  it('maps quoting a message to a reply-to, follow with the profile language, and join', () => {
    expect(
      mapLineEvent(
        {
          ...base,
          type: 'message',
          source: { type: 'group', groupId: 'C1', userId: 'U2' },
          message: { id: '1', type: 'text', text: '明天修', quotedMessageId: '600' },
        },
        { receivedAt },
      ),
    ).toMatchObject({ replyToMessageId: '600' });
    expect(
      mapLineEvent(
        {
          ...base,
          type: 'follow',
          replyToken: 't',
          source: { type: 'user', userId: 'U1' },
          follow: { isUnblocked: false },
        },
        { receivedAt, languageHint: 'zh-TW' },
      ),
    ).toMatchObject({ kind: 'follow', sender: { id: 'U1', languageHint: 'zh-TW' } });
    expect(
      mapLineEvent({ ...base, type: 'join', replyToken: 't', source: { type: 'room', roomId: 'R1' } }, { receivedAt }),
    ).toMatchObject({ kind: 'join', chat: { id: 'R1', type: 'group' } });
  });

  it('drops the reply token of a redelivery and gives a group sender without user id an id no member can have', () => {
    const event = mapLineEvent(
      {
        ...base,
        deliveryContext: { isRedelivery: true },
        type: 'message',
        replyToken: 'old',
        source: { type: 'group', groupId: 'C1' },
        message: { id: '1', type: 'text', text: '/ack W-0001' },
      },
      { receivedAt },
    );
    expect(event?.replyToken).toBeUndefined();
    expect(event?.sender.id).toBe('anonymous:01HX');
  });

  it('ignores what Linli does not handle', () => {
    for (const raw of [
      null,
      'text',
      { ...base, type: 'unfollow', source: { type: 'user', userId: 'U1' } },
      {
        ...base,
        type: 'message',
        source: { type: 'user', userId: 'U1' },
        message: { id: '1', type: 'sticker', packageId: '1', stickerId: '1' },
      },
      {
        ...base,
        mode: 'standby',
        type: 'message',
        source: { type: 'user', userId: 'U1' },
        message: { id: '1', type: 'text', text: 'hi' },
      },
      { ...base, type: 'message', message: { id: '1', type: 'text', text: 'no source' } },
    ]) {
      expect(mapLineEvent(raw, { receivedAt })).toBeUndefined();
    }
  });
});
