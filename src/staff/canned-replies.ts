import { mayActOn } from './staff-actions.ts';
import { toSimplified, toTraditional } from '../classify/traditional.ts';
import { LOCALES, messages, type Locale } from '../i18n/index.ts';
import { DEFAULT_REPLY_TEMPLATES } from '../i18n/reply-templates.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import { placeForViewer } from '../privacy/for-viewer.ts';
import { findReference } from '../tickets/reference.ts';
import type { ReplyTemplate } from '../tickets/reply-template-store.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { STAFF_BUTTON } from '../turn/notify-staff.ts';
import { replyToTicket, type LocalizedReply } from './staff-actions.ts';
import { catalog, isAdmin, report, type StaffTurn } from './staff-turn.ts';

/** What a template's placeholders stand for. */
export interface TemplateValues {
  ref: string;
  place: string;
  date: string;
  time: string;
}

/** Replaces {ref}, {place}, {date} and {time}; any other brace is left as written. */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(/\{(ref|place|date|time)\}/g, (_, key: keyof TemplateValues) => values[key]);
}

/**
 * A template's text for a reader of `locale`: their language's; else the other Chinese script's,
 * converted (简 ↔ 繁); else the staff chat's language; else any.
 */
export function templateText(template: ReplyTemplate, locale: Locale, fallback: Locale): string | undefined {
  const t = template.texts;
  if (t[locale] !== undefined) return t[locale];
  if (locale === 'zh-TW' && t['zh-CN'] !== undefined) return toTraditional(t['zh-CN']);
  if (locale === 'zh-CN' && t['zh-TW'] !== undefined) return toSimplified(t['zh-TW']);
  return t[fallback] ?? LOCALES.map((l) => t[l]).find((text) => text !== undefined);
}

/** A date and time given after the reference (`12-05 14:00`), or the problem word. */
export type GivenDateTime =
  { kind: 'ok'; date?: { year: number; month: number; day: number }; time?: string } | { kind: 'bad'; word: string };

/** Reads `2026-12-05`, `12-05`, `12/5`, `12月5日` and `14:00` (in any order); `year` fills a date without one. */
export function readDateTime(words: readonly string[], year: number): GivenDateTime {
  const result: GivenDateTime = { kind: 'ok' };
  for (const word of words) {
    const full = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(word);
    const short = /^(\d{1,2})(?:[-/.]|月)(\d{1,2})[日号號]?$/.exec(word);
    const time = /^(\d{1,2})[:：](\d{2})$/.exec(word);
    if (full || short) {
      const [y, mo, d] = full
        ? [Number(full[1]), Number(full[2]), Number(full[3])]
        : [year, Number(short![1]), Number(short![2])];
      if (mo < 1 || mo > 12 || d < 1 || d > 31) return { kind: 'bad', word };
      result.date = { year: y, month: mo, day: d };
    } else if (time && Number(time[1]) < 24 && Number(time[2]) < 60) {
      result.time = `${time[1]!.padStart(2, '0')}:${time[2]}`;
    } else return { kind: 'bad', word };
  }
  return result;
}

const RESERVED = new Set(['add', 'list', 'delete', 'del', 'rm', 'help']);
const LANGUAGE_WORDS: Record<string, Locale> = { 'zh-cn': 'zh-CN', 'zh-tw': 'zh-TW', en: 'en' };

function validName(name: string): boolean {
  return [...name].length <= 12 && !/[\s{}:]/.test(name) && !RESERVED.has(name.toLowerCase()) && !findReference(name);
}

/** The templates, with the shipped defaults written on first use. */
async function templates(turn: StaffTurn): Promise<ReplyTemplate[]> {
  await turn.ports.replyTemplates.seed(DEFAULT_REPLY_TEMPLATES, turn.now);
  return turn.ports.replyTemplates.list();
}

async function findTemplate(turn: StaffTurn, name: string): Promise<ReplyTemplate | undefined> {
  await turn.ports.replyTemplates.seed(DEFAULT_REPLY_TEMPLATES, turn.now);
  return turn.ports.replyTemplates.find(name);
}

/**
 * `/tpl`: `/tpl NAME REF [DATE] [TIME]` sends a canned reply; `/tpl REF` offers them as buttons;
 * `/tpl` or `/tpl list` lists them. Admins add a language's text with `/tpl add NAME [zh-CN|zh-TW|en]
 * text` (the staff chat's language when none is named) and delete with `/tpl delete NAME [language]`.
 */
export async function runTemplateCommand(turn: StaffTurn, arg: string): Promise<void> {
  const t = catalog(turn).templates;
  const words = arg
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const first = words[0]?.toLowerCase();
  if (first === undefined || first === 'list') {
    await listTemplates(turn);
    return;
  }
  if (first === 'help') {
    turn.replies.reply({ text: t.usage });
    return;
  }
  if (first === 'add' || first === 'delete' || first === 'del' || first === 'rm') {
    if (!(await isAdmin(turn))) {
      turn.replies.reply({ text: catalog(turn).staff.adminOnly });
      return;
    }
    await (first === 'add' ? addTemplate(turn, arg.trim().slice(3).trim()) : deleteTemplate(turn, words.slice(1)));
    return;
  }
  const reference = findReference(words[0]!);
  if (reference && words.length === 1) {
    const ticket = await turn.ports.tickets.findByReference(reference);
    if (!ticket || !mayActOn(turn.member, ticket))
      turn.replies.reply({ text: catalog(turn).staff.notFound(reference) });
    else await offerTemplates(turn, ticket);
    return;
  }
  const ref = words[1] === undefined ? undefined : findReference(words[1]);
  if (!ref) {
    turn.replies.reply({ text: t.usage });
    return;
  }
  const ticket = await turn.ports.tickets.findByReference(ref);
  if (!ticket || !mayActOn(turn.member, ticket)) {
    turn.replies.reply({ text: catalog(turn).staff.notFound(ref) });
    return;
  }
  await sendTemplate(turn, ticket, words[0]!, words.slice(2));
}

