import { describe, expect, it } from 'vitest';
import { CATEGORIES, URGENCIES } from '../../src/tickets/category.ts';
import { DEFAULT_DEADLINES, deadlinesFor, parseDuration } from '../../src/tickets/deadlines.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it('reads minutes, hours and days', () => {
    expect(parseDuration('30m')).toBe(30 * MINUTE);
    expect(parseDuration('4h')).toBe(4 * HOUR);
    expect(parseDuration('2d')).toBe(2 * DAY);
    expect(parseDuration('1.5h')).toBe(90 * MINUTE);
    expect(parseDuration(' 4H ')).toBe(4 * HOUR);
    expect(parseDuration('12 h')).toBe(12 * HOUR);
  });

  it('takes a plain number as minutes', () => {
    expect(parseDuration('45')).toBe(45 * MINUTE);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'h', '4w', '-5m', '4 hours', '1h30m', 'abc', '4,5h', '∞']) expect(parseDuration(text), text).toBeUndefined();
  });
});

describe('deadlinesFor', () => {
  const createdAt = new Date('2026-03-02T01:00:00.000Z');

  it('adds the response and resolution times of the category and urgency to the creation time', () => {
    expect(deadlinesFor(DEFAULT_DEADLINES, 'water_supply', 'urgent', createdAt)).toEqual({
      responseDueAt: new Date('2026-03-02T01:30:00.000Z'),
      resolutionDueAt: new Date('2026-03-02T13:00:00.000Z'),
    });
    expect(deadlinesFor(DEFAULT_DEADLINES, 'greening', 'normal', createdAt)).toEqual({
      responseDueAt: new Date('2026-03-03T01:00:00.000Z'),
      resolutionDueAt: new Date('2026-03-09T01:00:00.000Z'),
    });
  });

  it('uses the table it is given', () => {
    const table = { ...DEFAULT_DEADLINES, other: { ...DEFAULT_DEADLINES.other, normal: { responseMs: MINUTE, resolutionMs: HOUR } } };
    expect(deadlinesFor(table, 'other', 'normal', createdAt)).toEqual({
      responseDueAt: new Date(createdAt.getTime() + MINUTE),
      resolutionDueAt: new Date(createdAt.getTime() + HOUR),
    });
  });

  it('has a default for every category and urgency, urgent faster than normal and response before resolution', () => {
    for (const category of CATEGORIES) {
      for (const urgency of URGENCIES) {
        const d = DEFAULT_DEADLINES[category][urgency];
        expect(d.responseMs, `${category}.${urgency}`).toBeGreaterThan(0);
        expect(d.responseMs, `${category}.${urgency}`).toBeLessThan(d.resolutionMs);
      }
      expect(DEFAULT_DEADLINES[category].urgent.responseMs).toBeLessThan(DEFAULT_DEADLINES[category].normal.responseMs);
      expect(DEFAULT_DEADLINES[category].urgent.resolutionMs).toBeLessThan(DEFAULT_DEADLINES[category].normal.resolutionMs);
    }
  });
});
