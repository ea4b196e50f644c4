import { toSimplified } from '../classify/traditional.ts';
import { LOCALES, messages, type Catalog } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { Command } from '../turn/commands.ts';
import type { ResidentTurn, Turn } from '../turn/turn.ts';
import { forViewer, placeForViewer } from '../privacy/for-viewer.ts';
import type { Member, Role } from '../members/member.ts';
import type { TicketFilter } from '../tickets/ticket-store.ts';
import { CATEGORIES, isCategory, type Category } from '../tickets/category.ts';
import { findReference } from '../tickets/reference.ts';
import { ACTIVE_STATUSES, STATUSES, type Status } from '../tickets/status.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { staffCard, STAFF_BUTTON } from '../turn/notify-staff.ts';
import { redeemInvite } from './join.ts';
import {
  answerExplainButton,
  continueExplainDialogue,
  previewExplanation,
  startExplainDialogue,
} from './explain-dialogue.ts';
import { ADMIN_VERBS, runAdminCommand } from './member-commands.ts';
import {
  ACTING_ROLES,
  acknowledgeTicket,
  addInternalNote,
  assignTicket,
  mayActOn,
  mergeTickets,
  recategorizeTicket,
  replyToTicket,
  resolveTicket,
  startWork,
} from './staff-actions.ts';
import { adminEstate, audienceOf, catalog, report, type StaffTurn } from './staff-turn.ts';
import { claimTicket, listMine, showWorkload } from './workload.ts';
import { offerTemplates, runTemplateCommand, sendTemplate } from './canned-replies.ts';
import { CONSOLE_ROLES, refuseConsoleLinkInGroup, sendConsoleLink } from '../console/send-console-link.ts';
import { consoleMessages } from '../i18n/console-messages.ts';
import { DECIDING_ROLES } from '../meeting/decide-command.ts';
import { estateNamer, estatesInView, memberForTicket } from './memberships.ts';

/** Staff command verbs; anyone else using them gets a polite refusal. */
export const STAFF_VERBS = new Set([
  'tickets',
  'show',
  'search',
  'reply',
  'ack',
  'work',
  'resolve',
  'explain',
  'category',
  'assign',
  'merge',
  'note',
  'staff',
  'mine',
  'workload',
  'tpl',
]);

/** What the staff conversation hands to the meeting's: `/decide` (the router wires it). */
export interface StaffHandoffs {
  decide(turn: Turn, arg: string): Promise<void>;
}

/**
 * The sender's acting role (staff or admin), checked now: a revoked member has none. In one estate
 * when given (a staff group's); else the first of the estates they hold roles in (a private chat,
 * where a ticket of another of their estates is acted on with their role there: `memberForTicket`).
 */
async function actingMember(turn: Turn, estateId?: number): Promise<Member | undefined> {
  const members = turn.ports.members;
  for (const role of ACTING_ROLES) {
    const member = await members.find(turn.event.platform, 'user', turn.event.sender.id, role, estateId);
    if (member) return member;
  }
  return undefined;
}

/** A group registered for a role that acts on tickets: staff act there, and nowhere else but in private. */
async function isStaffChat(turn: Turn): Promise<boolean> {
  const members = turn.ports.members;
  for (const role of ACTING_ROLES)
    if (await members.find(turn.event.platform, 'group', turn.event.chat.id, role)) return true;
  return false;
}

/**
 * Handles an event from a group chat: `/join CODE` registers it. In a staff group, staff press card
 * buttons, reply to cards, use staff commands and hold the explain dialogue; chatter is ignored. In
 * a committee or Party-branch group only meeting decisions are taken; a staff command there gets a
 * short pointer to where it works, showing nothing of any ticket.
 */
