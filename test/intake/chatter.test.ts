import { describe, expect, it } from 'vitest';
import { chatterKind, isNoise, isStatusQuestion } from '../../src/intake/chatter.ts';
import { localeFromName, parseCommand } from '../../src/turn/commands.ts';
import { leadingReference } from '../../src/intake/leading-reference.ts';

describe('isStatusQuestion', () => {
  it.each([
    '什么时候能处理好？',
    '什么时候来修',
    '有人来吗',
    '有人管吗',
    '怎么还没人来',
    '处理得怎么样了',
    '进度如何？',
    '还要等多久',
    '修好了吗',
    '什麼時候能處理好？',
    '有人來嗎',
    '進度呢',
    'when will it be fixed?',
    'any update?',
    'is anyone coming?',
    'how long will it take?',
  ])('takes "%s" as a question about one\'s report', (text) => {
    expect(isStatusQuestion(text)).toBe(true);
  });
  it.each([
    '电梯坏了什么时候能修好',
    '水管漏水了，什么时候来修',
    '物业费怎么交？',
    'how do I use this bot?',
    '3号楼停水了',
    '',
    'when the lift is broken the stairs are dark and dirty, nobody cleans them, it has been like this for weeks',
  ])('does not take "%s" for one', (text) => {
    expect(isStatusQuestion(text)).toBe(false);
  });
});

describe('chatterKind', () => {
  it.each([
    ['好的', 'ack'],
    ['嗯', 'ack'],
    ['收到', 'ack'],
    ['ok', 'ack'],
    ['OK!', 'ack'],
    ['👍', 'ack'],
    ['谢谢', 'thanks'],
    ['辛苦了', 'thanks'],
    ['thank you', 'thanks'],
    ['你好', 'greeting'],
    ['物业费怎么交？', 'question'],
    ['明天上午我都在家', 'statement'],
  ] as const)('"%s" is %s', (text, kind) => {
    expect(chatterKind(text)).toBe(kind);
  });
});

describe('isNoise', () => {
  it.each(['a', 'x', '7', '?', '。。。', '🙂', ' '])('"%s" says nothing', (text) => {
    expect(isNoise(text)).toBe(true);
  });
  it.each(['ok', '好的', '明天在家', '5栋'])('"%s" says something', (text) => {
    expect(isNoise(text)).toBe(false);
  });
});

describe('leadingReference', () => {
  it('splits a reference typed in any common way from the words after it', () => {
    expect(leadingReference('U-0001 我也是')).toEqual({ reference: 'U-0001', rest: '我也是' });
    expect(leadingReference('w-12：还在漏')).toEqual({ reference: 'W-0012', rest: '还在漏' });
    expect(leadingReference('W0003')).toEqual({ reference: 'W-0003', rest: '' });
    expect(leadingReference('3号楼停水了')).toBeUndefined();
    expect(leadingReference('B2 车库漏水')).toBeUndefined();
  });
});

describe('parseCommand and localeFromName', () => {
  it('reads any word after a slash as a command, known or not', () => {
    expect(parseCommand('/報修')).toEqual({ name: 'other', verb: '報修', arg: '' });
    expect(parseCommand('/help2')).toEqual({ name: 'other', verb: 'help2', arg: '' });
    expect(parseCommand('/withdraw@LinliBot U-0001')).toEqual({ name: 'other', verb: 'withdraw', arg: 'U-0001' });
    expect(parseCommand('/usr/bin 是什么')).toBeUndefined();
  });
  it.each([
    ['简体', 'zh-CN'],
    ['簡體中文', 'zh-CN'],
    ['繁體', 'zh-TW'],
    ['繁体', 'zh-TW'],
    ['english', 'en'],
    ['English', 'en'],
    ['英文', 'en'],
    ['zh-TW', 'zh-TW'],
    ['zh_hk', 'zh-TW'],
    ['en-GB', 'en'],
  ] as const)('names "%s" as %s', (word, locale) => {
    expect(localeFromName(word, 'zh-CN')).toBe(locale);
  });
  it('keeps the script a Chinese reader already has for "中文", and knows no other names', () => {
    expect(localeFromName('中文', 'zh-TW')).toBe('zh-TW');
    expect(localeFromName('中文', 'en')).toBe('zh-CN');
    expect(localeFromName('klingon', 'en')).toBeUndefined();
    expect(localeFromName('', 'en')).toBeUndefined();
  });
});
