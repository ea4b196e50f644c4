import type { EscalationCatalog } from './catalog.ts';

const KIND = { response: 'answer', resolution: 'fix' } as const;

export const escalationEn: EscalationCatalog = {
  levelName: {
    staff: 'staff group',
    admin: 'property admin',
    committee: "residents' committee",
    party_branch: 'community Party branch',
    street: 'street office',
  },
  reminder: ({ reference, kind, due, left, summary }) =>
    `⏳ ${reference} is due for its ${KIND[kind]} soon (${due}, ${left} left): ${summary}`,
  escalated: ({ reference, category, place, summary, level, kind, due, overdueBy, below }) =>
    `📣 Escalated (督办) | ${reference} (${category}${place ? `, ${place}` : ''}) is ${overdueBy} past its ${KIND[kind]} deadline (${due}) and still open. ` +
    `${below.length > 0 ? `Already told: ${below.join(', ')}. ` : ''}Now referred to the ${escalationEn.levelName[level]}.\n${summary}`,
  supervisedTitle: 'Escalated items (督办)',
  supervisedLevel: ({ level, since, waited, unheard }) =>
    `${escalationEn.levelName[level]}: ${waited} since ${since}${unheard ? ' (nobody told: no chat or person registered)' : ''}`,
  supervisedItem: ({ reference, category, place, summary, due }) =>
    `${reference} (${category}${place ? `, ${place}` : ''}) due ${due}: ${summary}`,
};