export async function handleStaffEvent(
  turn: Turn,
  command: Command | undefined,
  handoffs: StaffHandoffs,
): Promise<void> {
  if (command?.name === 'join') {
    await redeemInvite(turn, command.arg);
    return;
  }
  const registered = await turn.ports.members.find(turn.event.platform, 'group', turn.event.chat.id);
  if (!registered) {
    // Added to a group it does not know: say how to register it, once, and stay quiet otherwise.
    if (turn.event.kind === 'join')
      turn.replies.reply({ text: messages(turn.core.config.defaultLocale).staff.joinPrompt });
    return;
  }
  const s = catalog(turn).staff;
  if (!(await isStaffChat(turn))) {
    await handleMeetingGroup(turn, command, handoffs);
    return;
  }
  // A member acts in the staff groups of their own estate only: another estate's group must not see
  // their tickets through them.
  const member = await actingMember(turn, registered.estateId);
  const staffOnly = catalog(turn).staffOnly;

  if (turn.event.kind === 'callback' && turn.event.callbackData?.startsWith(STAFF_BUTTON)) {
    if (!member) {
      turn.replies.answerButton(staffOnly, true);
      return;
    }
    await handleStaffButton({ ...turn, member }, turn.event.callbackData.slice(STAFF_BUTTON.length));
    return;
  }
  if (turn.event.kind !== 'message') return;
  const text = turn.event.text?.trim() ?? '';
  const memberIn = async (estateId: number) => (member?.estateId === estateId ? member : undefined);
  if ((await continueExplainDialogue(turn, memberIn, text, command)) === 'handled') return;
  if (command?.name === 'other' && command.verb === 'decide') {
    await handoffs.decide(turn, command.arg);
    return;
  }

  if (command && command.name === 'other' && STAFF_VERBS.has(command.verb)) {
    if (!member) turn.replies.reply({ text: staffOnly });
    else await runStaffCommand({ ...turn, member }, command.verb, command.arg);
    return;
  }
  if (command?.name === 'other' && ADMIN_VERBS.has(command.verb)) {
    await runAdminCommand(turn, command.verb, command.arg);
    return;
  }
  if (command?.name === 'other' && command.verb === 'console') {
    refuseConsoleLinkInGroup(turn, turn.core.config.defaultLocale);
    return;
  }
  if (command?.name === 'help' || command?.name === 'start') {
    // Admin commands for an admin of this group's estate only.
    const admin = await turn.ports.members.find(
      turn.event.platform,
      'user',
      turn.event.sender.id,
      'admin',
      registered.estateId,
    );
    turn.replies.reply({ text: admin ? `${s.usage}\n\n${s.adminUsage}` : s.usage });
    return;
  }
  if (command) {
    // "/foo@SomeoneElsesBot" is for another bot in the group; any other unknown command gets an answer.
    if (!/^\s*\/\w+@/.test(text) && command.name !== 'cancel') turn.replies.reply({ text: s.unknownCommand });
    return;
  }
  if (turn.event.replyToMessageId !== undefined && text !== '') {
    const ticketId = await turn.ports.outbox.ticketOfMessage(
      turn.event.platform,
      turn.event.chat.id,
      turn.event.replyToMessageId,
    );
    if (ticketId === undefined) return;
    if (!member) {
      turn.replies.reply({ text: staffOnly });
      return;
    }
    const ticket = await turn.ports.tickets.findById(ticketId);
    if (ticket && mayActOn(member, ticket))
      report({ ...turn, member }, ticket, 'reply', await replyToTicket({ ...turn, member }, ticket, text));
  }
}

/** A committee or Party-branch group: meeting decisions only; staff commands and buttons are pointed elsewhere. */
async function handleMeetingGroup(turn: Turn, command: Command | undefined, handoffs: StaffHandoffs): Promise<void> {
  const s = catalog(turn).staff;
  if (turn.event.kind === 'callback' && turn.event.callbackData?.startsWith(STAFF_BUTTON)) {
    turn.replies.answerButton(s.notHere, true);
    return;
  }
  if (command?.name === 'help') turn.replies.reply({ text: await meetingGroupHelp(turn) });
  if (command?.name !== 'other') return;
  if (command.verb === 'decide') await handoffs.decide(turn, command.arg);
  else if (STAFF_VERBS.has(command.verb) || ADMIN_VERBS.has(command.verb)) turn.replies.reply({ text: s.notHere });
}

