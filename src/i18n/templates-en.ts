import type { TemplateCatalog } from './catalog.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const templatesEn: TemplateCatalog = {
  buttonTemplates: 'Canned reply',
  choose: (reference) => `Choose a canned reply for the residents of ${reference}:`,
  listHeader: (n) => (n === 1 ? 'Canned replies (1):' : `Canned replies (${n}):`),
  listLine: ({ name, languages, preview, estate }) =>
    `• ${estate ? `[${estate}] ` : ''}${name} (${languages}): ${preview}`,
  listEmpty: 'No canned replies yet. An admin adds one with /tpl add NAME text.',
  usage:
    'Canned replies:\n/tpl NAME REF [DATE] [TIME] send a template to the residents (e.g. /tpl 派修 W-0001 12-05 14:00)\n/tpl list list them\n' +
    "Admins: /tpl add NAME [zh-CN|zh-TW|en] text (without a language: this chat's), /tpl delete NAME [language]\n" +
    'Placeholders: {ref} the reference, {place} the building or spot, {date} {time} the date and time given (else now)',
  added: ({ name, language, estate }) => `Saved the ${language} text of "${name}"${estate ? ` for ${estate}` : ''}.`,
  deleted: ({ name, count, estate }) =>
    `Deleted ${count === 1 ? '1 text' : `${count} texts`} of "${name}"${estate ? ` for ${estate}` : ''}.`,
  notFound: (name) => `There is no template called "${name}". Send /tpl list to see them.`,
  badName: (name) =>
    `"${name}" cannot be a template name: use one word of at most 12 characters, not add, list, delete or a ticket reference.`,
  date: ({ month, day }) => `${day} ${MONTHS[month - 1] ?? month}`,
  placeUnknown: 'the site',
  badDateTime: (given) => `"${given}" is not a date or a time; write 12-05 or 2026-12-05, and 14:00.`,
};
