import { isLocale, messages, type Locale } from '../i18n/index.ts';
import { forViewer } from '../privacy/for-viewer.ts';
import type { Revisit } from '../tickets/revisit-store.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { Command } from '../turn/commands.ts';
import { memberName } from '../turn/assign-in-turn.ts';
import { revisitView } from '../turn/request-revisit.ts';
import type { IncomingEvent } from '../turn/incoming-event.ts';
import type { Turn } from '../turn/turn.ts';
import type { TurnPorts } from '../turn/unit-of-work.ts';
import type { Member } from '../members/member.ts';

/*
 * 回访: the residents' committee calls a resident back through the bot. A committee member starts the
 * task from the committee chat; from then on what they write in their private chat goes to the
 * resident "from the residents' committee", and what the resident writes goes to them masked (DESIGN
 * §6: the committee never sees a resident's name, phone or flat). `/done OUTCOME` records the result.
 */

/** The committee chats' language. */
function catalog(turn: Turn) {
  return messages(turn.core.config.defaultLocale);
}

/** The member ids of the person who sent the event (one per role they hold or held). */
async function ownMemberIds(ports: TurnPorts, event: IncomingEvent): Promise<number[]> {
  const mine = await ports.members.select({ kind: 'subject', platform: event.platform, subjectId: event.sender.id });
  return mine.filter((m) => m.subjectKind === 'user').map((m) => m.id);
}

/** A started revisit the sender of a private event talks in: as its caller, or as its resident. */
type RevisitRelay = { as: 'caller'; revisit: Revisit } | { as: 'resident'; revisit: Revisit; caller: Member };

/**
 * The started revisit whose relay takes what this sender writes in their private chat, if any: the
 * router asks before classifying, since words relayed in a 回访 are no new complaint (DESIGN §7).
 */
export async function revisitRelayOf(ports: TurnPorts, event: IncomingEvent): Promise<RevisitRelay | undefined> {
  const asCaller = await ports.revisits.startedByCaller(await ownMemberIds(ports, event));
  if (asCaller) return { as: 'caller', revisit: asCaller };
  const asResident = await ports.revisits.startedForResident(event.platform, event.sender.id);
  if (!asResident || asResident.callerMemberId === null) return undefined;
  const caller = await ports.members.findById(asResident.callerMemberId);
  return caller && caller.revokedAt === null ? { as: 'resident', revisit: asResident, caller } : undefined;
}

/** Sends a message to every chat of the resident of a revisit, in their language. */
async function toResident(
  turn: Turn,
  revisit: Revisit,
  text: (m: ReturnType<typeof messages>, locale: Locale) => string,
): Promise<void> {
  const resident = await turn.ports.residents.findById(revisit.residentId);
  const locale: Locale = resident && isLocale(resident.locale) ? resident.locale : turn.core.config.defaultLocale;
  for (const address of await turn.ports.residents.addresses(revisit.residentId))
    turn.replies.to(address.platform, address.chatId, { text: text(messages(locale), locale) }, revisit.ticketId);
}

/** Sends a message about a ticket to every chat registered for the committee of its estate. */
async function toCommittee(turn: Turn, text: string, ticket: Pick<Ticket, 'id' | 'estateId'>): Promise<void> {
  for (const group of await turn.ports.members.groups('committee', ticket.estateId))
    turn.replies.to(group.platform, group.subjectId, { text }, ticket.id);
}

/**
 * The 我来回访 button (`rv:start:<id>`), pressed in the committee chat: a committee member takes the
 * revisit, is briefed in their private chat, and the resident is told the committee will talk to them.
 */