/**
 * `/help` in a committee, Party-branch or street group: the commands its role takes, and only those.
 * Both record the meeting's decisions and may ask for a console link in private; the committee also
 * takes 回访 (follow-up calls); the street's group only receives reports.
 */
async function meetingGroupHelp(turn: Turn): Promise<string> {
  const m = catalog(turn);
  const roles: Role[] = [];
  for (const role of ['committee', 'party_branch', 'street'] as const)
    if (await turn.ports.members.find(turn.event.platform, 'group', turn.event.chat.id, role)) roles.push(role);
  const parts: string[] = [];
  if (roles.some((role) => DECIDING_ROLES.includes(role))) parts.push(m.agenda.decideUsage);
  if (roles.includes('committee')) parts.push(m.revisit.help);
  if (roles.some((role) => CONSOLE_ROLES.includes(role)))
    parts.push(consoleMessages(turn.core.config.defaultLocale).chat.helpLine);
  return parts.length === 0 ? m.agenda.noCommandsHere : parts.join('\n\n');
}

/**
 * A staff member's private chat, before it is taken as a resident's: the card buttons of `/show`, and
 * the explain dialogue (its answers, confirmation and cancellation). Returns true when the event was
 * handled here; false leaves it to the resident conversation (which runs commands, staff ones too).
 */
export async function handleStaffPrivateEvent(turn: Turn, command: Command | undefined): Promise<boolean> {
  if (turn.event.kind === 'callback' && turn.event.callbackData?.startsWith(STAFF_BUTTON)) {
    const member = await actingMember(turn);
    if (!member) turn.replies.answerButton(catalog(turn).staffOnly, true);
    else await handleStaffButton({ ...turn, member }, turn.event.callbackData.slice(STAFF_BUTTON.length));
    return true;
  }
  if (turn.event.kind !== 'message') return false;
  return (
    (await continueExplainDialogue(
      turn,
      (estateId) => actingMember(turn, estateId),
      turn.event.text ?? '',
      command,
    )) === 'handled'
  );
}

/**
 * Staff commands in a private chat with the bot (and `/decide`, handed on to the meeting). Returns
 * false when the verb is not a staff verb (the resident conversation answers "unknown command").
 */
export async function handleStaffCommandInPrivate(
  ctx: ResidentTurn,
  command: Extract<Command, { name: 'other' }>,
  handoffs: StaffHandoffs,
): Promise<boolean> {
  if (command.verb === 'decide') {
    await handoffs.decide(ctx, command.arg);
    return true;
  }
  if (ADMIN_VERBS.has(command.verb)) {
    await runAdminCommand(ctx, command.verb, command.arg);
    return true;
  }
  if (command.verb === 'console') {
    await sendConsoleLink(ctx);
    return true;
  }
  if (!STAFF_VERBS.has(command.verb)) return false;
  const member = await actingMember(ctx);
  if (!member) {
    ctx.replies.reply({ text: messages(ctx.locale).staffOnly });
    return true;
  }
  await runStaffCommand({ ...ctx, member }, command.verb, command.arg);
  return true;
}

async function ticketFrom(
  turn: StaffTurn,
  text: string,
): Promise<{ ticket: Ticket; rest: string; member: Member } | undefined> {
  const reference = findReference(text);
  const s = catalog(turn).staff;
  if (!reference) {
    turn.replies.reply({ text: s.usage });
    return undefined;
  }
  const ticket = await turn.ports.tickets.findByReference(reference);
  const member = ticket && (await memberForTicket(turn, ticket));
  if (!ticket || !member) {
    turn.replies.reply({ text: s.notFound(reference) });
    return undefined;
  }
  const rest = text.replace(/^\s*[A-Za-z]{1,3}(?:-\d{1,6}|\d{2,6})\s*/, '');
  return { ticket, rest, member };
}

