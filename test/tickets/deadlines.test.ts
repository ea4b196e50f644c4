import { describe, expect, it } from 'vitest';
import { CATEGORIES, URGENCIES } from '../../src/tickets/category.ts';
import { WorkingCalendar } from '../../src/calendar/working-calendar.ts';
import { DEFAULT_DEADLINES, deadlinesFor, parseDuration, workingMinutesFor } from '../../src/tickets/deadlines.ts';

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
    for (const text of ['', 'h', '4w', '-5m', '4 hours', '1h30m', 'abc', '4,5h', '∞'])
      expect(parseDuration(text), text).toBeUndefined();
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
    const table = {
      ...DEFAULT_DEADLINES,
      other: { ...DEFAULT_DEADLINES.other, normal: { responseMs: MINUTE, resolutionMs: HOUR } },
    };
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
      expect(DEFAULT_DEADLINES[category].urgent.resolutionMs).toBeLessThan(
        DEFAULT_DEADLINES[category].normal.resolutionMs,
      );
    }
  });
});

describe('deadlinesFor with a working calendar (09:00-12:00, 13:30-18:00 in Asia/Shanghai)', () => {
  const calendar = new WorkingCalendar({
    hours: [
      { start: 540, end: 720 },
      { start: 810, end: 1080 },
    ],
    timeZone: 'Asia/Shanghai',
  });
  const cst = (local: string) => new Date(`${local}:00+08:00`);

  it('counts working hours for routine tickets, across the lunch break and the night', () => {
    // water_supply normal: 4 h → 4 working hours; 2 d → two working days.
    expect(deadlinesFor(DEFAULT_DEADLINES, 'water_supply', 'normal', cst('2026-11-23T10:00'), calendar)).toEqual({
      responseDueAt: cst('2026-11-23T15:30'),
      resolutionDueAt: cst('2026-11-25T10:00'),
    });
  });

  it('stops the clock over 国庆 and moves onto the 调休 Saturday', () => {
    // greening normal: 24 h → one working day; 7 d → seven working days (10 October is worked).
    expect(deadlinesFor(DEFAULT_DEADLINES, 'greening', 'normal', cst('2026-09-30T17:00'), calendar)).toEqual({
      responseDueAt: cst('2026-10-08T17:00'),
      resolutionDueAt: cst('2026-10-15T17:00'),
    });
  });

  it('runs urgent tickets on the clock, holidays and nights included', () => {
    expect(deadlinesFor(DEFAULT_DEADLINES, 'water_supply', 'urgent', cst('2026-02-16T23:00'), calendar)).toEqual({
      responseDueAt: cst('2026-02-16T23:30'),
      resolutionDueAt: cst('2026-02-17T11:00'),
    });
  });
});

describe('workingMinutesFor', () => {
  it('takes hours as working hours up to a working day, and days as working days', () => {
    expect(workingMinutesFor(4 * HOUR, 450)).toBe(240);
    expect(workingMinutesFor(12 * HOUR, 450)).toBe(450);
    expect(workingMinutesFor(DAY, 450)).toBe(450);
    expect(workingMinutesFor(1.5 * DAY, 450)).toBe(675);
    expect(workingMinutesFor(7 * DAY, 450)).toBe(3150);
  });
  it('never gives less time for a longer duration', () => {
    let previous = 0;
    for (let ms = 0; ms <= 3 * DAY; ms += 15 * MINUTE) {
      const minutes = workingMinutesFor(ms, 450);
      expect(minutes, `${ms / HOUR} h`).toBeGreaterThanOrEqual(previous);
      previous = minutes;
    }
  });
});
