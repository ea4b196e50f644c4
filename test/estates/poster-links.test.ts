import { describe, expect, it } from 'vitest';
import { posterLinks } from '../../src/estates/poster-links.ts';

const telegram = (token?: string, botUsername?: string) => ({
  token,
  botUsername,
  apiRoot: 'https://api.telegram.org',
  webhookSecret: undefined,
});
const line = (channelSecret?: string, basicId?: string) => ({
  channelSecret,
  channelAccessToken: channelSecret,
  basicId,
  apiBaseUrl: 'https://api.line.me',
  dataApiBaseUrl: 'https://api-data.line.me',
});

describe('posterLinks', () => {
  it('gives a link for each platform that is on and named', () => {
    const result = posterLinks(
      { telegram: telegram('1:x', 'linli_bot'), line: line('s', '@abc1234d') },
      'east-2',
      'zh-TW',
    );
    expect(result.links).toEqual({
      telegram: { url: 'https://t.me/linli_bot?start=east-2', handle: '@linli_bot' },
      line: {
        url: 'https://line.me/R/oaMessage/%40abc1234d/?%E5%8A%A0%E5%85%A5%20east-2',
        handle: 'LINE ID @abc1234d',
        text: '加入 east-2',
      },
    });
    expect(result.problems).toEqual([]);
  });

  it('leaves out a platform that is off, even when its name is set', () => {
    const result = posterLinks({ telegram: telegram(undefined, 'linli_bot'), line: line('s', '@abc1234d') }, 'a', 'en');
    expect(Object.keys(result.links)).toEqual(['line']);
    expect(result.problems).toEqual(['Telegram is off (TELEGRAM_BOT_TOKEN is not set), so its QR code is left out']);
  });

  it('names the setting that is missing for a platform that is on', () => {
    const result = posterLinks({ telegram: telegram('1:x'), line: line() }, 'a', 'zh-CN');
    expect(result.links).toEqual({});
    expect(result.missing).toBe('TELEGRAM_BOT_USERNAME');
    expect(result.problems[0]).toContain('TELEGRAM_BOT_USERNAME');
    expect(posterLinks({ telegram: telegram(), line: line('s') }, 'a', 'zh-CN').missing).toBe('LINE_BASIC_ID');
  });

  it('with nothing on, says how to turn each platform on', () => {
    const result = posterLinks({ telegram: telegram(), line: line() }, 'a', 'zh-CN');
    expect(result.links).toEqual({});
    expect(result.missing).toBe('TELEGRAM_BOT_TOKEN');
    expect(result.problems.join(' ')).toMatch(/TELEGRAM_BOT_USERNAME.*LINE_BASIC_ID/);
  });
});
