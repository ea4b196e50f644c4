import type { Classification } from '../classify/classifier.ts';
import { handleResidentEvent } from '../intake/resident-conversation.ts';
import type { ResidentHandoffs } from '../intake/resident-commands.ts';
import { withSameProblemAnswers } from '../intake/same-problem-answers.ts';
import { announceHeldCard } from '../intake/file-complaint.ts';
import { leadingReference } from '../intake/leading-reference.ts';
import { decideFromChat } from '../meeting/decide-command.ts';
import {
  handleStaffCommandInPrivate,
  handleStaffEvent,
  handleStaffPrivateEvent,
  type StaffHandoffs,
} from '../staff/handle-staff-event.ts';
import { redeemInvite } from '../staff/join.ts';
import { inExplainDialogue } from '../staff/explain-dialogue.ts';
import type { TurnPorts } from '../turn/unit-of-work.ts';
import { handleRevisitButton, handleRevisitPrivateEvent, revisitRelayOf } from '../revisit/handle-revisit.ts';
import { REVISIT_BUTTON } from '../turn/request-revisit.ts';
import { parseCommand, type Command } from '../turn/commands.ts';
import type { Core } from '../turn/core.ts';
import { cleanText, type IncomingEvent } from '../turn/incoming-event.ts';
import { Replies } from '../turn/replies.ts';
import type { Turn } from '../turn/turn.ts';
import { correctedText, readCorrection, type TranscriptCorrection } from '../intake/transcript-correction.ts';

/** Why handling was abandoned without effect (the inbox item is then left to whoever holds it). */
export class InboxItemTakenError extends Error {
  constructor(id: number) {
    super(`inbox item ${id} was handled by another worker`);
    this.name = 'InboxItemTakenError';
  }
}

/** An event read once: its cleaned text, the command it is, and (in a private chat) what it complains of. */
interface ReadEvent {
  text: { text: string; truncated: boolean } | undefined;
  command: Command | undefined;
  classification: Classification | null;
  /** The message corrects the words of a voice note's ticket; `classification` is then of the corrected words. */
  correction?: TranscriptCorrection;
  /** Written words left unclassified because a 回访 relay or an explain dialogue was to take them. */
  unclassified?: true;
}

/**
 * The read before the turn no longer holds: the words were left unclassified for a dialogue that
 * ended meanwhile, so the resident's conversation would get a message it cannot understand.
 */
class StaleReadError extends Error {
  constructor() {
    super('the event was read for a dialogue that has ended');
    this.name = 'StaleReadError';
  }
}

/** The meeting's conversation, as the staff conversation reaches it. */
const staffHandoffs: StaffHandoffs = { decide: decideFromChat };

/** Membership and the staff and meeting verbs, as the resident's chat reaches them. */
const residentHandoffs: ResidentHandoffs = {
  join: redeemInvite,
  otherCommand: (ctx, command) => handleStaffCommandInPrivate(ctx, command, staffHandoffs),
};

/**
 * Handles one stored incoming event. Classification (which may be slow) runs first, outside any
 * transaction; then one unit of work makes every change, queues every message and marks the inbox
 * item done — so a crash anywhere leaves either nothing or everything, and a handled event is never
 * handled again. When a complaint's same-problem candidates must be put to the LLM judge, that unit
 * of work stops and rolls back, the judge is asked outside any transaction, and the unit of work runs
 * again with its answers (withSameProblemAnswers).
 */
export async function handleIncomingEvent(core: Core, inboxId: number, event: IncomingEvent): Promise<void> {
  try {
    await handleRead(core, inboxId, event, await readEvent(core, event));
  } catch (error) {
    if (!(error instanceof StaleReadError)) throw error;
    // A 回访 or an explain dialogue ended between the read and the turn (its time ran out, or `/done`):
    // the words are the resident's after all, so they are read again, classified this time.
    await handleRead(core, inboxId, event, await readEvent(core, event, { classify: true }));
  }
}

async function handleRead(core: Core, inboxId: number, event: IncomingEvent, read: ReadEvent): Promise<void> {
  const now = core.now();
  let replies = new Replies(event);
  const queued = await withSameProblemAnswers(core.sameProblemJudge, core.log, (sameProblemAnswers) =>
    core.unitOfWork.run(async (ports) => {
      replies = new Replies(event);
      await routeEvent(
        { core, ports, event, inboxId, now, replies, ...(sameProblemAnswers && { sameProblemAnswers }) },
        read,
      );
      if (event.kind === 'callback' && !replies.answered) replies.answerButton('', false);
      const count = await replies.flush(ports.outbox, now);
      if (!(await ports.inbox.complete(inboxId, now))) throw new InboxItemTakenError(inboxId);
      return count;
    }),
  );
  // The changes are committed: what waits for that must not make the event count as failed.
  await replies
    .runAfterCommit()
    .catch((error: unknown) => core.log.error({ err: error, inboxId }, 'after-commit work failed'));
  if (queued > 0) core.wakeOutbox?.();
}

