import { describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/index.ts';

const en = messages('en');
const narrative = (n: number) =>
  en.agenda.narrative({
    newCount: n,
    lastNew: n,
    resolved: n,
    explained: n,
    overdue: n,
    stillOpen: n,
    items: n,
    followUpsOpen: n,
  });

describe('English texts', () => {
  it('put one thing in the singular and several in the plural', () => {
    expect(narrative(1)).toContain('Residents reported 1 new problem this week');
    expect(narrative(1)).toContain('1 was resolved');
    expect(narrative(1)).toContain('1 remains open');
    expect(narrative(1)).toContain('1 item is put to the meeting');
    expect(narrative(1)).toContain('1 decision of the last meeting is still open');
    expect(narrative(2)).toContain('Residents reported 2 new problems this week');
    expect(narrative(2)).toContain('2 were resolved');
    expect(narrative(2)).toContain('2 remain open');
    expect(narrative(2)).toContain('2 items are put to the meeting');
    expect(narrative(2)).toContain('2 decisions of the last meeting are still open');
    expect(narrative(1)).not.toMatch(/\b1 (were|remain|items|decisions|problems)\b/);
  });

  it('count minutes, hours, reporters and tickets agreeing in number', () => {
    expect(en.duration(60_000)).toBe('1 minute');
    expect(en.duration(30 * 60_000)).toBe('30 minutes');
    expect(en.agenda.reason('overdue', { count: 1 })).toBe('overdue by 1 hour');
    expect(en.agenda.reason('many_reporters', { count: 1 })).toBe('1 resident reported it');
    expect(en.agenda.decisionRecorded({ reference: 'W-0001', lead: 'Property firm', notified: 1 })).toContain(
      '1 reporter chat told',
    );
    expect(en.agenda.decisionRecorded({ reference: 'W-0001', lead: 'Property firm', notified: 3 })).toContain(
      '3 reporter chats told',
    );
    expect(en.staff.reopened({ reference: 'W-0001', reporters: 1 })).toContain('(1 reporter)');
    expect(en.staff.backlog({ total: 1, urgent: 0, shown: 1 })).toBe(
      '1 ticket is waiting. Here it is, urgent and longest waiting first:',
    );
    expect(en.staff.backlog({ total: 7, urgent: 1, shown: 5 })).toBe(
      '7 tickets are waiting (1 urgent). Here are 5 of them, urgent and longest waiting first:',
    );
    expect(en.staff.backlogMore(1)).toBe('1 more is not shown; send /tickets for the list.');
    expect(en.staff.explainPreview({ reference: 'W-0001', texts: ['x'], reporters: 1 })).toContain(
      'the reporter of W-0001',
    );
  });
});
