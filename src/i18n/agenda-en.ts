import type { AgendaCatalog } from './catalog.ts';

const weekNumber = (week: string): string => `week ${Number(week.slice(6))} of ${week.slice(0, 4)}`;

/** "1 problem", "3 problems": the count and its noun in the right number. */
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
/** "1 was", "2 were": a count with its verb agreeing. */
const agree = (n: number, singular: string, plural: string): string => `${n} ${n === 1 ? singular : plural}`;

export const agendaEn: AgendaCatalog = {
  weekName: weekNumber,
  title: ({ community, week }) => `${community} tripartite meeting agenda · ${weekNumber(week)}`,
  period: ({ from, to }) => `Period: ${from} to ${to}`,
  meetingOf: "Party branch · residents' committee · property firm",
  compiledAt: (at) => `Compiled ${at}`,
  sections: {
    narrative: 'The week at a glance',
    figures: '1. The week in figures',
    rates: 'Service rates',
    byCategory: 'By category',
    byBuilding: 'By building',
    items: '2. Items to discuss',
    followUps: "3. Follow-up of last meeting's decisions",
    asks: '4. What each party is asked to do',
    chart: 'Reports by category, recent weeks',
  },
  figureNames: {
    new: 'New',
    resolved: 'Resolved',
    explained: 'Explained',
    reopened: 'Reopened',
    overdue: 'Overdue',
    stillOpen: 'Still open',
    overdueNow: 'of which overdue',
  },
  thisWeek: 'This week',
  lastWeek: 'Last week',
  noValue: '—',
  rateNames: { response: 'Response rate', resolution: 'Resolution rate', satisfaction: 'Satisfaction rate' },
  rateDefinitions: {
    response:
      'Of the tickets whose response deadline fell this week, the share that got a first staff response in time (merged tickets and those withdrawn before the deadline left out)',
    resolution:
      'Of the tickets whose resolution deadline fell this week, the share resolved in time and not reopened (merged, withdrawn or explained before the deadline left out)',
    satisfaction:
      "Of the residents' answers this week, the share rating 4–5 (or, without a rating, saying it is fixed)",
  },
  rateValue: ({ percent, numerator, denominator }) => `${percent}% (${numerator}/${denominator})`,
  columns: {
    category: 'Category',
    building: 'Building',
    rank: '#',
    reference: 'Ref.',
    place: 'Place',
    reporters: 'Reporters',
    age: 'Age',
    status: 'Status',
    reasons: 'Why',
    lead: 'Proposed lead',
    summary: 'Problem',
    decision: 'Decision',
    due: 'Due',
    progress: 'Progress',
  },
  noBuilding: 'no building given',
  noPlace: 'place not given',
  partyName: { party_branch: 'Party branch', committee: "Residents' committee", property: 'Property firm' },
  reason: (kind, { count, text }) => {
    switch (kind) {
      case 'overdue':
        return (count ?? 0) >= 48
          ? `overdue by ${Math.floor((count ?? 0) / 24)} days`
          : `overdue by ${plural(count ?? 0, 'hour')}`;
      case 'explained':
        return `explained as not solvable now; plan: ${text ?? ''}`;
      case 'reopened':
        return `reopened ${count ?? 1}× by residents`;
      case 'repeated':
        return `reported ${count ?? 2}× at this place within four weeks`;
      case 'many_reporters':
        return `${plural(count ?? 0, 'resident')} reported it`;
      case 'raised_at_meeting':
        return 'raised at the meeting';
    }
  },
  ageDays: (days) => `${days} d`,
  urgentMark: '[URGENT] ',
  related: (references) => `Other tickets at this place: ${references}`,
  noItems: 'Nothing needs the meeting this week.',
  moreItems: (n) => `${n} more qualify and are not listed (only the highest ranked are).`,
  followUpState: { done: 'done', overdue: 'past due', pending: 'in progress' },
  noFollowUps: 'The last meeting recorded no decisions.',
  noPreviousMeeting: 'This is the first meeting: no earlier decisions.',
  askNothing: 'Nothing new this week.',
  askItems: (references) => `Lead: ${references}`,
  askFollowUps: (references) => `Carry out last meeting's decisions: ${references}`,
  narrative: ({ newCount, lastNew, resolved, explained, overdue, stillOpen, items, top, followUpsOpen }) =>
    `Residents reported ${plural(newCount, 'new problem')} this week (${lastNew} last week); ${agree(resolved, 'was', 'were')} resolved, ${explained} explained as not solvable now, and ${overdue} missed a deadline. ${agree(stillOpen, 'remains', 'remain')} open. ` +
    (items > 0
      ? `${items === 1 ? '1 item is' : `${items} items are`} put to the meeting${top ? `, first ${top}` : ''}.`
      : 'Nothing needs the meeting this week.') +
    (followUpsOpen > 0
      ? ` ${followUpsOpen === 1 ? '1 decision' : `${followUpsOpen} decisions`} of the last meeting ${followUpsOpen === 1 ? 'is' : 'are'} still open.`
      : ''),
  chartTitle: ({ weeks }) => `New reports by category, last ${weeks} weeks`,
  chartAxis: 'reports',
  chartCaption: ({ week }) => `New reports by category in ${weekNumber(week)} against the weeks before`,
  part: ({ index, total }) => `(${index}/${total})`,
  fullAgendaAt: (url) => `Full agenda (printable): ${url}`,
  noCommandsHere: 'This chat receives the weekly reports; no commands are taken here.',
  decideUsage:
    'Record a decision: /decide REF decision | lead (property/committee/party_branch) | due date (YYYY-MM-DD, optional)',
  decisionRecorded: ({ reference, lead, due, notified }) =>
    `📝 Decision on ${reference} recorded (lead: ${lead}${due ? `, due ${due}` : ''}); ${plural(notified, 'reporter chat')} told.`,
  decisionNoAgenda: 'No agenda has been compiled yet, so there is nothing to record a decision on.',
  decisionBadLead: (given) => `"${given}" is not a party. Write property, committee or party_branch.`,
  decisionBadDate: (given) => `"${given}" is not a date; write YYYY-MM-DD, e.g. 2026-12-31.`,
  decisionNotAllowed:
    "Sorry: only members of the property firm, the residents' committee or the Party branch can record decisions.",
};
