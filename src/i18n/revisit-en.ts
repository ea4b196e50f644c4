import type { RevisitCatalog } from './catalog.ts';

const why = (reason: 'low_rating' | 'reopened', rating: number | null) =>
  reason === 'low_rating' ? `rated ${rating ?? '?'}/5 by a resident` : 'reopened by a resident (not fixed)';

export const revisitEn: RevisitCatalog = {
  requested: ({ id, reference, category, place, summary, reason, rating }) =>
    `📞 Follow-up call #${id} | ${reference} (${category}${place ? `, ${place}` : ''}): ${why(reason, rating)}.\n${summary}\n` +
    'A committee member presses "I\'ll call" and talks to the resident through the bot (the resident\'s contact details stay hidden).',
  buttonStart: "I'll call",
  started: ({ id, reference, by }) => `📞 Follow-up call #${id} (${reference}) is taken by ${by}.`,
  takenBy: ({ id, by }) => `Follow-up call #${id} is already taken by ${by}.`,
  alreadyDone: ({ id }) => `Follow-up call #${id} is already done.`,
  committeeOnly: "Only a residents' committee member can start a follow-up call.",
  callerIntro: ({ id, reference, category, place, summary, reason, rating }) =>
    `You started follow-up call #${id}: ${reference} (${category}${place ? `, ${place}` : ''}), ${why(reason, rating)}.\n${summary}\n` +
    "What you write here goes to the resident as from the residents' committee; their answers come here. Finish with /done OUTCOME.",
  fromResident: ({ id, reference, text }) => `💬 The resident answers (call #${id}, ${reference}): ${text}`,
  help: 'Follow-up calls (回访): when a resident rates a fix 1–2 stars or reopens a ticket, a follow-up task is posted here. Press "I\'ll call" to take it, then write to the resident in your private chat with the bot (relayed; their name, phone and flat are never shown), and record the outcome with /done OUTCOME.',
  doneUsage: 'Please add the outcome: /done OUTCOME (e.g. /done fixed now, resident satisfied)',
  recorded: ({ id, reference }) => `The outcome of follow-up call #${id} (${reference}) is recorded; the call is over.`,
  doneInGroup: ({ id, reference, by, outcome }) => `✅ Follow-up call #${id} (${reference}) done by ${by}: ${outcome}`,
  residentIntro: ({ reference }) =>
    `Hello, this is the residents' committee. We would like to hear how ${reference} was handled; the next messages come from the committee, and you can simply answer here.`,
  fromCommittee: ({ reference, text }) => `Residents' committee (${reference}): ${text}`,
  residentDone: ({ reference }) => `The committee's follow-up on ${reference} is finished. Thank you for your answers.`,
  agendaTitle: 'Open follow-up calls (回访)',
  agendaItem: ({ reference, category, place, summary, reason, rating, requested, started }) =>
    `${reference} (${category}${place ? `, ${place}` : ''}) ${why(reason, rating)}, asked ${requested}${started ? `, call started ${started}` : ', nobody has called yet'}: ${summary}`,
};