export async function handleRevisitButton(turn: Turn): Promise<void> {
  const r = catalog(turn).revisit;
  const match = /^rv:start:(\d+)$/.exec(turn.event.callbackData ?? '');
  if (!match) return;
  const revisit = await turn.ports.revisits.findById(Number(match[1]));
  const ticket = revisit && (await turn.ports.tickets.findById(revisit.ticketId));
  if (!revisit || !ticket) return;
  // The committee role in the ticket's estate: another estate's committee member takes nothing of
  // this one's, and a person on the committees of several estates acts with this estate's role.
  const member = await turn.ports.members.find(
    turn.event.platform,
    'user',
    turn.event.sender.id,
    'committee',
    ticket.estateId,
  );
  if (!member) {
    turn.replies.answerButton(r.committeeOnly);
    return;
  }
  if (!(await turn.ports.revisits.start(revisit.id, member.id, turn.now))) {
    const current = await turn.ports.revisits.findById(revisit.id);
    const caller =
      current?.callerMemberId == null ? undefined : await turn.ports.members.findById(current.callerMemberId);
    turn.replies.answerButton(
      current?.status === 'done'
        ? r.alreadyDone({ id: revisit.id })
        : r.takenBy({ id: revisit.id, by: caller ? memberName(caller) : '?' }),
    );
    return;
  }
  await turn.ports.tickets.addEvent(
    ticket.id,
    'revisit',
    { kind: 'member', id: member.id },
    { step: 'started', revisit: revisit.id },
    turn.now,
  );
  const started = r.started({ id: revisit.id, reference: ticket.reference, by: memberName(member) });
  turn.replies.answerButton(started, false);
  if (turn.event.chat.type === 'group') turn.replies.reply({ text: started }, ticket.id);
  // A person's private chat with the bot has the person's id on Telegram and LINE alike.
  turn.replies.to(
    turn.event.platform,
    turn.event.sender.id,
    { text: r.callerIntro(await revisitView(turn, { ...revisit, status: 'started' }, ticket)) },
    ticket.id,
  );
  await toResident(turn, revisit, (m) => m.revisit.residentIntro({ reference: ticket.reference }));
}

/**
 * A private message during a started revisit: from its caller, relayed to the resident (or `/done
 * OUTCOME`, which ends it); from its resident, relayed to the caller, masked. Returns false when the
 * sender is in no started revisit, or the message is not for it (another command, a button, a photo).
 */
export async function handleRevisitPrivateEvent(turn: Turn, command: Command | undefined): Promise<boolean> {
  if (turn.event.kind !== 'message') return false;
  const text = turn.event.text?.trim() ?? '';
  const relay = await revisitRelayOf(turn.ports, turn.event);
  if (relay?.as === 'caller' && command?.name === 'other' && command.verb === 'done') {
    await finishRevisit(turn, relay.revisit, command.arg);
    return true;
  }
  if (!relay || command || text === '') return false;
  const ticket = await turn.ports.tickets.findById(relay.revisit.ticketId);
  if (!ticket) return false;
  if (relay.as === 'caller') {
    await toResident(turn, relay.revisit, (m) => m.revisit.fromCommittee({ reference: ticket.reference, text }));
    return true;
  }
  // Masked as for any reader who is not staff: the resident's own name, phone and flat included.
  const known = await turn.ports.tickets.otherReportersDetails(ticket.id, -1);
  const relayed = catalog(turn).revisit.fromResident({
    id: relay.revisit.id,
    reference: ticket.reference,
    text: forViewer(text, 'public', { known }),
  });
  turn.replies.to(relay.caller.platform, relay.caller.subjectId, { text: relayed }, ticket.id);
  return true;
}

async function finishRevisit(turn: Turn, revisit: Revisit, outcome: string): Promise<void> {
  const r = catalog(turn).revisit;
  const result = outcome.trim();
  if (result === '') {
    turn.replies.reply({ text: r.doneUsage });
    return;
  }
  const ticket = await turn.ports.tickets.findById(revisit.ticketId);
  if (!ticket || !(await turn.ports.revisits.finish(revisit.id, result, turn.now))) return;
  const caller =
    revisit.callerMemberId === null ? undefined : await turn.ports.members.findById(revisit.callerMemberId);
  await turn.ports.tickets.addEvent(
    ticket.id,
    'revisit',
    { kind: 'member', id: revisit.callerMemberId ?? 0 },
    { step: 'done', revisit: revisit.id, note: result },
    turn.now,
  );
  turn.replies.reply({ text: r.recorded({ id: revisit.id, reference: ticket.reference }) }, ticket.id);
  await toResident(turn, revisit, (m) => m.revisit.residentDone({ reference: ticket.reference }));
  const known = await turn.ports.tickets.otherReportersDetails(ticket.id, -1);
  await toCommittee(
    turn,
    r.doneInGroup({
      id: revisit.id,
      reference: ticket.reference,
      by: caller ? memberName(caller) : '?',
      outcome: forViewer(result, 'public', { known }),
    }),
    ticket,
  );
}
