import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/tickets/category.ts';
import { findReference, formatReference, REFERENCE_PATTERN } from '../../src/tickets/reference.ts';

describe('formatReference', () => {
  it('writes the category letter, a dash and at least four digits', () => {
    expect(formatReference('water_supply', 1)).toBe('W-0001');
    expect(formatReference('greening', 123)).toBe('G-0123');
    expect(formatReference('security', 9999)).toBe('S-9999');
    expect(formatReference('upkeep', 12345)).toBe('U-12345');
    expect(formatReference('other', 999_999)).toBe('O-999999');
  });

  it('gives each category its own letter, and every reference matches the published pattern', () => {
    const letters = CATEGORIES.map((c) => formatReference(c, 1)[0]);
    expect(new Set(letters).size).toBe(CATEGORIES.length);
    for (const category of CATEGORIES) {
      for (const n of [1, 42, 9999, 10_000, 999_999]) {
        expect(formatReference(category, n)).toMatch(new RegExp(`^${REFERENCE_PATTERN.source}$`));
      }
    }
  });

  it('refuses numbers a reference cannot hold', () => {
    for (const n of [0, -1, 1.5, 1_000_000, Number.NaN])
      expect(() => formatReference('water_supply', n)).toThrow(RangeError);
  });
});

describe('findReference', () => {
  it('finds a reference as staff and residents type it', () => {
    expect(findReference('W-0012 修好了吗')).toBe('W-0012');
    expect(findReference('w-12 修好了吗')).toBe('W-0012');
    expect(findReference('请问W0012进展')).toBe('W-0012');
    expect(findReference('about g-0005, thanks')).toBe('G-0005');
    expect(findReference('S-123456')).toBe('S-123456');
  });

  it('finds nothing in text without a reference', () => {
    expect(findReference('3号楼2单元停水一天了')).toBeUndefined();
    expect(findReference('')).toBeUndefined();
    expect(findReference('W-1234567 seven digits')).toBeUndefined();
    expect(findReference('FLOW-0012 letters glued on')).toBeUndefined();
  });

  it('skips letter-number codes that are not tickets and finds the reference after them', () => {
    expect(findReference('X-0012')).toBeUndefined();
    expect(findReference('B-1203 室楼上漏水，W-0005 还没修')).toBe('W-0005');
    expect(findReference('PM-25 超标，见 O-0031')).toBe('O-0031');
  });
});
