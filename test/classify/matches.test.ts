import { describe, expect, it } from 'vitest';
import { matchesOf } from '../../src/classify/matches.ts';

/** What a test compares: each match's text, groups and index. */
const shape = (matches: Iterable<RegExpMatchArray>) => [...matches].map((m) => [[...m], m.index]);

describe('the matches of a global pattern', () => {
  it('are those of matchAll: groups, indexes, every match in order', () => {
    const pattern = /(\d+)号楼|([a-z])栋/g;
    const text = '3号楼和12号楼之间，b栋旁边的3号楼';
    expect(shape(matchesOf(pattern, text))).toEqual(shape(text.matchAll(pattern)));
    expect(matchesOf(pattern, text).map((m) => m.index)).toEqual([0, 4, 11, 16]);
    expect(matchesOf(pattern, '没有楼号')).toEqual([]);
  });

  it('step over empty matches as matchAll does, a surrogate pair at a time in a Unicode pattern', () => {
    for (const pattern of [/x*/g, /x*/gu, new RegExp('x*', 'gv'), /(?=楼)/g]) {
      for (const text of ['axxb', '', '🚒x🚒', '3号楼2号楼']) {
        expect(shape(matchesOf(pattern, text))).toEqual(shape(text.matchAll(pattern)));
      }
    }
  });

  it('leave the pattern at rest, whatever its lastIndex was, and refuse a pattern that is not global', () => {
    const pattern = /楼/g;
    pattern.lastIndex = 2;
    expect(matchesOf(pattern, '楼上楼下').map((m) => m.index)).toEqual([0, 2]);
    expect(pattern.lastIndex).toBe(0);
    expect(() => matchesOf(/楼/, '楼')).toThrow(/global/);
  });
});
