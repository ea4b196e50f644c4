import { describe, expect, it } from 'vitest';
import { splitClauses } from '../../src/classify/clauses.ts';
import { scoreClause } from '../../src/classify/lexicon-scorer.ts';
import { normaliseText } from '../../src/classify/normalise-text.ts';

describe('splitClauses', () => {
  it('gives a long message’s salutation and sign-off no weight', () => {
    const text = normaliseText(
      '尊敬的物业公司领导：您好！我是3号楼的业主，近一个月来楼道灯一直不亮，晚上上下楼非常危险，请尽快安排维修。此致 敬礼！',
    );
    const weights = Object.fromEntries(splitClauses(text).map((c) => [c.text, c.weight]));
    expect(weights['尊敬的物业公司领导']).toBe(0);
    expect(weights['您好']).toBe(0);
    expect(weights['此致 敬礼']).toBe(0);
    expect(weights['近一个月来楼道灯一直不亮']).toBe(1);
  });

  it('keeps the thanks of a short message: there it is the message', () => {
    expect(splitClauses('水来了，谢谢').map((c) => c.weight)).toEqual([1, 1]);
    expect(splitClauses('谢谢！').map((c) => c.weight)).toEqual([1]);
  });

  it('weighs a problem raised as an aside less than the main one', () => {
    const clauses = splitClauses('3号楼停水一天了，另外楼道灯也坏了');
    expect(clauses.map((c) => c.weight)).toEqual([1, 0.4]);
  });

  it('keeps offsets into the text', () => {
    const text = 'Lift broken.  Also the bins stink!';
    for (const clause of splitClauses(text)) expect(text.slice(clause.start, clause.end)).toBe(clause.text);
  });
});

describe('scoreClause', () => {
  it('matches English cues with their common endings, and whole words only', () => {
    expect(scoreClause('the pipe is leaking and trees are falling').greening).toBeGreaterThan(0);
    expect(scoreClause('a treatment plan').greening).toBe(0);
  });

  it('reads the lexicon after normalisation, so traditional text scores like simplified', () => {
    expect(scoreClause(normaliseText('電梯壞了'))).toEqual(scoreClause('电梯坏了'));
  });
});