async function listTemplates(turn: StaffTurn): Promise<void> {
  const m = catalog(turn);
  const list = await templates(turn);
  if (list.length === 0) {
    turn.replies.reply({ text: `${m.templates.listEmpty}\n\n${m.templates.usage}` });
    return;
  }
  const locale = turn.core.config.defaultLocale;
  const lines = list.map((template) =>
    m.templates.listLine({
      name: template.name,
      languages: LOCALES.filter((l) => template.texts[l] !== undefined)
        .map((l) => m.languageName[l])
        .join('/'),
      preview: cut(templateText(template, locale, locale) ?? '', 60),
    }),
  );
  turn.replies.reply({ text: [m.templates.listHeader(list.length), ...lines, '', m.templates.usage].join('\n') });
}

async function addTemplate(turn: StaffTurn, rest: string): Promise<void> {
  const m = catalog(turn);
  const match = /^(\S+)\s+(?:(zh-cn|zh-tw|en)\s+)?([\s\S]+)$/i.exec(rest);
  if (!match) {
    turn.replies.reply({ text: m.templates.usage });
    return;
  }
  const name = match[1]!;
  if (!validName(name)) {
    turn.replies.reply({ text: m.templates.badName(name) });
    return;
  }
  const locale = match[2] ? LANGUAGE_WORDS[match[2].toLowerCase()]! : turn.core.config.defaultLocale;
  await findTemplate(turn, name); // the defaults are written first, so adding one never hides the others
  await turn.ports.replyTemplates.put(name, locale, match[3]!.trim(), turn.member.id, turn.now);
  turn.replies.reply({ text: m.templates.added({ name, language: m.languageName[locale] }) });
}

async function deleteTemplate(turn: StaffTurn, words: string[]): Promise<void> {
  const m = catalog(turn);
  const name = words[0];
  if (name === undefined) {
    turn.replies.reply({ text: m.templates.usage });
    return;
  }
  const locale = words[1] === undefined ? undefined : LANGUAGE_WORDS[words[1].toLowerCase()];
  await findTemplate(turn, name);
  const count = await turn.ports.replyTemplates.remove(name, locale);
  turn.replies.reply({ text: count === 0 ? m.templates.notFound(name) : m.templates.deleted({ name, count }) });
}

/** The templates as buttons under a ticket (the card's 模板回复 button, or `/tpl REF`). */
export async function offerTemplates(turn: StaffTurn, ticket: Ticket): Promise<void> {
  const m = catalog(turn);
  const list = (await templates(turn)).slice(0, 12);
  if (list.length === 0) {
    turn.replies.reply({ text: m.templates.listEmpty });
    return;
  }
  const buttons = list.map((template) => ({
    label: template.name,
    data: `${STAFF_BUTTON}tpl:${ticket.id}:${template.name}`,
  }));
  const rows: Array<typeof buttons> = [];
  for (let i = 0; i < buttons.length; i += 3) rows.push(buttons.slice(i, i + 3));
  turn.replies.reply({ text: m.templates.choose(ticket.reference), buttons: rows }, ticket.id);
}

/**
 * Sends a canned reply to every reporter of a ticket, each in their own language, through the very
 * use case of a typed reply (history, first response, notification). {date} and {time} are those
 * given, else the current local date and time.
 */
export async function sendTemplate(turn: StaffTurn, ticket: Ticket, name: string, given: string[]): Promise<void> {
  const m = catalog(turn);
  const template = await findTemplate(turn, name);
  if (!template) {
    turn.replies.reply({ text: m.templates.notFound(name) });
    return;
  }
  const [today = '', now = ''] = formatLocalDateTime(turn.now, turn.core.config.timezone).split(' ');
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const when = readDateTime(given, year);
  if (when.kind === 'bad') {
    turn.replies.reply({ text: m.templates.badDateTime(when.word) });
    return;
  }
  const fallback = turn.core.config.defaultLocale;
  const inLocale = (locale: Locale): string => {
    const t = messages(locale).templates;
    const place = placeForViewer(ticket.place, locale, 'public');
    return fillTemplate(templateText(template, locale, fallback) ?? '', {
      ref: ticket.reference,
      place: place === '' ? t.placeUnknown : place,
      date: t.date(when.date ?? { year, month, day }),
      time: when.time ?? now,
    });
  };
  const reply: LocalizedReply = { text: inLocale(fallback), inLocale, template: template.name };
  report(turn, ticket, 'reply', await replyToTicket(turn, ticket, reply));
}

/** At most `max` characters, ending in "…" when cut. */
function cut(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
