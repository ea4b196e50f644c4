import { toSimplified } from '../classify/traditional.ts';
import { LOCALES, messages, type Catalog } from '../i18n/index.ts';
import { formatPlace } from '../i18n/place-text.ts';
import type { Command } from '../intake/commands.ts';
import type { ResidentTurn, Turn } from '../intake/handle-event.ts';
import { redactPersonalDetails } from '../privacy/redact.ts';
import { KyselyConversationStore } from '../store/conversation-store.ts';
import { KyselyMemberStore, type Member } from '../store/member-store.ts';
import { KyselyOutboxStore } from '../store/outbox-store.ts';
import { KyselyTicketStore, type TicketFilter } from '../store/ticket-store.ts';
import { CATEGORIES, isCategory, type Category } from '../tickets/category.ts';
import { findReference } from '../tickets/reference.ts';
import { ACTIVE_STATUSES, STATUSES, type Status } from '../tickets/status.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { staffCard, STAFF_BUTTON } from './notify-staff.ts';
import { redeemInvite } from './join.ts';
import { withdrawTicket } from './close-loop.ts';
import { decideFromChat } from '../agenda/decide-command.ts';
import {
  ACTING_ROLES,
  acknowledgeTicket,
  addInternalNote,
  assignTicket,
  explainTicket,
  mergeTickets,
  recategorizeTicket,
  replyToTicket,
  resolveTicket,
  startWork,
  type ActionResult,
  type StaffContext,
} from './staff-actions.ts';

/** Staff command verbs; anyone else using them gets a polite refusal. */
const STAFF_VERBS = new Set(['tickets', 'show', 'search', 'reply', 'ack', 'work', 'resolve', 'explain', 'category', 'assign', 'merge', 'note', 'staff']);

async function actingMember(turn: Turn): Promise<Member | undefined> {
  const members = new KyselyMemberStore(turn.trx);
  for (const role of ACTING_ROLES) {
    const member = await members.find(turn.event.platform, 'user', turn.event.sender.id, role);
    if (member) return member;
  }
  return undefined;
}

function staffName(turn: Turn, member: Member): string {
  return member.displayName ?? turn.event.sender.displayName ?? `#${member.id}`;
}

/** The conversation key of one staff member inside a group (the explain flow is per person). */
function staffChatKey(turn: Turn): string {
  return turn.event.chat.type === 'group' ? `${turn.event.chat.id}#${turn.event.sender.id}` : turn.event.chat.id;
}

/**
 * Handles an event from a group chat: `/join CODE` registers it; in a registered group, staff press
 * card buttons, reply to cards, and use staff commands. Chatter in the group is ignored.
 */
export async function handleStaffEvent(turn: Turn, command: Command | undefined): Promise<void> {
  if (command?.name === 'join') {
    await redeemInvite(turn, command.arg);
    return;
  }
  const registered = await new KyselyMemberStore(turn.trx).find(turn.event.platform, 'group', turn.event.chat.id);
  if (!registered) {
    // Added to a group it does not know: say how to register it, once, and stay quiet otherwise.
    if (turn.event.kind === 'join') turn.replies.reply({ text: messages(turn.core.config.defaultLocale).staff.joinPrompt });
    return;
  }
  const s = messages(turn.core.config.defaultLocale).staff;
  const member = await actingMember(turn);
  const staffOnly = messages(turn.core.config.defaultLocale).staffOnly;

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
  if (command?.name === 'other' && command.verb === 'decide') {
    await decideFromChat(turn, command.arg);
    return;
  }

  if (command && command.name === 'other' && STAFF_VERBS.has(command.verb)) {
    if (!member) turn.replies.reply({ text: staffOnly });
    else await runStaffCommand({ ...turn, member }, command.verb, command.arg);
    return;
  }
  if (command?.name === 'help') {
    turn.replies.reply({ text: s.usage });
    return;
  }
  if (member && text !== '' && !command && (await continueExplainFlow({ ...turn, member }, text))) return;
  if (turn.event.replyToMessageId !== undefined && text !== '' && !command) {
    const ticketId = await new KyselyOutboxStore(turn.trx).ticketOfMessage(turn.event.platform, turn.event.chat.id, turn.event.replyToMessageId);
    if (ticketId === undefined) return;
    if (!member) {
      turn.replies.reply({ text: staffOnly });
      return;
    }
    const ticket = await new KyselyTicketStore(turn.trx).findById(ticketId);
    if (ticket) report({ ...turn, member }, ticket, 'reply', await replyToTicket({ ...turn, member }, ticket, text));
  }
}

/**
 * Staff commands in a private chat with the bot. Returns false when the verb is not a staff verb
 * (the caller answers "unknown command"). Residents also have `/withdraw REF` here.
 */
