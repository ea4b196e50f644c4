import { isLocale, messages, type Locale } from '../i18n/index.ts';
import type { Command } from '../turn/commands.ts';
import type { Turn } from '../turn/turn.ts';
import type { TurnPorts } from '../turn/unit-of-work.ts';
import type { IncomingEvent } from '../turn/incoming-event.ts';
import type { Member } from '../members/member.ts';
import type { Conversation, ConversationState } from '../turn/conversation-store.ts';
import { transition } from '../tickets/status.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { NotifyContext } from '../turn/notify-staff.ts';
import { STAFF_BUTTON } from '../turn/notify-staff.ts';
import { explainTicket } from './staff-actions.ts';
import { catalog, report, type StaffTurn } from './staff-turn.ts';

/** How long an unfinished explanation waits for the staff member's next answer. */
const DIALOGUE_MS = 30 * 60_000;

/** Typed words that cancel the dialogue in any language ("取消" also arrives as the `cancel` command). */
const CANCEL_WORDS = new Set(['取消', 'cancel', 'stop', '/cancel', '算了', '不发了', '不發了']);

type ExplainState = Extract<ConversationState, { state: 'explain_reason' | 'explain_plan' | 'explain_confirm' }>;

function isExplainState(value: ConversationState): value is ExplainState {
  return value.state === 'explain_reason' || value.state === 'explain_plan' || value.state === 'explain_confirm';
}

/**
 * The dialogue belongs to the member who started it, in the chat where they started it: its key is
 * never a chat's own key (a staff member's private chat is also a resident's conversation).
 */
function dialogueKey(event: IncomingEvent): string {
  return `${event.chat.id}#${event.sender.id}`;
}

/**
 * Whether the sender of this event is in the middle of an explain dialogue in this chat (not timed
 * out): the router asks before classifying, since the answers are no complaint.
 */
export async function inExplainDialogue(
  ports: Pick<TurnPorts, 'conversations'>,
  event: IncomingEvent,
  now: Date,
): Promise<boolean> {
  const conversation = await ports.conversations.load(event.platform, dialogueKey(event));
  return isExplainState(conversation.value) && (conversation.expiresAt === null || conversation.expiresAt > now);
}

async function save(turn: Turn, conversation: Conversation, value: ConversationState): Promise<void> {
  const expiresAt = value.state === 'idle' ? null : new Date(turn.now.getTime() + DIALOGUE_MS);
  await turn.ports.conversations.save(conversation, value, { expiresAt, at: turn.now });
}

/** `/explain REF` without text, or the card's explain button: asks for the reason (unless it cannot be explained now). */
export async function startExplainDialogue(turn: StaffTurn, ticket: Ticket): Promise<void> {
  const check = transition(ticket.status, 'explained');
  if (check.kind !== 'ok') {
    report(turn, ticket, 'explain', { kind: 'illegal-transition', ticket, from: check.from, to: check.to });
    return;
  }
  const conversation = await turn.ports.conversations.load(turn.event.platform, dialogueKey(turn.event));
  await save(turn, conversation, { state: 'explain_reason', ticketId: ticket.id, chatId: turn.event.chat.id });
  turn.replies.reply({ text: catalog(turn).staff.askReason(ticket.reference) }, ticket.id);
}

/**
 * `/explain REF reason | plan`: both given at once, the same preview and confirmation as the dialogue
 * (nothing reaches residents before the member confirms); without both, says so.
 */
export async function previewExplanation(turn: StaffTurn, ticket: Ticket, reason: string, plan: string): Promise<void> {
  const check = transition(ticket.status, 'explained');
  if (check.kind !== 'ok') {
    report(turn, ticket, 'explain', { kind: 'illegal-transition', ticket, from: check.from, to: check.to });
    return;
  }
  const r = reason.trim();
  const p = plan.trim();
  if (r === '' || p === '') {
    report(turn, ticket, 'explain', { kind: 'invalid', reason: 'explain-needs-reason-and-plan' });
    return;
  }
  const conversation = await turn.ports.conversations.load(turn.event.platform, dialogueKey(turn.event));
  await save(turn, conversation, {
    state: 'explain_confirm',
    ticketId: ticket.id,
    reason: r,
    plan: p,
    chatId: turn.event.chat.id,
  });
  await showPreview(turn, ticket, r, p);
}

/**
 * What became of a message in the light of the sender's explain dialogue: `none` (no dialogue, or it
 * lapsed, or the sender may no longer act: the message is handled as usual), `handled` (it was an
 * answer, a confirmation or a cancellation), `ended` (another command: the dialogue is over and the
 * caller runs the command).
 */
export type DialogueOutcome = 'none' | 'handled' | 'ended';

