import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { renderMessage, splitText } from '../../../bots/line/render-message.ts';

const texts = { replyButton: '回覆住戶', recordingLink: (url: string) => `🎧 ${url}` };

describe('splitText', () => {
  it('keeps text within 5000 UTF-16 units per piece and loses nothing', () => {
    const text = '漏水'.repeat(6_000);
    const pieces = splitText(text);
    expect(pieces.map((p) => p.length)).toEqual([5000, 5000, 2000]);
    expect(pieces.join('')).toBe(text);
  });

  it('never cuts an emoji (a surrogate pair) in two', () => {
    const text = `${'a'.repeat(4999)}😀${'b'.repeat(10)}`;
    const pieces = splitText(text);
    expect(pieces[0]).toBe('a'.repeat(4999));
    expect(pieces[1]!.startsWith('😀')).toBe(true);
    expect(pieces.join('')).toBe(text);
  });

  it('prefers a line break near the limit', () => {
    const text = `${'x'.repeat(4000)}\n${'y'.repeat(2000)}`;
    expect(splitText(text)).toEqual(['x'.repeat(4000), 'y'.repeat(2000)]);
  });
});

describe('renderMessage', () => {
  it('puts quick replies on the last message, with labels of at most 20 characters', () => {
    const [call] = renderMessage(
      {
        text: '在哪棟樓/哪個位置？',
        style: 'quick-replies',
        buttons: [
          [
            { label: '中庭花園', data: 'place:s:中庭花園' },
            { label: '一個非常非常非常非常非常非常非常非常長的地點名稱', data: 'place:s:x' },
          ],
          [{ label: '跳過', data: 'place:skip' }],
        ],
      },
      texts,
    );
    const message = call![0] as messagingApi.TextMessage;
    const items = message.quickReply!.items!;
    expect(items).toHaveLength(3);
    expect(items[0]!.action).toEqual({
      type: 'postback',
      label: '中庭花園',
      data: 'place:s:中庭花園',
      displayText: '中庭花園',
    });
    expect(Array.from((items[1]!.action as messagingApi.PostbackAction).label!).length).toBe(20);
  });

  it('renders a staff card as a Flex bubble with postback buttons and a reply helper', () => {
    const [call] = renderMessage(
      {
        text: '🚨【緊急】 W-0007｜供水｜待處理\n位置：3號樓\n水管爆裂',
        style: 'card',
        urgent: true,
        buttons: [
          [
            { label: '受理', data: 'st:ack:7' },
            { label: '已解決', data: 'st:res:7' },
          ],
          [
            { label: '說明（暫時無法解決）', data: 'st:exp:7' },
            { label: '改分類', data: 'st:cat:7' },
          ],
        ],
      },
      texts,
    );
    expect(call).toHaveLength(1);
    const flex = call![0] as messagingApi.FlexMessage;
    expect(flex.type).toBe('flex');
    expect(flex.altText).toContain('W-0007');
    const json = JSON.stringify(flex.contents);
    for (const data of ['st:ack:7', 'st:res:7', 'st:exp:7', 'st:cat:7']) expect(json).toContain(data);
    expect(json).toContain('"fillInText":"/reply W-0007 "');
    expect(json).toContain('#D32F2F');
  });

  it('turns more buttons than quick replies allow into a card', () => {
    const buttons = [Array.from({ length: 14 }, (_, i) => ({ label: `${i}`, data: `x:${i}` }))];
    const [call] = renderMessage({ text: 'choose', style: 'quick-replies', buttons }, texts);
    expect(call![0]!.type).toBe('flex');
  });

  it('sends at most five messages per call', () => {
    const calls = renderMessage({ text: 'z'.repeat(5000 * 7) }, texts);
    expect(calls.map((c) => c.length)).toEqual([5, 2]);
  });

  it('skips another platform’s file id but shows an https image', () => {
    expect(
      renderMessage({ text: '照片', image: { platformFileId: 'AgACAgUAAxk' } }, texts)[0]!.map((m) => m.type),
    ).toEqual(['text']);
    expect(
      renderMessage({ text: '照片', image: { url: 'http://insecure.example/a.png' } }, texts)[0]!.map((m) => m.type),
    ).toEqual(['text']);
    expect(
      renderMessage({ text: '圖表', image: { url: 'https://example.org/chart.png' } }, texts)[0]!.map((m) => m.type),
    ).toEqual(['image', 'text']);
  });

  it('sends an m4a recording as an audio message before the card, and another format as its link', () => {
    const card = { text: 'W-0003｜供水\n3號樓停水', buttons: [[{ label: '受理', data: 'st:ack:3' }]] };
    const url = 'https://linli.example.org/media/12?exp=1&sig=abc';
    const [m4a] = renderMessage({ ...card, audio: { url, mimeType: 'audio/x-m4a', durationMs: 5000 } }, texts);
    expect(m4a![0]).toEqual({ type: 'audio', originalContentUrl: url, duration: 5000 });
    expect(m4a![1]!.type).toBe('flex');
    // A Telegram voice note is Ogg/Opus, which LINE's audio message does not play: its link goes instead.
    const [ogg] = renderMessage({ ...card, audio: { url, mimeType: 'audio/ogg', durationMs: 5000 } }, texts);
    expect(ogg![0]).toEqual({ type: 'text', text: `🎧 ${url}` });
    // Without a length LINE refuses the audio message: the link again.
    const [unknown] = renderMessage({ ...card, audio: { url, mimeType: 'audio/mp4' } }, texts);
    expect(unknown![0]).toEqual({ type: 'text', text: `🎧 ${url}` });
    // A file id (another platform's) or a plain http link: nothing LINE could fetch.
    for (const audio of [
      { platformFileId: 'AwACAgUAAxk' },
      { url: 'http://x.example/media/1', mimeType: 'audio/mp4', durationMs: 1000 },
    ])
      expect(renderMessage({ ...card, audio }, texts)[0]!.map((m) => m.type)).toEqual(['flex']);
  });

  it('sends nothing for empty text without buttons', () => {
    expect(renderMessage({ text: '' }, texts)).toEqual([]);
  });
});
