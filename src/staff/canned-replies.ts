import { estateNamer, estatesInView, memberForTicket } from './memberships.ts';
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
import { adminEstate, catalog, report, type StaffTurn } from './staff-turn.ts';
import type { Config } from '../config.ts';
import type { TurnPorts } from '../turn/unit-of-work.ts';

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
export function templateText(
  template: Omit<ReplyTemplate, 'estateId'>,
  locale: Locale,
  fallback: Locale,
): string | undefined {
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

/** A template name: one word of at most 12 characters, not a sub-command of `/tpl` nor a ticket reference. */
export function isTemplateName(name: string): boolean {
  return (
    name !== '' &&
    [...name].length <= 12 &&
    !/[\s{}:]/.test(name) &&
    !RESERVED.has(name.toLowerCase()) &&
    !findReference(name)
  );
}

type TemplatePorts = Pick<TurnPorts, 'replyTemplates'>;

/**
 * Whose templates an admin of `estateId` writes and deletes: their estate's own when the install
 * serves several estates; the install's when it serves one (they are then that estate's, and an
 * install from before estates keeps managing the templates it had).
 */
export async function templateScope(ports: Pick<TurnPorts, 'estates'>, estateId: number): Promise<number | null> {
  return (await ports.estates.list()).length > 1 ? estateId : null;
}

/**
 * The templates, with the shipped defaults written on first use: the install's and those of
 * `estateIds` (every estate's when not given), one entry per name and estate.
 */
export async function listTemplates(
  ports: TemplatePorts,
  now: Date,
  estateIds?: readonly number[],
): Promise<ReplyTemplate[]> {
  await ports.replyTemplates.seed(DEFAULT_REPLY_TEMPLATES, now);
  return ports.replyTemplates.list(estateIds);
}

/**
 * The templates staff of an estate use (the chat and the console alike): the install's and the
 * estate's own, an estate's template standing in for the install's of the same name.
 */
export async function templatesOf(ports: TemplatePorts, estateId: number, now: Date): Promise<ReplyTemplate[]> {
  const all = await listTemplates(ports, now, [estateId]);
  const own = new Set(all.filter((t) => t.estateId !== null).map((t) => t.name));
  return all.filter((t) => t.estateId !== null || !own.has(t.name));
}

/** The template of a name in an estate (its own, else the install's); `estateId` null: the install's. */
export async function findTemplate(
  ports: TemplatePorts,
  name: string,
  now: Date,
  estateId: number | null = null,
): Promise<ReplyTemplate | undefined> {
  await ports.replyTemplates.seed(DEFAULT_REPLY_TEMPLATES, now);
  return ports.replyTemplates.find(name, estateId);
}

export type SaveTemplateResult = { kind: 'saved' } | { kind: 'bad-name' } | { kind: 'empty-text' };

/**
 * Sets one language's text of a template of `scope` (an estate, or null for the install: see
 * {@link templateScope}) (`/tpl add`, the console's templates page), creating the template when new.
 * The defaults are written first, so adding one never hides the others.
 */
export async function saveTemplate(
  ports: TemplatePorts,
  input: { name: string; locale: Locale; text: string },
  memberId: number,
  now: Date,
  scope: number | null = null,
): Promise<SaveTemplateResult> {
  if (!isTemplateName(input.name)) return { kind: 'bad-name' };
  const text = input.text.trim();
  if (text === '') return { kind: 'empty-text' };
  await findTemplate(ports, input.name, now);
  await ports.replyTemplates.put(input.name, input.locale, text, memberId, now, scope);
  return { kind: 'saved' };
}

/** Deletes one language's text of a template of `scope`, or the whole template; how many texts went. */
export async function deleteTemplate(
  ports: TemplatePorts,
  name: string,
  locale: Locale | undefined,
  now: Date,
  scope: number | null = null,
): Promise<number> {
  await findTemplate(ports, name, now);
  return ports.replyTemplates.remove(name, locale, scope);
}

/**
 * A template as a staff reply to a ticket: each reporter reads their own language's text with
 * {ref}, {place} (the public place: never a flat), {date} and {time} filled in; `given` are the date
 * and time words (`12-05`, `2026-12-05`, `14:00`), else today's date and the time now. The text in
 * the staff chat's language is what the history records. `bad` names a word that is neither.
 */
export function templateReply(
  config: Pick<Config, 'timezone' | 'defaultLocale'>,
  template: ReplyTemplate,
  ticket: Pick<Ticket, 'reference' | 'place'>,
  given: readonly string[],
  now: Date,
): { kind: 'ok'; reply: LocalizedReply } | { kind: 'bad'; word: string } {
  const [today = '', time = ''] = formatLocalDateTime(now, config.timezone).split(' ');
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const when = readDateTime(given, year);
  if (when.kind === 'bad') return when;
  const fallback = config.defaultLocale;
  const inLocale = (locale: Locale): string => {
    const t = messages(locale).templates;
    const place = placeForViewer(ticket.place, locale, 'public');
    return fillTemplate(templateText(template, locale, fallback) ?? '', {
      ref: ticket.reference,
      place: place === '' ? t.placeUnknown : place,
      date: t.date(when.date ?? { year, month, day }),
      time: when.time ?? time,
    });
  };
  return { kind: 'ok', reply: { text: inLocale(fallback), inLocale, template: template.name } };
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
    await listTemplatesInChat(turn);
    return;
  }
  if (first === 'help') {
    turn.replies.reply({ text: t.usage });
    return;
  }
  if (first === 'add' || first === 'delete' || first === 'del' || first === 'rm') {
    const estateId = await adminEstate(turn);
    if (estateId === undefined) {
      turn.replies.reply({ text: catalog(turn).staff.adminOnly });
      return;
    }
    await (first === 'add'
      ? addTemplate(turn, arg.trim().slice(3).trim(), estateId)
      : deleteTemplateInChat(turn, words.slice(1), estateId));
    return;
  }
  const reference = findReference(words[0]!);
  if (reference && words.length === 1) {
    const ticket = await turn.ports.tickets.findByReference(reference);
    const member = ticket && (await memberForTicket(turn, ticket));
    if (!ticket || !member) turn.replies.reply({ text: catalog(turn).staff.notFound(reference) });
    else await offerTemplates({ ...turn, member }, ticket);
    return;
  }
  const ref = words[1] === undefined ? undefined : findReference(words[1]);
  if (!ref) {
    turn.replies.reply({ text: t.usage });
    return;
  }
  const ticket = await turn.ports.tickets.findByReference(ref);
  const member = ticket && (await memberForTicket(turn, ticket));
  if (!ticket || !member) {
    turn.replies.reply({ text: catalog(turn).staff.notFound(ref) });
    return;
  }
  await sendTemplate({ ...turn, member }, ticket, words[0]!, words.slice(2));
}