async function runStaffCommand(turn: StaffTurn, verb: string, arg: string): Promise<void> {
  const s = catalog(turn).staff;
  const tickets = turn.ports.tickets;
  switch (verb) {
    case 'staff': {
      const admin = (await adminEstate(turn)) !== undefined;
      turn.replies.reply({ text: admin ? `${s.usage}\n\n${s.adminUsage}` : s.usage });
      return;
    }
    case 'tickets': {
      const word = arg.trim().replace(/\s+/g, ' ').toLowerCase();
      const filter: TicketFilter = { limit: 20, ...(await estatesListed(turn)) };
      const named = ticketFilterNamed(word);
      if (word === '' || word === 'open') filter.status = ACTIVE_STATUSES;
      else if (word === 'overdue') filter.overdueAt = turn.now;
      else if (named?.kind === 'category') Object.assign(filter, { category: named.category, status: ACTIVE_STATUSES });
      else if (named?.kind === 'status') filter.status = named.status;
      else if (word !== 'all') {
        const m = catalog(turn);
        const unknown = s.unknownFilter({
          word: arg.trim(),
          categories: CATEGORIES.map((c) => m.categoryName[c]).join('、'),
          statuses: STATUSES.map((t) => m.statusName[t]).join('、'),
        });
        turn.replies.reply({ text: `${unknown}\n\n${s.usage}` });
        return;
      }
      await listTickets(turn, await tickets.list(filter), filter.estateIds ?? [filter.estateId!]);
      return;
    }
    case 'mine':
      await listMine(turn);
      return;
    case 'workload':
      await showWorkload(turn);
      return;
    case 'tpl':
      await runTemplateCommand(turn, arg);
      return;
    case 'search': {
      // The search runs over masked text only: a phone number or a name finds nothing.
      const listed = await estatesListed(turn);
      await listTickets(
        turn,
        await tickets.list({ search: arg, limit: 20, ...listed }),
        listed.estateIds ?? [listed.estateId!],
      );
      return;
    }
    case 'show': {
      const found = await ticketFrom(turn, arg);
      if (found) await showTicket(turn, found.ticket);
      return;
    }
  }
  const found = await ticketFrom(turn, arg);
  if (!found) return;
  const { ticket, rest } = found;
  // In a private chat, with the person's role in the ticket's estate (the history names that member).
  turn = { ...turn, member: found.member };
  switch (verb) {
    case 'reply':
      report(turn, ticket, 'reply', await replyToTicket(turn, ticket, rest));
      return;
    case 'ack':
      report(turn, ticket, 'ack', await acknowledgeTicket(turn, ticket));
      return;
    case 'work':
      report(turn, ticket, 'work', await startWork(turn, ticket));
      return;
    case 'resolve':
      report(turn, ticket, 'resolve', await resolveTicket(turn, ticket, rest.trim() || undefined));
      return;
    case 'explain': {
      if (rest.trim() === '') {
        await startExplainDialogue(turn, ticket);
        return;
      }
      const [reason = '', plan = ''] = rest.split(/[|｜]/, 2);
      await previewExplanation(turn, ticket, reason, plan);
      return;
    }
    case 'category': {
      // A category by its code or its name in any language, as /tickets takes it: "绿化", "綠化", "greening".
      const named = ticketFilterNamed(rest.trim().replace(/\s+/g, ' '));
      if (named?.kind !== 'category') {
        offerCategories(turn, ticket);
        return;
      }
      report(turn, ticket, 'recategorize', await recategorizeTicket(turn, ticket, named.category));
      return;
    }
    case 'assign': {
      // "/assign W-0001" takes it; "/assign W-0001 老王" gives it to the staff member of that name.
      const name = rest.trim().replace(/^@/, '');
      const assignee =
        name === ''
          ? turn.member
          : await turn.ports.members.findByName(turn.event.platform, name, ACTING_ROLES, ticket.estateId);
      if (!assignee || !mayActOn(assignee, ticket)) {
        turn.replies.reply({ text: s.noSuchStaff(name) });
        return;
      }
      report(turn, ticket, 'assign', await assignTicket(turn, ticket, assignee));
      return;
    }
    case 'merge': {
      const target = await ticketFrom(turn, rest);
      // Tickets of two estates never merge: the other is as good as not there.
      if (target && target.ticket.estateId !== ticket.estateId)
        turn.replies.reply({ text: s.notFound(target.ticket.reference) });
      else if (target) report(turn, ticket, 'merge', await mergeTickets(turn, ticket, target.ticket));
      return;
    }
    case 'note':
      report(turn, ticket, 'note', await addInternalNote(turn, ticket, rest));
      return;
  }
}