/**
 * Hands the event to exactly one conversation: the 回访 buttons to the committee's revisits; a group's
 * events to the staff conversation (which passes `/decide` to the meeting's); in a private chat, the
 * staff conversation takes its buttons and a dialogue in progress, a revisit in progress takes the
 * messages of its caller and its resident, and everything else is the resident's.
 */
async function routeEvent(
  turn: Turn,
  { text, command, classification, correction, unclassified }: ReadEvent,
): Promise<void> {
  if (turn.event.kind === 'callback' && turn.event.callbackData?.startsWith(REVISIT_BUTTON)) {
    await handleRevisitButton(turn);
    return;
  }
  if (turn.event.recordingSaved) {
    await announceHeldCard(turn);
    return;
  }
  if (turn.event.chat.type === 'group') {
    await handleStaffEvent(turn, command, staffHandoffs);
    return;
  }
  if (await handleStaffPrivateEvent(turn, command)) return;
  if (await handleRevisitPrivateEvent(turn, command)) return;
  if (unclassified) throw new StaleReadError();
  await handleResidentEvent(turn, text, command, classification, residentHandoffs, correction);
}

/** Reads the event outside any transaction; `classify` classifies written words even where a dialogue would take them. */
async function readEvent(core: Core, event: IncomingEvent, options: { classify?: boolean } = {}): Promise<ReadEvent> {
  const text = event.text === undefined ? undefined : cleanText(event.text);
  // Words heard in a voice note are never a command, whatever they sound like.
  const command = text && event.kind === 'message' && !event.transcript ? parseCommand(text.text) : undefined;
  // "W-0012 还在漏": the words after a reference are what the resident says; the reference is not.
  const words = text ? (leadingReference(text.text)?.rest ?? text.text) : '';
  const written = event.chat.type === 'private' && words.trim() !== '' && !command && event.kind === 'message';
  // Words relayed in a 回访, or a staff member's answers in an explain dialogue, are no new complaint:
  // they are never classified (nor an LLM asked).
  const elsewhere =
    written &&
    !options.classify &&
    (await core.unitOfWork.withoutTransaction((ports) => takenElsewhere(ports, event, core.now())));
  const complaint = written && !elsewhere;
  const correction = complaint && !event.transcript ? await readTranscriptCorrection(core, event, words) : undefined;
  if (correction)
    return { text, command, classification: correction.classification, correction: correction.correction };
  return {
    text,
    command,
    classification: complaint ? await classify(core, words) : null,
    ...(elsewhere && { unclassified: true }),
  };
}

/**
 * A correction of the words heard in a voice note ("不对，我说的是…", "不是X是Y", or on Telegram a
 * reply to the receipt that is itself a complaint), read before the turn: the corrected words are
 * classified here, outside the transaction, like any message. Only while the resident's chat is in
 * the details window of a ticket filed from a voice note, or (the first two forms) while the bot asks
 * where the problem of a voice note is; the turn checks that again.
 */
async function readTranscriptCorrection(
  core: Core,
  event: IncomingEvent,
  words: string,
): Promise<{ correction: TranscriptCorrection; classification: Classification } | undefined> {
  const form = readCorrection(words);
  const replyTo = event.replyToMessageId;
  if (!form && replyTo === undefined) return undefined;
  const found = await core.unitOfWork.withoutTransaction(async (ports) => {
    const conversation = await ports.conversations.load(event.platform, event.chat.id);
    const state = conversation.value;
    if (conversation.expiresAt === null || conversation.expiresAt <= core.now()) return undefined;
    // Asked where, the resident says the words were wrong: the complaint waiting for its place.
    if (state.state === 'awaiting_place' && state.pending.heard && form)
      return { ticketId: null, heard: state.pending.text };
    if (state.state !== 'awaiting_details' || !state.heard) return undefined;
    if (!form && (await ports.outbox.ticketOfMessage(event.platform, event.chat.id, replyTo!)) !== state.ticketId)
      return undefined;
    const ticket = await ports.tickets.findById(state.ticketId);
    return ticket && { ticketId: ticket.id, heard: ticket.description };
  });
  if (!found) return undefined;
  const text = correctedText(found.heard, form ?? { kind: 'reply', text: words }, words);
  const classification = await classify(core, text);
  // A reply to the receipt saying "谢谢" or "好的" thanks, it does not correct.
  if (!form && !classification.isComplaint) return undefined;
  return { correction: { ticketId: found.ticketId, text }, classification };
}

/** Whether a private message goes to a conversation other than the resident's (see routeEvent). */
async function takenElsewhere(ports: TurnPorts, event: IncomingEvent, now: Date): Promise<boolean> {
  return (await inExplainDialogue(ports, event, now)) || (await revisitRelayOf(ports, event)) !== undefined;
}

async function classify(core: Core, text: string): Promise<Classification> {
  const started = performance.now();
  const result = await core.classifier.classify(text);
  core.metrics?.classifyLatency.observe({ source: result.source }, (performance.now() - started) / 1000);
  return result;
}
