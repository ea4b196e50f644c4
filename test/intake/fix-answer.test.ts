import { describe, expect, it } from 'vitest';
import { readFixAnswer, type FixAnswer } from '../../src/intake/fix-answer.ts';

const TABLE: Array<[string, FixAnswer | undefined]> = [
  // A lone digit rates.
  ['3', { kind: 'rating', rating: 3 }],
  [' 5 ', { kind: 'rating', rating: 5 }],
  ['6', undefined],
  ['35', undefined],
  // zh-CN
  ['没修好，还在漏', { kind: 'not-fixed' }],
  ['修好了吗？我家还是没水', { kind: 'not-fixed' }],
  ['修好了', { kind: 'fixed' }],
  ['已经解决了，谢谢', { kind: 'fixed' }],
  ['好了，谢谢你们今天这么快就派人过来帮忙处理这个问题', undefined],
  ['电梯坏了', undefined],
  // zh-TW
  ['還沒好', { kind: 'not-fixed' }],
  ['還是壞的', { kind: 'not-fixed' }],
  ['已經修好了', { kind: 'fixed' }],
  ['沒問題了', { kind: 'fixed' }],
  // en
  ['still leaking', { kind: 'not-fixed' }],
  ["it isn't fixed", { kind: 'not-fixed' }],
  ['fixed now', { kind: 'fixed' }],
  ['all good, thanks', { kind: 'fixed' }],
  ['the lift in building 3 is broken', undefined],
];

describe('readFixAnswer', () => {
  it.each(TABLE)('reads %j', (text, expected) => {
    expect(readFixAnswer(text)).toEqual(expected);
  });
});
