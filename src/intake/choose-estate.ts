import type { Classification } from '../classify/classifier.ts';
import { DEFAULT_ESTATE_CODE, estateName, type Estate } from '../estates/estate.ts';
import { readJoinPayload, readJoinText } from '../estates/join-link.ts';
import { messages, type Catalog } from '../i18n/index.ts';
import type { Button } from '../outbox/outgoing-message.ts';
import type { Command } from '../turn/commands.ts';
import type { WaitingMessage } from '../turn/conversation-store.ts';
import type { ResidentTurn } from '../turn/turn.ts';

/** Button data of an estate choice: `estate:<id>` (ids keep it within Telegram's 64 bytes). */
export const ESTATE_BUTTON = 'estate:';
/** Estates offered as buttons at most (LINE shows 13 quick replies); the rest are joined by code. */
const MAX_ESTATE_BUTTONS = 12;
/** Messages kept while the estate is unknown; a resident who keeps writing is asked again, not stored without end. */
const MAX_WAITING = 10;

/**
 * What the estate step did: `go-on` (the resident's estate is known, or the event needs none), `taken`
 * (it answered the event), `chosen` (the estate was just chosen: the messages that waited for it are to
 * be handled now, in order, as if they arrived now).
 */
export type EstateStep = { kind: 'go-on' } | { kind: 'taken' } | { kind: 'chosen'; waiting: WaitingMessage[] };

/**
 * The estates a resident can choose: all of them, except an unnamed `default` (no name of its own and
 * no COMMUNITY_NAME) beside named ones — an install that only ever added estates by code does not offer
 * "this estate" as a choice.
 */
export function choosableEstates(estates: readonly Estate[], communityName: string | undefined): Estate[] {
  const named = estates.filter((e) => e.code !== DEFAULT_ESTATE_CODE || estateName(e, communityName) !== undefined);
  return named.length > 0 ? named : [...estates];
}

/** An estate's name as residents read it. */
export function estateTitle(estate: Estate, communityName: string | undefined, m: Catalog): string {
  return estateName(estate, communityName) ?? m.defaultCommunity;
}

/** What the event names: an estate code (a join link or message, `/estate CODE`), a pressed estate button, or `/estate` alone. */
type Named = { kind: 'code'; code: string } | { kind: 'id'; id: number } | { kind: 'ask' } | undefined;

function namedEstate(ctx: ResidentTurn, text: string | undefined, command: Command | undefined): Named {
  const data = ctx.event.kind === 'callback' ? ctx.event.callbackData : undefined;
  if (data?.startsWith(ESTATE_BUTTON)) {
    const id = Number(data.slice(ESTATE_BUTTON.length));
    return Number.isInteger(id) ? { kind: 'id', id } : { kind: 'ask' };
  }
  if (command?.name === 'start' && command.arg !== '') {
    // A /start payload that is no estate code (another feature's) is an ordinary /start.
    const code = readJoinPayload(command.arg);
    return code === undefined ? undefined : { kind: 'code', code };
  }
  if (command?.name === 'other' && command.verb === 'estate')
    return command.arg === '' ? { kind: 'ask' } : { kind: 'code', code: command.arg.trim().toLowerCase() };
  if (!command && text !== undefined) {
    const code = readJoinText(text);
    if (code !== undefined) return { kind: 'code', code };
  }
  return undefined;
}

function estateButtons(estates: readonly Estate[], ctx: ResidentTurn, m: Catalog): Button[][] {
  const buttons = estates
    .slice(0, MAX_ESTATE_BUTTONS)
    .map((e) => ({ label: estateTitle(e, ctx.core.config.communityName, m), data: `${ESTATE_BUTTON}${e.id}` }));
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}

function ask(ctx: ResidentTurn, estates: readonly Estate[], kept: boolean): void {
  const m = messages(ctx.locale);
  ctx.replies.reply({
    text: m.estateAsk({ kept, more: estates.length > MAX_ESTATE_BUTTONS }),
    buttons: estateButtons(estates, ctx, m),
    style: 'quick-replies',
  });
}

/** Whether a message is something the resident will want filed: a complaint, a photo, a voice note, a location. */
function worthKeeping(ctx: ResidentTurn, classification: Classification | null): boolean {
  const e = ctx.event;
  return (
    classification?.isComplaint === true || e.photo !== undefined || e.audio !== undefined || e.location !== undefined
  );
}

