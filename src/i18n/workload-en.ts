import type { WorkloadCatalog } from './catalog.ts';

export const workloadEn: WorkloadCatalog = {
  buttonClaim: "I'll take it",
  claimed: ({ reference, by }) => `🙋 ${reference} is taken by ${by}.`,
  claimedByOther: ({ reference, by }) => `${reference} is already taken by ${by}.`,
  claimedByYou: ({ reference }) => `${reference} is already yours.`,
  claimClosed: ({ reference, status }) => `${reference} is ${status}: there is nothing to take.`,
  assignedToYou: ({ reference, category, place, summary, due }) =>
    `🙋 Your turn for a new ticket: ${reference} (${category}${place ? `, ${place}` : ''}), due ${due}.\n${summary}`,
  cardAssignee: (name) => `🙋 Taken by ${name}`,
  mineHeader: ({ count, overdue }) => `Your open tickets: ${count}${overdue > 0 ? `, ${overdue} overdue` : ''}.`,
  mineLine: (l) =>
    `${l.overdue ? '⏰' : l.urgent ? '🚨' : '•'} ${l.estate ? `[${l.estate}] ` : ''}${l.reference} ${l.status} ${l.category}${l.place ? ` ${l.place}` : ''} — ${l.summary}` +
    ` (${l.kind === 'response' ? 'answer' : 'fix'} due ${l.due}${l.overdue ? ', overdue' : ''})`,
  mineEmpty: 'You have no open tickets. Press "I\'ll take it" on a card or send /assign REF to take one.',
  workloadHeader: ({ days }) => `Workload (open / overdue / first responses in the last ${days} days):`,
  workloadLine: ({ name, open, overdue, responses, median }) =>
    `• ${name}: ${open} open, ${overdue} overdue, ${responses} first ${responses === 1 ? 'response' : 'responses'}${median ? `, median ${median}` : ''}`,
  workloadEmpty: 'No staff member has tickets or first responses yet.',
  workloadNote: 'Times count working time (urgent tickets: the clock).',
};