export async function continueExplainDialogue(
  turn: Turn,
  actingMember: (estateId: number) => Promise<Member | undefined>,
  text: string,
  command: Command | undefined,
): Promise<DialogueOutcome> {
  const conversation = await turn.ports.conversations.load(turn.event.platform, dialogueKey(turn.event));
  const state = conversation.value;
  if (!isExplainState(state)) return 'none';
  const s = catalog(turn).staff;
  const ticket = await turn.ports.tickets.findById(state.ticketId);
  // The sender's role in the ticket's estate (a person may hold roles in several).
  const member = ticket && (await actingMember(ticket.estateId));
  if (!ticket || !member) {
    // A revoked member's half-written explanation goes nowhere.
    await save(turn, conversation, { state: 'idle' });
    return 'none';
  }
  if (conversation.expiresAt !== null && conversation.expiresAt <= turn.now) {
    await save(turn, conversation, { state: 'idle' });
    turn.replies.reply({ text: s.explainTimedOut(ticket.reference) }, ticket.id);
    return 'none';
  }
  const typed = text.trim();
  if (command?.name === 'cancel' || CANCEL_WORDS.has(typed.toLowerCase())) {
    await save(turn, conversation, { state: 'idle' });
    turn.replies.reply({ text: s.explainCancelled(ticket.reference) }, ticket.id);
    return 'handled';
  }
  if (command) {
    await save(turn, conversation, { state: 'idle' });
    turn.replies.reply({ text: s.explainCancelled(ticket.reference) }, ticket.id);
    return 'ended';
  }
  if (typed === '') return 'none';
  if (turn.event.replyToMessageId !== undefined) {
    // A reply to another ticket's card is an answer to its residents, not part of this explanation.
    const repliedTo = await turn.ports.outbox.ticketOfMessage(
      turn.event.platform,
      turn.event.chat.id,
      turn.event.replyToMessageId,
    );
    if (repliedTo !== undefined && repliedTo !== ticket.id) return 'none';
  }
  const staffTurn: StaffTurn = { ...turn, member };
  switch (state.state) {
    case 'explain_reason':
      await save(turn, conversation, {
        state: 'explain_plan',
        ticketId: ticket.id,
        reason: typed,
        chatId: turn.event.chat.id,
      });
      turn.replies.reply({ text: s.askPlan(ticket.reference) }, ticket.id);
      return 'handled';
    case 'explain_plan':
      await save(turn, conversation, {
        state: 'explain_confirm',
        ticketId: ticket.id,
        reason: state.reason,
        plan: typed,
        chatId: turn.event.chat.id,
      });
      await showPreview(staffTurn, ticket, state.reason, typed);
      return 'handled';
    case 'explain_confirm':
      if (!isConfirmation(typed)) {
        turn.replies.reply({ text: s.explainAwaitingConfirm(ticket.reference) }, ticket.id);
        return 'handled';
      }
      await save(turn, conversation, { state: 'idle' });
      report(staffTurn, ticket, 'explain', await explainTicket(staffTurn, ticket, state.reason, state.plan));
      return 'handled';
  }
}

function isConfirmation(typed: string): boolean {
  const word = typed.toLowerCase().replace(/[\s!！。.]+$/u, '');
  return (
    messages('zh-CN').staff.confirmWords.includes(word) ||
    messages('zh-TW').staff.confirmWords.includes(word) ||
    messages('en').staff.confirmWords.includes(word)
  );
}

/** The confirm / cancel buttons under the preview; only the member who wrote the explanation can press them. */
export async function answerExplainButton(turn: StaffTurn, ticketId: number, confirm: boolean): Promise<void> {
  const conversation = await turn.ports.conversations.load(turn.event.platform, dialogueKey(turn.event));
  const state = conversation.value;
  const s = catalog(turn).staff;
  const live = conversation.expiresAt === null || conversation.expiresAt > turn.now;
  const ticket = await turn.ports.tickets.findById(ticketId);
  if (state.state !== 'explain_confirm' || state.ticketId !== ticketId || !live || !ticket) {
    turn.replies.answerButton(s.nothingToConfirm, true);
    return;
  }
  await save(turn, conversation, { state: 'idle' });
  if (!confirm) {
    turn.replies.reply({ text: s.explainCancelled(ticket.reference) }, ticket.id);
    return;
  }
  report(turn, ticket, 'explain', await explainTicket(turn, ticket, state.reason, state.plan));
}

/** Shows exactly what the reporters will receive, in each language they use, with confirm / cancel. */
async function showPreview(turn: StaffTurn, ticket: Ticket, reason: string, plan: string): Promise<void> {
  const s = catalog(turn).staff;
  const reporterIds = await turn.ports.tickets.reporterIds(ticket.id);
  const residents = turn.ports.residents;
  const locales = new Set<Locale>();
  for (const id of reporterIds) {
    const resident = await residents.findById(id);
    locales.add(resident && isLocale(resident.locale) ? resident.locale : turn.core.config.defaultLocale);
  }
  if (locales.size === 0) locales.add(turn.core.config.defaultLocale);
  const texts = [...locales].map((l) => messages(l).explainedToResident({ reference: ticket.reference, reason, plan }));
  turn.replies.reply(
    {
      text: s.explainPreview({ reference: ticket.reference, texts, reporters: reporterIds.length }),
      buttons: [
        [
          { label: s.buttonConfirm, data: `${STAFF_BUTTON}expok:${ticket.id}` },
          { label: s.buttonCancel, data: `${STAFF_BUTTON}expno:${ticket.id}` },
        ],
      ],
    },
    ticket.id,
  );
}

/**
 * Tells the chat that an explain dialogue lapsed unfinished (called by the expiry job for a lapsed
 * staff conversation). Returns false when the conversation is no explain dialogue.
 */
export async function noticeLapsedExplanation(ctx: NotifyContext, conversation: Conversation): Promise<boolean> {
  const state = conversation.value;
  if (!isExplainState(state)) return false;
  const ticket = await ctx.ports.tickets.findById(state.ticketId);
  if (ticket && state.chatId !== undefined) {
    ctx.replies.to(
      conversation.platform,
      state.chatId,
      { text: messages(ctx.core.config.defaultLocale).staff.explainTimedOut(ticket.reference) },
      ticket.id,
    );
  }
  return true;
}
