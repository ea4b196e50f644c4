import { describe, expect, it } from 'vitest';
import { officialDays, type OfficialDays } from '../../src/calendar/official-days.ts';
import { beyondDataWarning, WorkingCalendar } from '../../src/calendar/working-calendar.ts';
import { DEFAULT_WORKING_HOURS_TEXT, workingHours, type WorkingHours } from '../../src/calendar/working-hours.ts';

function hours(text: string): WorkingHours {
  const parsed = workingHours(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

const SHANGHAI = new WorkingCalendar({ hours: hours(DEFAULT_WORKING_HOURS_TEXT), timeZone: 'Asia/Shanghai' });
/** A Shanghai wall-clock reading as an instant. */
const cst = (local: string) => new Date(`${local}:00+08:00`);

describe('officialDays', () => {
  it('holds the 2026 schedule, 调休 days included', () => {
    const days = officialDays();
    expect(days.lastYear).toBeGreaterThanOrEqual(2026);
    expect(days.holidays.has('2026-10-01')).toBe(true);
    expect(days.holidays.has('2026-02-16')).toBe(true);
    expect(days.workdays.has('2026-10-10')).toBe(true);
    expect(days.workdays.has('2026-02-14')).toBe(true);
  });
});

describe('WorkingCalendar.addWorkingMinutes in Asia/Shanghai, 09:00-12:00 and 13:30-18:00', () => {
  const table: Array<[string, string, number, string]> = [
    ['within the morning', '2026-11-23T10:00', 60, '2026-11-23T11:00'],
    ['across the lunch break', '2026-11-23T11:30', 60, '2026-11-23T14:00'],
    ['from inside the lunch break', '2026-11-23T12:30', 30, '2026-11-23T14:00'],
    ['to the closing time exactly, not the next opening', '2026-11-23T17:00', 60, '2026-11-23T18:00'],
    ['over a night', '2026-11-23T17:00', 120, '2026-11-24T10:00'],
    ['from after hours', '2026-11-23T18:30', 30, '2026-11-24T09:30'],
    ['from before opening', '2026-11-24T07:00', 30, '2026-11-24T09:30'],
    ['over a weekend', '2026-11-27T17:00', 120, '2026-11-30T10:00'],
    ['from a Saturday', '2026-11-28T10:00', 60, '2026-11-30T10:00'],
    ['over a whole working day', '2026-11-23T10:00', 450, '2026-11-24T10:00'],
    ['over 国庆 (1–7 October 2026)', '2026-09-30T17:00', 120, '2026-10-08T10:00'],
    ['onto the 调休 Saturday after 国庆 (10 October)', '2026-10-09T17:00', 120, '2026-10-10T10:00'],
    ['onto the 调休 Sunday before 国庆 (20 September)', '2026-09-19T10:00', 60, '2026-09-20T10:00'],
    ['over 中秋 (25–27 September)', '2026-09-24T17:00', 120, '2026-09-28T10:00'],
    ['onto the 调休 Saturday before 春节 (14 February)', '2026-02-13T17:00', 120, '2026-02-14T10:00'],
    ['over 春节 (15–23 February)', '2026-02-14T17:00', 120, '2026-02-24T10:00'],
    ['onto the 调休 Saturday after 春节 (28 February)', '2026-02-27T17:00', 120, '2026-02-28T10:00'],
    ['nothing for zero minutes, even out of hours', '2026-11-28T03:00', 0, '2026-11-28T03:00'],
  ];
  for (const [what, start, minutes, end] of table) {
    it(`${what}: ${start} + ${minutes} min → ${end}`, () => {
      expect(SHANGHAI.addWorkingMinutes(cst(start), minutes).toISOString()).toBe(cst(end).toISOString());
    });
  }
});

describe('WorkingCalendar.workingMinutesBetween in Asia/Shanghai', () => {
  const table: Array<[string, string, string, number]> = [
    ['a morning hour and the afternoon half hour', '2026-11-23T11:00', '2026-11-23T14:00', 90],
    ['nothing over a lunch break', '2026-11-23T12:00', '2026-11-23T13:30', 0],
    ['nothing over a weekend', '2026-11-27T18:00', '2026-11-30T09:00', 0],
    ['one working day over 国庆', '2026-09-30T09:00', '2026-10-08T09:00', 450],
    ['two working days over 春节: the Friday and the 调休 Saturday', '2026-02-13T09:00', '2026-02-24T09:00', 900],
    ['a whole week', '2026-11-23T00:00', '2026-11-30T00:00', 5 * 450],
  ];
  for (const [what, a, b, minutes] of table) {
    it(`${what}: ${a} → ${b} = ${minutes} min`, () => {
      expect(SHANGHAI.workingMinutesBetween(cst(a), cst(b))).toBe(minutes);
      expect(SHANGHAI.workingMinutesBetween(cst(b), cst(a))).toBe(-minutes);
    });
  }

  it('agrees with addWorkingMinutes', () => {
    for (const [start, minutes] of [
      ['2026-09-30T11:15', 1000],
      ['2026-02-12T16:40', 2000],
      ['2026-11-27T12:10', 77],
    ] as const) {
      const end = SHANGHAI.addWorkingMinutes(cst(start), minutes);
      expect(SHANGHAI.workingMinutesBetween(cst(start), end)).toBe(minutes);
    }
  });
});

describe('WorkingCalendar in Europe/London (daylight saving)', () => {
  const london = new WorkingCalendar({ hours: hours('09:00-17:00'), timeZone: 'Europe/London' });
  it('reads working hours on the local clock when the clocks go forward (29 March 2026)', () => {
    // Friday 16:00 GMT + 2 h → Monday 10:00 BST, which is 09:00 UTC.
    expect(london.addWorkingMinutes(new Date('2026-03-27T16:00:00Z'), 120).toISOString()).toBe(
      '2026-03-30T09:00:00.000Z',
    );
  });
  it('and when they go back (25 October 2026)', () => {
    // Friday 16:00 BST (15:00 UTC) + 2 h → Monday 10:00 GMT.
    expect(london.addWorkingMinutes(new Date('2026-10-23T15:00:00Z'), 120).toISOString()).toBe(
      '2026-10-26T10:00:00.000Z',
    );
    expect(london.workingMinutesBetween(new Date('2026-10-23T15:00:00Z'), new Date('2026-10-26T10:00:00Z'))).toBe(120);
  });
  it('keeps China’s official days (清明, 6 April 2026, is a day off)', () => {
    expect(london.addWorkingMinutes(new Date('2026-04-03T15:00:00Z'), 120).toISOString()).toBe(
      '2026-04-07T09:00:00.000Z',
    );
  });
});

describe('WorkingCalendar beyond its holiday data', () => {
  const only2026: OfficialDays = {
    holidays: new Set(['2026-12-31']),
    workdays: new Set(),
    firstYear: 2026,
    lastYear: 2026,
    source: 'chinese-days',
  };

  it('counts Monday to Friday and warns once per year, naming the fix', () => {
    const warnings: string[] = [];
    const calendar = new WorkingCalendar({
      hours: hours('09:00-18:00'),
      timeZone: 'Asia/Shanghai',
      days: only2026,
      onBeyondData: (year, days) => warnings.push(beyondDataWarning(year, days)),
    });
    // 1 January 2027 is a Friday: without the 2027 schedule it counts as a working day.
    expect(calendar.addWorkingMinutes(cst('2026-12-30T17:00'), 120).toISOString()).toBe(
      cst('2027-01-01T10:00').toISOString(),
    );
    expect(calendar.addWorkingMinutes(cst('2027-01-08T17:00'), 120).toISOString()).toBe(
      cst('2027-01-11T10:00').toISOString(),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2027');
    expect(warnings[0]).toContain('npm update chinese-days');
  });

  it('says nothing while the dates lie within the data', () => {
    const warnings: number[] = [];
    const calendar = new WorkingCalendar({
      hours: hours('09:00-18:00'),
      timeZone: 'Asia/Shanghai',
      days: only2026,
      onBeyondData: (year) => warnings.push(year),
    });
    calendar.addWorkingMinutes(cst('2026-12-29T10:00'), 60);
    expect(warnings).toEqual([]);
  });
});

describe('workingHours', () => {
  it('reads windows in order', () => {
    expect(workingHours('09:00-12:00,13:30-18:00')).toEqual([
      { start: 540, end: 720 },
      { start: 810, end: 1080 },
    ]);
    expect(workingHours(' 8:30 - 17:30 ')).toEqual([{ start: 510, end: 1050 }]);
    expect(workingHours('00:00-24:00')).toEqual([{ start: 0, end: 1440 }]);
  });
  it('says what is wrong with anything else', () => {
    for (const text of [
      '',
      '9-18',
      '18:00-09:00',
      '09:00-12:00,11:00-18:00',
      '13:00-18:00,09:00-12:00',
      '09:00-24:30',
      '09:60-10:00',
      '09:00-09:00',
    ]) {
      expect(typeof workingHours(text), text).toBe('string');
    }
  });
});
