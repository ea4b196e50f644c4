import type { StreetCatalog } from './street-catalog.ts';

export const streetEn: StreetCatalog = {
  title: ({ street, week }) => `${street}: the estates' week, ${week}`,
  readers: "For the street's joint meeting of the Party working committee, the communities and the property firms",
  sections: {
    overview: 'The week',
    estates: '1. Each estate this week',
    rates: '2. Service rates (this week · last week)',
    ranking: '3. Ranking',
    escalated: '4. Escalated to the street',
    chart: "The estates' reports this week",
  },
  overview: (p) =>
    `This week the street's ${p.estates} estates received ${p.newCount} new reports (last week ${p.lastNew}); ${p.resolved} were resolved, ${p.explained} explained and ${p.overdue} went overdue; ${p.stillOpen} are still open. ` +
    (p.escalated > 0 ? `${p.escalated} escalated to the street (section 4).` : 'Nothing was escalated to the street.'),
  columns: { rank: 'Rank', estate: 'Estate', community: 'Community', score: 'Score', escalated: 'Escalated' },
  total: 'Whole street',
  rankingRule:
    'Ranked by the mean of the rates with a value this week (response, resolution, satisfaction); ties go to fewer overdue; estates with no rate this week come last.',
  score: (percent) => `${percent}%`,
  withLastWeek: ({ now, last }) => `${now} · last week ${last}`,
  noEscalated: 'Nothing was escalated to the street this week.',
  escalatedItem: (p) =>
    `[${p.estate}] ${p.reference} ${p.category} · ${p.place}: ${p.summary} (overdue since ${p.due})`,
  chartTitle: 'New, resolved and overdue reports per estate this week',
  chartCaption: ({ week }) => `The estates compared, ${week}`,
  noEstates: (street) => `No estate belongs to "${street}".`,
};
