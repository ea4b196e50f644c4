import { describe, expect, it } from 'vitest';
import { correctedText, readCorrection } from '../../src/intake/transcript-correction.ts';

describe('readCorrection', () => {
  it('reads a restatement in the three languages', () => {
    for (const [message, text] of [
      ['不对，我说的是3号楼电梯坏了', '3号楼电梯坏了'],
      ['我说的是：5号楼停电', '5号楼停电'],
      ['听错了，是5号楼停电', '5号楼停电'],
      ['不對，我說的是3號樓電梯壞了', '3號樓電梯壞了'],
      ['聽錯了 7號樓漏水', '7號樓漏水'],
      ['No, I said the lift in building 5 is broken', 'the lift in building 5 is broken'],
      ['I meant building 7', 'building 7'],
      ['Correction: the gate of building 2 is broken', 'the gate of building 2 is broken'],
    ])
      expect(readCorrection(message!), message).toEqual({ kind: 'restate', text });
  });

  it('reads a swap', () => {
    expect(readCorrection('不是3号楼是5号楼')).toEqual({ kind: 'replace', from: '3号楼', to: '5号楼' });
    expect(readCorrection('不对，不是停水，而是停电。')).toEqual({ kind: 'replace', from: '停水', to: '停电' });
    expect(readCorrection('不是停水，是停電')).toEqual({ kind: 'replace', from: '停水', to: '停電' });
    expect(readCorrection('not building 3 but building 5')).toEqual({
      kind: 'replace',
      from: 'building 3',
      to: 'building 5',
    });
  });

  it('leaves ordinary follow-ups, answers and questions alone', () => {
    for (const message of [
      '还在漏',
      '补充：晚上打电话给我',
      '谢谢',
      '不是很急',
      '是的',
      '不是说好今天来修吗？是不是忘了',
      '是不是要等很久',
      'still leaking',
      'no thanks',
      'it is not urgent',
      'The lift is not working',
    ])
      expect(readCorrection(message), message).toBeUndefined();
  });
});

describe('correctedText', () => {
  it('swaps the part heard wrongly, or keeps both when that part is not in what was heard', () => {
    const swap = { kind: 'replace', from: '3号楼', to: '5号楼' } as const;
    expect(correctedText('3号楼停水一天了', swap, '不是3号楼是5号楼')).toBe('5号楼停水一天了');
    expect(correctedText('三号楼停水一天了', swap, '不是3号楼是5号楼')).toBe('三号楼停水一天了\n不是3号楼是5号楼');
    expect(correctedText('3号楼停水', { kind: 'restate', text: '5号楼停电' }, '不对，我说的是5号楼停电')).toBe(
      '5号楼停电',
    );
  });
});
