import { describe, expect, it } from 'vitest';
import { joinPayload, joinText, readJoinPayload, readJoinText } from '../../src/estates/join-link.ts';
import { LOCALES } from '../../src/i18n/catalog.ts';

describe('join links', () => {
  it('carry the estate code as the Telegram start payload, as it is', () => {
    expect(joinPayload('lincheng-1')).toBe('lincheng-1');
    expect(joinPayload('default')).toBe('default');
  });

  it('pre-fill a join message in the poster language', () => {
    expect(joinText('lincheng-1', 'zh-CN')).toBe('加入 lincheng-1');
    expect(joinText('lincheng-1', 'zh-TW')).toBe('加入 lincheng-1');
    expect(joinText('lincheng-1', 'en')).toBe('join lincheng-1');
  });

  it('refuse a code a link cannot carry', () => {
    for (const bad of ['', 'Lincheng', 'lin cheng', '-a', 'a-', 'a--b', '幸福里', 'a'.repeat(65)])
      expect(() => joinPayload(bad), bad).toThrow(RangeError);
    expect(joinPayload('a'.repeat(64))).toHaveLength(64);
  });

  it('read back what they write, in every language', () => {
    for (const locale of LOCALES) {
      expect(readJoinText(joinText('lincheng-1', locale)), locale).toBe('lincheng-1');
      expect(readJoinPayload(joinPayload('lincheng-1'))).toBe('lincheng-1');
    }
  });

  it.each([
    ['加入lincheng-1', 'lincheng-1'],
    ['加入　lincheng-1', 'lincheng-1'],
    ['  加入：lincheng-1 ', 'lincheng-1'],
    ['Join LINCHENG-1', 'lincheng-1'],
    ['JOIN default', 'default'],
    ['加入 幸福里', undefined],
    ['我想加入 lincheng-1 小区', undefined],
    ['lincheng-1', undefined],
    ['join', undefined],
    ['停水了', undefined],
  ])('read a typed join message %j as %j', (text, code) => {
    expect(readJoinText(text)).toBe(code);
  });

  it.each([
    ['lincheng-1', 'lincheng-1'],
    [' Lincheng-1 ', 'lincheng-1'],
    ['', undefined],
    ['ref_W-0012', undefined],
  ])('read the start payload %j as %j', (payload, code) => {
    expect(readJoinPayload(payload)).toBe(code);
  });
});