/**
 * `/tpl list`: the templates of the chat's estate; in the private chat of a person of several estates,
 * the install's and each of their estates' own, those marked with their estate.
 */
async function listTemplatesInChat(turn: StaffTurn): Promise<void> {
  const m = catalog(turn);
  const estateIds = await estatesInView(turn);
  const list =
    estateIds.length === 1
      ? await templatesOf(turn.ports, estateIds[0]!, turn.now)
      : await listTemplates(turn.ports, turn.now, estateIds);
  if (list.length === 0) {
    turn.replies.reply({ text: `${m.templates.listEmpty}\n\n${m.templates.usage}` });
    return;
  }
  const estateName = await estateNamer(turn, estateIds);
  const locale = turn.core.config.defaultLocale;
  const lines = list.map((template) => {
    const estate = template.estateId === null ? undefined : estateName(template.estateId);
    return m.templates.listLine({
      ...(estate !== undefined && { estate }),
      name: template.name,
      languages: LOCALES.filter((l) => template.texts[l] !== undefined)
        .map((l) => m.languageName[l])
        .join('/'),
      preview: cut(templateText(template, locale, locale) ?? '', 60),
    });
  });
  turn.replies.reply({ text: [m.templates.listHeader(list.length), ...lines, '', m.templates.usage].join('\n') });
}

/** The estate's name for a message about its templates, when an admin writes an estate's own (several estates). */
async function scopeName(turn: StaffTurn, scope: number | null): Promise<{ estate?: string }> {
  if (scope === null) return {};
  const estate = (await turn.ports.estates.list()).find((e) => e.id === scope);
  return estate ? { estate: estate.name ?? estate.code } : {};
}

async function addTemplate(turn: StaffTurn, rest: string, estateId: number): Promise<void> {
  const m = catalog(turn);
  const match = /^(\S+)\s+(?:(zh-cn|zh-tw|en)\s+)?([\s\S]+)$/i.exec(rest);
  if (!match) {
    turn.replies.reply({ text: m.templates.usage });
    return;
  }
  const name = match[1]!;
  const locale = match[2] ? LANGUAGE_WORDS[match[2].toLowerCase()]! : turn.core.config.defaultLocale;
  const scope = await templateScope(turn.ports, estateId);
  const saved = await saveTemplate(turn.ports, { name, locale, text: match[3]! }, turn.member.id, turn.now, scope);
  if (saved.kind === 'bad-name') {
    turn.replies.reply({ text: m.templates.badName(name) });
    return;
  }
  if (saved.kind === 'empty-text') {
    turn.replies.reply({ text: m.templates.usage });
    return;
  }
  turn.replies.reply({
    text: m.templates.added({ name, language: m.languageName[locale], ...(await scopeName(turn, scope)) }),
  });
}

async function deleteTemplateInChat(turn: StaffTurn, words: string[], estateId: number): Promise<void> {
  const m = catalog(turn);
  const name = words[0];
  if (name === undefined) {
    turn.replies.reply({ text: m.templates.usage });
    return;
  }
  const locale = words[1] === undefined ? undefined : LANGUAGE_WORDS[words[1].toLowerCase()];
  const scope = await templateScope(turn.ports, estateId);
  const count = await deleteTemplate(turn.ports, name, locale, turn.now, scope);
  turn.replies.reply({
    text:
      count === 0
        ? m.templates.notFound(name)
        : m.templates.deleted({ name, count, ...(await scopeName(turn, scope)) }),
  });
}

/** The templates as buttons under a ticket (the card's 模板回复 button, or `/tpl REF`). */
export async function offerTemplates(turn: StaffTurn, ticket: Ticket): Promise<void> {
  const m = catalog(turn);
  const list = (await templatesOf(turn.ports, ticket.estateId, turn.now)).slice(0, 12);
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
  const template = await findTemplate(turn.ports, name, turn.now, ticket.estateId);
  if (!template) {
    turn.replies.reply({ text: m.templates.notFound(name) });
    return;
  }
  const made = templateReply(turn.core.config, template, ticket, given, turn.now);
  if (made.kind === 'bad') {
    turn.replies.reply({ text: m.templates.badDateTime(made.word) });
    return;
  }
  report(turn, ticket, 'reply', await replyToTicket(turn, ticket, made.reply));
}

/** At most `max` characters, ending in "…" when cut. */
function cut(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