async function bind(ctx: ResidentTurn, estate: Estate): Promise<void> {
  if (ctx.resident.estateId !== estate.id) await ctx.ports.residents.setEstate(ctx.resident.id, estate.id);
  ctx.resident = { ...ctx.resident, estateId: estate.id };
}

/**
 * The resident's estate, before anything else of their turn (DESIGN §5): a join link (`/start CODE`,
 * "加入 CODE"), a pressed estate button or `/estate CODE` binds them and answers; `/estate` alone says
 * where they are and offers the others. A resident without an estate is bound at once when the bot
 * serves one estate; with several, their messages wait in the conversation (a complaint is filed once
 * the estate is known, and only then) and they are asked, while commands and buttons work as ever.
 */
export async function takeEstateStep(
  ctx: ResidentTurn,
  text: { text: string; truncated: boolean } | undefined,
  command: Command | undefined,
  classification: Classification | null,
): Promise<EstateStep> {
  const m = messages(ctx.locale);
  const named = namedEstate(ctx, text?.text, command);
  if (named === undefined && ctx.resident.estateId !== null) return { kind: 'go-on' };
  const estates = choosableEstates(await ctx.ports.estates.list(), ctx.core.config.communityName);
  if (named?.kind === 'code' || named?.kind === 'id') {
    const estate =
      named.kind === 'code'
        ? await ctx.ports.estates.findByCode(named.code)
        : await ctx.ports.estates.findById(named.id);
    if (!estate) {
      if (named.kind === 'code') ctx.replies.reply({ text: m.estateUnknown({ code: named.code }) });
      if (ctx.resident.estateId === null && estates.length > 1)
        ask(ctx, estates, ctx.conversation.value.state === 'awaiting_estate');
      return { kind: 'taken' };
    }
    await bind(ctx, estate);
    const name = estateTitle(estate, ctx.core.config.communityName, m);
    if (named.kind === 'id') ctx.replies.answerButton('', false);
    ctx.replies.reply({ text: command?.name === 'start' ? m.welcome({ community: name }) : m.estateJoined({ name }) });
    const state = ctx.conversation.value;
    return state.state === 'awaiting_estate' ? { kind: 'chosen', waiting: state.waiting } : { kind: 'taken' };
  }
  if (named?.kind === 'ask') {
    const id = ctx.resident.estateId;
    const mine = id === null ? undefined : (estates.find((e) => e.id === id) ?? (await ctx.ports.estates.findById(id)));
    if (mine) {
      const others = estates.filter((e) => e.id !== mine.id);
      ctx.replies.reply({
        text: m.estateCurrent({ name: estateTitle(mine, ctx.core.config.communityName, m), change: others.length > 0 }),
        ...(others.length > 0 && { buttons: estateButtons(others, ctx, m), style: 'quick-replies' as const }),
      });
    } else ask(ctx, estates, ctx.conversation.value.state === 'awaiting_estate');
    return { kind: 'taken' };
  }
  // No estate yet.
  if (estates.length === 1) {
    await bind(ctx, estates[0]!);
    return { kind: 'go-on' };
  }
  const event = ctx.event;
  if (event.kind === 'follow' || command?.name === 'start') {
    ctx.replies.reply({ text: m.welcome({ community: m.defaultCommunity }) });
    ask(ctx, estates, false);
    return { kind: 'taken' };
  }
  if (command || event.kind !== 'message') return { kind: 'go-on' };
  const state = ctx.conversation.value;
  const waiting = state.state === 'awaiting_estate' ? state.waiting : [];
  const keep = worthKeeping(ctx, classification) && waiting.length < MAX_WAITING;
  if (keep) {
    const message: WaitingMessage = { event, inboxId: ctx.inboxId, text, classification };
    await ctx.ports.conversations.save(
      ctx.conversation,
      { state: 'awaiting_estate', waiting: [...waiting, message] },
      { residentId: ctx.resident.id, expiresAt: null, at: ctx.now },
    );
    ctx.conversation = await ctx.ports.conversations.load(event.platform, event.chat.id);
  }
  ask(ctx, estates, keep || waiting.length > 0);
  return { kind: 'taken' };
}
