import type { Place } from '../classify/classifier.ts';
import { messages } from '../i18n/index.ts';
import type { PendingComplaint } from '../turn/conversation-store.ts';
import type { ResidentTurn, Turn } from '../turn/turn.ts';
import { findReference } from '../tickets/reference.ts';
import { handleResidentCallback, withdrawTicket } from './close-loop.ts';
import { askToForget, handleForgetButton } from './forget-me.ts';
import { localeFromName, type Command } from '../turn/commands.ts';
import { myTicketLines } from './ticket-status.ts';
import {
  addDetails,
  communityOf,
  fileAndRespond,
  PLACE_BUILDING,
  PLACE_SPOT,
  setState,
  startComplaint,
  DETAILS_WINDOW_MS,
} from './resident-steps.ts';

/** Button data of the language choice and of "more about W-0012, or a new problem?". */
const LANG = 'lang:';
const CHOICE_ADD = 'choice:add';
const CHOICE_NEW = 'choice:new';

/**
 * What the resident's chat hands to the other conversations: `/join CODE` (membership) and commands
 * that are not a resident's (staff and meeting verbs typed in a private chat). The router wires them,
 * so this conversation imports no other.
 */
export interface ResidentHandoffs {
  join(turn: Turn, code: string): Promise<void>;
  /** Runs a command that is not a resident's; false when nobody knows it. */
  otherCommand(ctx: ResidentTurn, command: Extract<Command, { name: 'other' }>): Promise<boolean>;
}

/** "More about W-0012, or a new problem?" with two buttons; the message waits in the conversation. */
export async function askWhichTicket(ctx: ResidentTurn, ticketId: number, pending: PendingComplaint): Promise<void> {
  const ticket = await ctx.ports.tickets.findById(ticketId);
  if (!ticket) return;
  const m = messages(ctx.locale);
  await setState(
    ctx,
    { state: 'awaiting_choice', ticketId, pending },
    new Date(ctx.now.getTime() + ctx.core.config.placeWaitMinutes * 60_000),
  );
  ctx.replies.reply(
    {
      text: m.choiceAsk({ reference: ticket.reference }),
      buttons: [
        [
          { label: m.choiceAdd({ reference: ticket.reference }), data: CHOICE_ADD },
          { label: m.choiceNew, data: CHOICE_NEW },
        ],
      ],
      style: 'quick-replies',
    },
    ticket.id,
  );
}

export async function handleCallback(ctx: ResidentTurn, data: string): Promise<void> {
  const state = ctx.conversation.value;
  if (data.startsWith('place:')) {
    const place: Place | null = data.startsWith(PLACE_BUILDING)
      ? { building: data.slice(PLACE_BUILDING.length), text: data.slice(PLACE_BUILDING.length) }
      : data.startsWith(PLACE_SPOT)
        ? { spot: data.slice(PLACE_SPOT.length), text: data.slice(PLACE_SPOT.length) }
        : null;
    if (state.state === 'awaiting_place') await fileAndRespond(ctx, state.pending, place);
    // The place asked after an urgent ticket was filed.
    else if (state.state === 'awaiting_details' && place)
      await addDetails(ctx, state.ticketId, undefined, [], { place });
    return;
  }
  if (data === CHOICE_ADD || data === CHOICE_NEW) {
    if (state.state !== 'awaiting_choice') return; // answered already
    if (data === CHOICE_ADD) {
      await addDetails(ctx, state.ticketId, state.pending.text, state.pending.attachments);
      await setState(
        ctx,
        { state: 'awaiting_details', ticketId: state.ticketId },
        new Date(ctx.now.getTime() + DETAILS_WINDOW_MS),
      );
    } else {
      await setState(ctx, { state: 'idle' }, null);
      await startComplaint(ctx, state.pending);
    }
    return;
  }
  if (data.startsWith(LANG)) {
    await changeLanguage(ctx, data.slice(LANG.length));
    return;
  }
  if (await handleForgetButton(ctx, data)) return;
  await handleResidentCallback(ctx, data);
}

async function changeLanguage(ctx: ResidentTurn, wanted: string): Promise<void> {
  const locale = localeFromName(wanted, ctx.locale);
  if (!locale) {
    const m = messages(ctx.locale);
    ctx.replies.reply({
      text: m.langPrompt,
      buttons: [(['zh-CN', 'zh-TW', 'en'] as const).map((l) => ({ label: m.languageName[l], data: `${LANG}${l}` }))],
      style: 'quick-replies',
    });
    return;
  }
  await ctx.ports.residents.setLocale(ctx.resident.id, locale);
  ctx.replies.reply({ text: messages(locale).langChanged });
}

export async function handleCommand(ctx: ResidentTurn, command: Command, handoffs: ResidentHandoffs): Promise<void> {
  const m = messages(ctx.locale);
  switch (command.name) {
    case 'start':
      ctx.replies.reply({ text: m.welcome({ community: await communityOf(ctx) }) });
      return;
    case 'help':
      ctx.replies.reply({ text: m.help({ numbers: ctx.core.config.emergencyNumbers }) });
      return;
    case 'lang':
      await changeLanguage(ctx, command.arg);
      return;
    case 'mytickets': {
      const lines = await myTicketLines(ctx);
      ctx.replies.reply({
        text: lines.length === 0 ? m.myTicketsEmpty : [m.myTicketsHeader(lines.length), ...lines].join('\n'),
      });
      return;
    }
    case 'cancel':
      if (ctx.conversation.value.state !== 'idle') await setState(ctx, { state: 'idle' }, null);
      ctx.replies.reply({ text: m.ackReply });
      return;
    case 'join': {
      await handoffs.join(ctx, command.arg);
      return;
    }
    case 'other': {
      if (command.verb === 'withdraw') await withdrawTicket(ctx, findReference(command.arg) ?? command.arg);
      else if (command.verb === 'forgetme') askToForget(ctx);
      else if (!(await handoffs.otherCommand(ctx, command))) ctx.replies.reply({ text: m.unknownCommand });
      return;
    }
  }
}