export async function handleStaffCommandInPrivate(ctx: ResidentTurn, command: Extract<Command, { name: 'other' }>): Promise<boolean> {
  if (command.verb === 'withdraw') {
    await withdrawTicket(ctx, findReference(command.arg) ?? command.arg);
    return true;
  }
  if (command.verb === 'decide') {
    await decideFromChat(ctx, command.arg);
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

type StaffTurn = Turn & StaffContext;

function catalog(turn: Turn): Catalog {
  return messages(turn.core.config.defaultLocale);
}

/** Tells the chat what happened (or why nothing did). */
function report(turn: StaffTurn, ticket: Ticket, action: keyof Catalog['staff']['actionNames'], result: ActionResult): void {
  const s = catalog(turn).staff;
  let text: string;
  if (result.kind === 'ok') text = s.done({ reference: ticket.reference, action: s.actionNames[action], by: staffName(turn, turn.member) });
  else if (result.kind === 'illegal-transition') text = s.illegal({ reference: ticket.reference, status: result.from, action: s.actionNames[action] });
  else if (result.reason === 'explain-needs-reason-and-plan') text = s.explainNeedsBoth;
  else if (result.reason === 'empty-text') text = s.replyNeedsText;
  else text = s.illegal({ reference: ticket.reference, status: ticket.status, action: s.actionNames[action] });
  if (turn.event.kind === 'callback') turn.replies.answerButton(text, result.kind !== 'ok');
  if (turn.event.kind !== 'callback' || result.kind === 'ok') turn.replies.reply({ text }, ticket.id);
}

async function ticketFrom(turn: StaffTurn, text: string): Promise<{ ticket: Ticket; rest: string } | undefined> {
  const reference = findReference(text);
  const s = catalog(turn).staff;
  if (!reference) {
    turn.replies.reply({ text: s.usage });
    return undefined;
  }
  const ticket = await new KyselyTicketStore(turn.trx).findByReference(reference);
  if (!ticket) {
    turn.replies.reply({ text: s.notFound(reference) });
    return undefined;
  }
  const rest = text.replace(/^\s*[A-Za-z]{1,3}(?:-\d{1,6}|\d{2,6})\s*/, '');
  return { ticket, rest };
}

async function runStaffCommand(turn: StaffTurn, verb: string, arg: string): Promise<void> {
  const s = catalog(turn).staff;
  const tickets = new KyselyTicketStore(turn.trx);
  switch (verb) {
    case 'staff':
      turn.replies.reply({ text: s.usage });
      return;
    case 'tickets': {
      const word = arg.trim().replace(/\s+/g, ' ').toLowerCase();
      const filter: TicketFilter = { limit: 20 };
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
      listTickets(turn, await tickets.list(filter));
      return;
    }
    case 'search':
      listTickets(turn, await tickets.list({ search: arg, limit: 20 }));
      return;
    case 'show': {
      const found = await ticketFrom(turn, arg);
      if (found) await showTicket(turn, found.ticket);
      return;
    }
  }
  const found = await ticketFrom(turn, arg);
  if (!found) return;
  const { ticket, rest } = found;
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
        await startExplainFlow(turn, ticket);
        return;
      }
      const [reason = '', plan = ''] = rest.split(/[|｜]/, 2);
      report(turn, ticket, 'explain', await explainTicket(turn, ticket, reason, plan));
      return;
    }
    case 'category': {
      const wanted = rest.trim();
      if (!isCategory(wanted)) {
        offerCategories(turn, ticket);
        return;
      }
      report(turn, ticket, 'recategorize', await recategorizeTicket(turn, ticket, wanted));
      return;
    }
    case 'assign': {
      // "/assign W-0001" takes it; "/assign W-0001 老王" gives it to the staff member of that name.
      const name = rest.trim().replace(/^@/, '');
      const assignee = name === '' ? turn.member : await new KyselyMemberStore(turn.trx).findByName(turn.event.platform, name, ACTING_ROLES);
      if (!assignee) {
        turn.replies.reply({ text: s.noSuchStaff(name) });
        return;
      }
      report(turn, ticket, 'assign', await assignTicket(turn, ticket, assignee));
      return;
    }
    case 'merge': {
      const target = await ticketFrom(turn, rest);
      if (target) report(turn, ticket, 'merge', await mergeTickets(turn, ticket, target.ticket));
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
function ticketFilterNamed(word: string): { kind: 'category'; category: Category } | { kind: 'status'; status: Status } | undefined {
  const wanted = toSimplified(word.toLowerCase());
  const matches = (code: string, names: (m: Catalog) => string): boolean =>
    wanted === code || wanted === code.replace(/_/g, ' ') || LOCALES.some((l) => toSimplified(names(messages(l)).toLowerCase()) === wanted);
  const category = CATEGORIES.find((c) => matches(c, (m) => m.categoryName[c]));
  if (category) return { kind: 'category', category };
  const status = STATUSES.find((t) => matches(t, (m) => m.statusName[t]));
  return status && { kind: 'status', status };
}

/** Text from residents shown in a group is stripped of units and contacts unless the operator opted in. */
function forChat(turn: Turn, text: string): string {
  return turn.event.chat.type === 'group' && !turn.core.config.showResidentDetails ? redactPersonalDetails(text) : text;
}

function listTickets(turn: StaffTurn, list: Ticket[]): void {
  const m = catalog(turn);
  if (list.length === 0) {
    turn.replies.reply({ text: m.staff.listEmpty });
    return;
  }
  const lines = list.map((t) => {
    const place = formatPlace(t.place, turn.core.config.defaultLocale, { includeUnit: turn.core.config.showResidentDetails });
    return `${t.urgency === 'urgent' ? '🚨' : '•'} ${t.reference} ${m.statusName[t.status]} ${m.categoryName[t.category]}${place ? ` ${place}` : ''} — ${cut(forChat(turn, t.summary), 40)}`;
  });
  turn.replies.reply({ text: [m.staff.listHeader(list.length), ...lines].join('\n') });
}

async function showTicket(turn: StaffTurn, ticket: Ticket): Promise<void> {
  const m = catalog(turn);
  const tickets = new KyselyTicketStore(turn.trx);
  const members = new KyselyMemberStore(turn.trx);
  const card = staffCard(turn.core, ticket, await tickets.reporterCount(ticket.id))(turn.event.platform);
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
    // Staff members' own words are theirs to show; only what residents wrote is stripped of details.
    const shown = text === undefined ? undefined : e.actor.kind === 'resident' ? forChat(turn, text) : text;
    history.push(
      m.staff.eventLine({
        at: e.createdAt.toISOString().slice(0, 16).replace('T', ' '),
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
  if (typeof data.reason === 'string') return typeof data.plan === 'string' ? `${data.reason} | ${data.plan}` : data.reason;
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
    buttons: [CATEGORIES.filter((c) => c !== ticket.category).map((c) => ({ label: m.categoryName[c], data: `${STAFF_BUTTON}setcat:${ticket.id}:${c}` }))],
  });
}

async function startExplainFlow(turn: StaffTurn, ticket: Ticket): Promise<void> {
  const conversations = new KyselyConversationStore(turn.trx);
  const key = staffChatKey(turn);
  const conversation = await conversations.load(turn.event.platform, key);
  await conversations.save(conversation, { state: 'explain_reason', ticketId: ticket.id }, { expiresAt: new Date(turn.now.getTime() + 30 * 60_000), at: turn.now });
  turn.replies.reply({ text: catalog(turn).staff.askReason(ticket.reference) }, ticket.id);
}

/** The two-step explain flow: reason, then plan. Returns true when the text was part of it. */
async function continueExplainFlow(turn: StaffTurn, text: string): Promise<boolean> {
  const conversations = new KyselyConversationStore(turn.trx);
  const conversation = await conversations.load(turn.event.platform, staffChatKey(turn));
  const state = conversation.value;
  if (state.state !== 'explain_reason' && state.state !== 'explain_plan') return false;
  if (conversation.expiresAt !== null && conversation.expiresAt < turn.now) return false;
  const ticket = await new KyselyTicketStore(turn.trx).findById(state.ticketId);
  if (!ticket) return false;
  if (state.state === 'explain_reason') {
    await conversations.save(conversation, { state: 'explain_plan', ticketId: ticket.id, reason: text }, { expiresAt: new Date(turn.now.getTime() + 30 * 60_000), at: turn.now });
    turn.replies.reply({ text: catalog(turn).staff.askPlan(ticket.reference) }, ticket.id);
    return true;
  }
  await conversations.save(conversation, { state: 'idle' }, { expiresAt: null, at: turn.now });
  report(turn, ticket, 'explain', await explainTicket(turn, ticket, state.reason, text));
  return true;
}

async function handleStaffButton(turn: StaffTurn, data: string): Promise<void> {
  const match = /^(ack|res|exp|cat|setcat):(\d+)(?::(\w+))?$/.exec(data);
  if (!match) return;
  const ticket = await new KyselyTicketStore(turn.trx).findById(Number(match[2]));
  if (!ticket) return;
  switch (match[1]) {
    case 'ack':
      report(turn, ticket, 'ack', await acknowledgeTicket(turn, ticket));
      return;
    case 'res':
      report(turn, ticket, 'resolve', await resolveTicket(turn, ticket));
      return;
    case 'exp':
      await startExplainFlow(turn, ticket);
      return;
    case 'cat':
      offerCategories(turn, ticket);
      return;
    case 'setcat':
      if (isCategory(match[3])) report(turn, ticket, 'recategorize', await recategorizeTicket(turn, ticket, match[3]));
      return;
  }
}