/**
 * A category or status named as staff write it: its code (`upkeep`, `in_progress`) or its name in any
 * of our languages (维修保洁, 維修清潔, "repairs and cleaning"), simplified or traditional.
 */
function ticketFilterNamed(
  word: string,
): { kind: 'category'; category: Category } | { kind: 'status'; status: Status } | undefined {
  const wanted = toSimplified(word.toLowerCase());
  const matches = (code: string, names: (m: Catalog) => string): boolean =>
    wanted === code ||
    wanted === code.replace(/_/g, ' ') ||
    LOCALES.some((l) => toSimplified(names(messages(l)).toLowerCase()) === wanted);
  const category = CATEGORIES.find((c) => matches(c, (m) => m.categoryName[c]));
  if (category) return { kind: 'category', category };
  const status = STATUSES.find((t) => matches(t, (m) => m.statusName[t]));
  return status && { kind: 'status', status };
}

/** The estates `/tickets` and `/search` list ({@link estatesInView}); each line names its estate when several. */
async function estatesListed(turn: StaffTurn): Promise<Pick<TicketFilter, 'estateId' | 'estateIds'>> {
  const estates = await estatesInView(turn);
  return estates.length > 1 ? { estateIds: estates } : { estateId: estates[0]! };
}

/** Lists tickets, one line each; each line starts with its estate's name when the list spans several. */
async function listTickets(turn: StaffTurn, list: Ticket[], estateIds: readonly number[]): Promise<void> {
  const m = catalog(turn);
  if (list.length === 0) {
    turn.replies.reply({ text: m.staff.listEmpty });
    return;
  }
  const audience = await audienceOf(turn);
  const viewer = { showResidentDetails: turn.core.config.showResidentDetails };
  const estateName = await estateNamer(turn, estateIds);
  const estateOf = (t: Ticket): string => {
    const name = estateName(t.estateId);
    return name === undefined ? '' : `[${name}] `;
  };
  const lines = list.map((t) => {
    const place = placeForViewer(t.place, turn.core.config.defaultLocale, audience, viewer);
    return `${t.urgency === 'urgent' ? '🚨' : '•'} ${estateOf(t)}${t.reference} ${m.statusName[t.status]} ${m.categoryName[t.category]}${place ? ` ${place}` : ''} — ${cut(forViewer(t.summary, audience, viewer), 40)}`;
  });
  turn.replies.reply({ text: [m.staff.listHeader(list.length), ...lines].join('\n') });
}

