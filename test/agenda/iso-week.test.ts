import { describe, expect, it } from 'vitest';
import { agendaWeekAt, isIsoWeek, isoWeekOf, shiftWeek, weekBounds } from '../../src/agenda/iso-week.ts';
import { isDueDate, parseDecisionCommand, parseParty } from '../../src/meeting/decide.ts';

describe('ISO weeks in a time zone', () => {
  it('bounds a week by local midnights', () => {
    expect(weekBounds('2026-W48', 'Asia/Shanghai')).toEqual({
      start: new Date('2026-11-22T16:00:00Z'),
      end: new Date('2026-11-29T16:00:00Z'),
    });
    expect(weekBounds('2026-W13', 'Europe/London')).toEqual({
      start: new Date('2026-03-23T00:00:00Z'),
      end: new Date('2026-03-29T23:00:00Z'),
    });
  });

  it('finds the week of an instant locally, across the new year', () => {
    expect(isoWeekOf(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-W48');
    expect(isoWeekOf(new Date('2026-11-22T15:30:00Z'), 'Asia/Shanghai')).toBe('2026-W47');
    expect(isoWeekOf(new Date('2027-01-01T04:00:00Z'), 'Asia/Shanghai')).toBe('2026-W53');
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01');
    expect(shiftWeek('2026-W01', -1)).toBe('2025-W52');
  });

  it('covers the last complete week when compiled on Monday morning', () => {
    expect(agendaWeekAt(new Date('2026-11-30T01:00:00Z'), 'Asia/Shanghai')).toBe('2026-W48');
  });

  it('validates week names', () => {
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-48')).toBe(false);
  });
});

describe('decision commands', () => {
  it('parses reference, decision, lead and optional due date', () => {
    expect(parseDecisionCommand('w-12 联系自来水公司 | 党支部 | 2026-12-31')).toEqual({
      reference: 'W-0012',
      text: '联系自来水公司',
      lead: '党支部',
      dueDate: '2026-12-31',
    });
    expect(parseDecisionCommand('U-0003 更换灯泡｜物业')).toEqual({
      reference: 'U-0003',
      text: '更换灯泡',
      lead: '物业',
      dueDate: null,
    });
    expect(parseDecisionCommand('U-0003 只有决定')).toBeUndefined();
  });

  it('reads the lead party in any language', () => {
    expect(['物业', '居委會', 'Party branch', 'party_branch', "residents' committee"].map(parseParty)).toEqual([
      'property',
      'committee',
      'party_branch',
      'party_branch',
      'committee',
    ]);
    expect(parseParty('街道')).toBeUndefined();
  });

  it('accepts real calendar dates only', () => {
    expect(isDueDate('2026-02-28')).toBe(true);
    expect(isDueDate('2026-02-30')).toBe(false);
  });
});