async function showTicket(turn: StaffTurn, ticket: Ticket): Promise<void> {
  const m = catalog(turn);
  const tickets = turn.ports.tickets;
  const members = turn.ports.members;
  const audience = await audienceOf(turn);
  const viewer = { showResidentDetails: turn.core.config.showResidentDetails };
  const card = staffCard(
    turn.core,
    ticket,
    await tickets.reporterCount(ticket.id),
    undefined,
    audience,
  )(turn.event.platform);
  const memberNames = new Map<number, string>();
  const history: string[] = [];
  for (const e of await tickets.events(ticket.id)) {
    let by: string;
    if (e.actor.kind === 'member') {
      const id = e.actor.id;
      if (!memberNames.has(id)) {
        const member = await members.findById(id);
        memberNames.set(id, member?.displayName ?? (member ? m.staff.roleName[member.role] : `#${id}`));
      }
      by = memberNames.get(id) ?? `#${id}`;
    } else {
      by = m.staff.actorName[e.actor.kind];
    }
    const text = eventText(e.data);
    // Staff words keep colleagues' names for staff, but lose any contact a reply quotes back.
    const shown =
      text === undefined
        ? undefined
        : forViewer(text, audience, { ...viewer, writtenBy: e.actor.kind === 'member' ? 'staff' : 'resident' });
    history.push(
      m.staff.eventLine({
        at: formatLocalDateTime(e.createdAt, turn.core.config.timezone),
        kind: m.staff.eventKindName[e.kind],
        by,
        ...(shown !== undefined && { text: cut(shown, 200) }),
      }),
    );
  }
  turn.replies.reply({ ...card, text: `${card.text}\n\n${m.staff.history}\n${history.join('\n')}` }, ticket.id);
}

/** The words of a history entry: a reply or note, a resolution note, an explanation, a decision. */
function eventText(data: Record<string, unknown>): string | undefined {
  for (const key of ['text', 'note', 'decision'] as const) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  if (typeof data.reason === 'string')
    return typeof data.plan === 'string' ? `${data.reason} | ${data.plan}` : data.reason;
  return undefined;
}

/** At most `max` characters, ending in "…" when cut. */
function cut(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

function offerCategories(turn: StaffTurn, ticket: Ticket): void {
  const m = catalog(turn);
  turn.replies.reply({
    text: m.staff.chooseCategory(ticket.reference),
    buttons: [
      CATEGORIES.filter((c) => c !== ticket.category).map((c) => ({
        label: m.categoryName[c],
        data: `${STAFF_BUTTON}setcat:${ticket.id}:${c}`,
      })),
    ],
  });
}

async function handleStaffButton(turn: StaffTurn, data: string): Promise<void> {
  const template = /^tpl:(\d+):(.+)$/.exec(data);
  if (template) {
    const ticket = await turn.ports.tickets.findById(Number(template[1]));
    const member = ticket && (await memberForTicket(turn, ticket));
    if (ticket && member) await sendTemplate({ ...turn, member }, ticket, template[2]!, []);
    else if (ticket) turn.replies.answerButton(catalog(turn).staffOnly, true);
    return;
  }
  const match = /^(ack|res|exp|expok|expno|cat|setcat|claim|tpls):(\d+)(?::(\w+))?$/.exec(data);
  if (!match) return;
  const ticket = await turn.ports.tickets.findById(Number(match[2]));
  if (!ticket) return;
  const member = await memberForTicket(turn, ticket);
  if (!member) {
    turn.replies.answerButton(catalog(turn).staffOnly, true);
    return;
  }
  // In a private chat, with the person's role in the ticket's estate.
  turn = { ...turn, member };
  if (match[1] === 'expok' || match[1] === 'expno') {
    await answerExplainButton(turn, ticket.id, match[1] === 'expok');
    return;
  }
  switch (match[1]) {
    case 'ack':
      report(turn, ticket, 'ack', await acknowledgeTicket(turn, ticket));
      return;
    case 'res':
      report(turn, ticket, 'resolve', await resolveTicket(turn, ticket));
      return;
    case 'exp':
      await startExplainDialogue(turn, ticket);
      return;
    case 'cat':
      offerCategories(turn, ticket);
      return;
    case 'claim':
      await claimTicket(turn, ticket);
      return;
    case 'tpls':
      await offerTemplates(turn, ticket);
      return;
    case 'setcat':
      if (isCategory(match[3])) report(turn, ticket, 'recategorize', await recategorizeTicket(turn, ticket, match[3]));
      return;
  }
}
