import type { Classification } from '../classify/classifier.ts';
import { isLocale, localeFromHint, messages, type Catalog, type Locale } from '../i18n/index.ts';
import type { Resident } from '../residents/resident-store.ts';
import type { PendingComplaint, WaitingMessage } from '../turn/conversation-store.ts';
import { takeEstateStep } from './choose-estate.ts';
import type { ResidentTurn, Turn } from '../turn/turn.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import { handleResidentCallback } from './close-loop.ts';
import { chatterKind, isNoise, isStatusQuestion } from './chatter.ts';
import type { Command } from '../turn/commands.ts';
import { readFixAnswer } from './fix-answer.ts';
import { leadingReference } from './leading-reference.ts';
import { answerStatus, ticketsToReportOn } from './ticket-status.ts';
import { bareBuilding, PROBLEM_WORD, readPlaceAnswer as placeAnswer } from './place-answer.ts';
import { relationOfAddition, relationTo, type TicketRelation } from './ticket-relation.ts';
import { MAX_TEXT_LENGTH } from '../turn/incoming-event.ts';
import { speechLanguage, tooShortToHear, transcribable } from '../voice/voice-limits.ts';
import type { TranscriptCorrection } from './transcript-correction.ts';
import { askWhichTicket, handleCallback, handleCommand, type ResidentHandoffs } from './resident-commands.ts';
import {
  addDetails,
  communityOf,
  DETAILS_WINDOW_MS,
  fileAndRespond,
  fileVoiceReport,
  isWaiting,
  pendingAttachments,
  placeButtons,
  setState,
  settleLapsed,
  startComplaint,
  transcriptWaitMs,
  type Said,
} from './resident-steps.ts';
import { takeTranscript, takeTranscriptCorrection } from './voice-words.ts';

/** The resident's language: chosen before, else the platform's hint, else the language they write in. */
export function chooseLocale(
  resident: Resident,
  hint: string | undefined,
  written: Locale | undefined,
  fallback: Locale,
): Locale {
  if (isLocale(resident.locale)) return resident.locale;
  return localeFromHint(hint) ?? written ?? fallback;
}

/**
 * The resident's conversation: one event in a private chat (not taken by the staff conversation):
 * welcome, buttons, commands, follow-ups, the place question, closing the loop, a new complaint.
 */
export async function handleResidentEvent(
  turn: Turn,
  text: { text: string; truncated: boolean } | undefined,
  command: Command | undefined,
  classification: Classification | null,
  handoffs: ResidentHandoffs,
  correction?: TranscriptCorrection,
): Promise<void> {
  const ctx = await residentTurn(turn, classification);
  const m = messages(ctx.locale);
  const step = await takeEstateStep(ctx, text, command, classification);
  if (step.kind === 'taken') return;
  if (step.kind === 'chosen') {
    await handleWaiting(ctx, step.waiting);
    return;
  }
  if (turn.event.kind === 'follow') {
    turn.replies.reply({ text: m.welcome({ community: await communityOf(ctx) }) });
    return;
  }
  if (turn.event.kind === 'callback' && turn.event.callbackData !== undefined) {
    await handleCallback(ctx, turn.event.callbackData);
    return;
  }
  if (command) {
    await handleCommand(ctx, command, handoffs);
    return;
  }
  if (text?.truncated) turn.replies.reply({ text: m.truncatedNote(MAX_TEXT_LENGTH) });
  await handleMessage(ctx, {
    text,
    hasText: text !== undefined && text.text.trim() !== '',
    attachments: pendingAttachments(turn.event),
    classification,
    ...(correction && { correction }),
  });
}

/**
 * The messages that waited for the resident's estate, handled in order as if they arrived now: a
 * complaint is filed (or asks for its place), photos wait for their description, a second message
 * follows up the first.
 */
async function handleWaiting(ctx: ResidentTurn, waiting: readonly WaitingMessage[]): Promise<void> {
  await setState(ctx, { state: 'idle' }, null);
  const { event, inboxId } = ctx;
  for (const message of waiting) {
    ctx.event = message.event;
    ctx.inboxId = message.inboxId;
    await handleMessage(ctx, {
      text: message.text,
      hasText: message.text !== undefined && message.text.text.trim() !== '',
      attachments: pendingAttachments(message.event),
      classification: message.classification,
    });
  }
  ctx.event = event;
  ctx.inboxId = inboxId;
}

/** Who writes, in which language, and where their conversation stands; the resident exists from their first event. */
async function residentTurn(turn: Turn, classification: Classification | null): Promise<ResidentTurn> {
  const { event, now, core } = turn;
  const residents = turn.ports.residents;
  const resident = await residents.findOrCreate(
    {
      platform: event.platform,
      platformUserId: event.sender.id,
      chatId: event.chat.id,
      languageHint: event.sender.languageHint ?? null,
      displayName: event.sender.displayName ?? null,
    },
    now,
  );
  const locale = chooseLocale(resident, event.sender.languageHint, classification?.language, core.config.defaultLocale);
  // The language is kept only once something shows it (the platform's hint, the words written): a
  // LINE follow event carries neither, and the resident's first message must still decide.
  const shown = localeFromHint(event.sender.languageHint) ?? classification?.language;
  if (resident.locale === null && shown !== undefined) await residents.setLocale(resident.id, locale);
  const conversation = await turn.ports.conversations.load(event.platform, event.chat.id);
  return { ...turn, resident, locale, conversation };
}

/**
 * A message (words, photo, voice, location): each step below either takes it and ends the turn, or
 * leaves it to the next — a quoted reference, the question the bot is waiting on, an answer about a
 * fix, a follow-up of the ticket just filed, and finally a new message.
 */
async function handleMessage(ctx: ResidentTurn, said: Said): Promise<void> {
  // A question left unanswered past its time is settled first, as the expiry job would have done:
  // the waiting complaint is filed (without a place), and this message is taken on its own.
  const conversation = ctx.conversation;
  if (isWaiting(conversation) && conversation.expiresAt !== null && conversation.expiresAt <= ctx.now)
    await settleLapsed(ctx);
  if (ctx.event.transcript) {
    await takeTranscript(ctx, said);
    return;
  }
  if (ctx.event.audio && !said.hasText && tooShortToHear(ctx.event.audio)) {
    // Nothing to hear and nothing to file: the resident is asked to say it again or type it, and
    // whatever the bot was waiting for (the place of a complaint) still waits.
    ctx.core.metrics?.transcriptions.inc({ outcome: 'too-short' });
    ctx.replies.reply({ text: messages(ctx.locale).voiceTooShort });
    return;
  }
  if (await takeTranscriptCorrection(ctx, said)) return;
  if (await takeQuotedReference(ctx, said)) return;
  if (await takeAnswerToWaitingQuestion(ctx, said)) return;
  // A reply to "is it really fixed?" typed in words, or a rating typed as a digit.
  if (said.hasText && (await answerAboutFix(ctx, said.text!.text))) return;
  if (await takeFollowUp(ctx, said)) return;
  await takeNewMessage(ctx, said);
}

/** "W-0012 …": about one of the resident's own tickets, or a reference they do not report. */
async function takeQuotedReference(
  ctx: ResidentTurn,
  { text, hasText, attachments, classification }: Said,
): Promise<boolean> {
  const quoted = hasText ? leadingReference(text!.text) : undefined;
  if (!quoted) return false;
  const m = messages(ctx.locale);
  const tickets = ctx.ports.tickets;
  const ticket = await tickets.findByReference(quoted.reference);
  const mine = ticket !== undefined && (await tickets.isReporter(ticket.id, ctx.resident.id));
  if (mine && ACTIVE_STATUSES.includes(ticket.status)) {
    // "W-0012 什么时候修？" asks about it; "W-0012 补充：…" adds to it, whenever it was filed (with
    // any photos sent just before it).
    if ((quoted.rest === '' && attachments.length === 0) || asksAboutTicket(quoted.rest, classification)) {
      await answerStatus(ctx, [ticket]);
      return true;
    }
    const kind = quoted.rest === '' || classification?.isComplaint ? 'statement' : chatterKind(quoted.rest);
    if (attachments.length === 0 && (kind !== 'statement' || isNoise(quoted.rest))) {
      // "W-0012 好的", "W-0012 谢谢": nothing to add to it.
      ctx.replies.reply({ text: chatterReply(m, quoted.rest) });
      return true;
    }
    const state = ctx.conversation.value;
    const earlier = state.state === 'awaiting_description' ? state.pending.attachments : [];
    await addDetails(ctx, ticket.id, text!.text, [...earlier, ...attachments]);
    await setState(
      ctx,
      { state: 'awaiting_details', ticketId: ticket.id },
      new Date(ctx.now.getTime() + DETAILS_WINDOW_MS),
    );
    return true;
  }
  if (!mine && (!classification?.isComplaint || !PROBLEM_WORD.test(quoted.rest))) {
    // A reference seen on a neighbour's phone or a notice, or guessed, with "我也是" or nothing of
    // their own: it opens nothing and says nothing about the ticket (not even whether it exists).
    // Their own problem they can describe.
    ctx.replies.reply({ text: m.quotedReference });
    return true;
  }
  // Otherwise the words are the resident's own complaint, taken like any other (and matched to
  // an open ticket of the same problem in the ordinary way).
  return false;
}

/**
 * The answer to what the bot is waiting for: the place, the description of a photo, "more details
 * or a new problem?". Another message instead settles what waited and is then taken on its own.
 */
async function takeAnswerToWaitingQuestion(
  ctx: ResidentTurn,
  { text, hasText, attachments, classification }: Said,
): Promise<boolean> {
  const state = ctx.conversation.value;
  const m = messages(ctx.locale);
  if (state.state === 'awaiting_place') {
    const answer = placeAnswer(
      hasText ? text!.text : undefined,
      classification,
      ctx.event,
      state.pending.classification?.category,
    );
    if (answer === 'keep-waiting') {
      // A photo, thanks or a question while we wait: keep the photo, ask again, file nothing yet.
      const pending = { ...state.pending, attachments: [...state.pending.attachments, ...attachments] };
      await setState(ctx, { state: 'awaiting_place', pending }, ctx.conversation.expiresAt);
      ctx.replies.reply({ text: m.askPlace, buttons: await placeButtons(ctx), style: 'quick-replies' });
      return true;
    }
    if (answer !== 'not-a-place') {
      const pending = { ...state.pending, attachments: [...state.pending.attachments, ...attachments] };
      if (answer.location) pending.location = answer.location;
      await fileAndRespond(ctx, pending, answer.place);
      return true;
    }
    // A new complaint instead of an answer: file the waiting one without a place, then go on.
    await fileAndRespond(ctx, state.pending, null);
    await setState(ctx, { state: 'idle' }, null);
    return false;
  }
  if (state.state === 'awaiting_description') {
    const pending: PendingComplaint = {
      ...state.pending,
      attachments: [...state.pending.attachments, ...attachments],
      location: ctx.event.location ?? state.pending.location,
    };
    if (hasText && classification) {
      await startComplaint(ctx, {
        ...pending,
        text: text!.text,
        truncated: text!.truncated,
        classification,
        inboxId: ctx.inboxId,
      });
    } else {
      await setState(
        ctx,
        { state: 'awaiting_description', pending },
        new Date(ctx.now.getTime() + ctx.core.config.placeWaitMinutes * 60_000),
      );
      ctx.replies.reply({ text: m.describePrompt });
    }
    return true;
  }
  if (state.state === 'awaiting_transcript') {
    // A photo or a location while the words of a voice note are awaited goes with it; anything
    // else files the voice note for staff to listen to (its words join it when they come), and the
    // message is then taken on its own.
    if (!hasText && !ctx.event.audio && (attachments.length > 0 || ctx.event.location)) {
      const pending = {
        ...state.pending,
        attachments: [...state.pending.attachments, ...attachments],
        location: ctx.event.location ?? state.pending.location,
      };
      await setState(ctx, { ...state, pending }, ctx.conversation.expiresAt);
      return true;
    }
    await fileVoiceReport(ctx, state.pending);
    return false;
  }
  if (state.state === 'awaiting_choice') {
    // Another message instead of a choice: keep what was waiting with the ticket (nothing is lost),
    // then take this message on its own.
    await addDetails(ctx, state.ticketId, state.pending.text, state.pending.attachments, { quiet: true });
    await setState(ctx, { state: 'idle' }, null);
  }
  return false;
}

/** Within the details window of the ticket just filed: its place, a question about it, or more about it. */
async function takeFollowUp(ctx: ResidentTurn, { text, hasText, attachments, classification }: Said): Promise<boolean> {
  const current = ctx.conversation;
  if (current.value.state !== 'awaiting_details' || current.expiresAt === null || current.expiresAt <= ctx.now)
    return false;
  const ticketId = current.value.ticketId;
  // The answer to the place question asked after an urgent ticket was filed sets its place.
  if (hasText && current.value.placeAsked && (await answerPlaceOfFiled(ctx, ticketId, text!.text, classification)))
    return true;
  // A question to the bot ("什么时候能处理好？", "有人来吗") is answered with where the ticket stands.
  if (hasText && asksAboutTicket(text!.text, classification)) {
    const ticket = await ctx.ports.tickets.findById(ticketId);
    if (ticket) {
      await answerStatus(ctx, [ticket]);
      return true;
    }
  }
  // "补充：晚上打…找我", "另外…", "还有…": more about the ticket just filed, unless plainly another problem.
  if (hasText) {
    const ticket = await ctx.ports.tickets.findById(ticketId);
    const adding = ticket && relationOfAddition(ticket, classification, text!.text);
    if (adding === 'same') {
      await addDetails(ctx, ticketId, text!.text, attachments, { place: classification?.place ?? null });
      return true;
    }
    if (adding === 'new') return false;
  }
  // Otherwise a follow-up belongs to the ticket just filed, unless it is plainly a new complaint
  // (another category or building), an acknowledgement, thanks or a stray letter; a complaint of the
  // same kind that reads like another problem is asked about.
  const chatter = hasText && classification && !classification.isComplaint ? chatterKind(text!.text) : undefined;
  const detail = chatter === 'statement' && !isNoise(text!.text);
  const relation = !hasText
    ? attachments.length > 0 || ctx.event.location
      ? 'same'
      : 'new'
    : classification?.isComplaint
      ? await relationToTicket(ctx, ticketId, classification, text!.text)
      : detail
        ? 'same'
        : 'new';
  if (relation === 'same') {
    const place = classification?.place ?? (hasText ? bareBuilding(text!.text.trim()) : undefined) ?? null;
    await addDetails(ctx, ticketId, hasText ? text!.text : undefined, attachments, { place });
    return true;
  }
  if (relation === 'ask') {
    const pending: PendingComplaint = {
      text: text!.text,
      truncated: text!.truncated,
      classification,
      attachments,
      location: ctx.event.location ?? null,
      inboxId: ctx.inboxId,
      receivedAt: ctx.now.toISOString(),
    };
    await askWhichTicket(ctx, ticketId, pending);
    return true;
  }
  return false;
}

/** A message on its own: a voice note, a photo to describe, a status question, chatter, or a new complaint. */
async function takeNewMessage(ctx: ResidentTurn, { text, hasText, attachments, classification }: Said): Promise<void> {
  const { event, now, core } = ctx;
  const m = messages(ctx.locale);
  const received = {
    attachments,
    location: event.location ?? null,
    inboxId: ctx.inboxId,
    receivedAt: now.toISOString(),
  };
  if (event.audio && !hasText) {
    const pending: PendingComplaint = { text: '', truncated: false, classification: null, ...received };
    if (!transcribable(core.config, event.audio)) {
      // No speech endpoint, or too long for it: a ticket at once for staff to listen to.
      await fileVoiceReport(ctx, pending);
      return;
    }
    // Recorded now, so the downloader fetches it and the transcription worker finds it; the words
    // come back as an event of this chat. Should they never come, the wait lapses and the note is
    // filed for staff to listen to.
    const audio = attachments.find((a) => a.kind === 'audio')!;
    const attachmentId = await ctx.ports.tickets.addAttachment(
      { ...audio, ticketId: null, inboxId: ctx.inboxId, transcribe: { language: speechLanguage(ctx.locale) } },
      now,
    );
    pending.attachments = attachments.map((a) => (a.kind === 'audio' ? { ...a, attachmentId } : a));
    await setState(
      ctx,
      { state: 'awaiting_transcript', pending, attachmentId },
      new Date(now.getTime() + transcriptWaitMs(core.config.transcribe!.timeoutMs)),
    );
    return;
  }
  if (!hasText) {
    if (attachments.length > 0 || event.location) {
      const pending: PendingComplaint = { text: '', truncated: false, classification: null, ...received };
      await setState(
        ctx,
        { state: 'awaiting_description', pending },
        new Date(now.getTime() + core.config.placeWaitMinutes * 60_000),
      );
      ctx.replies.reply({ text: m.describePrompt });
    } else {
      ctx.replies.reply({ text: m.emptyMessage });
    }
    return;
  }
  // "什么时候能处理好？" about a ticket filed earlier: where it stands, not a new ticket.
  if (isStatusQuestion(text!.text)) {
    const mine = await ticketsToReportOn(ctx);
    if (mine.length > 0) await answerStatus(ctx, mine);
    else ctx.replies.reply({ text: m.noActiveTickets });
    return;
  }
  if (!classification || !classification.isComplaint) {
    ctx.replies.reply({ text: chatterReply(m, text!.text) });
    return;
  }
  await startComplaint(ctx, { text: text!.text, truncated: text!.truncated, classification, ...received });
}

/**
 * How a complaint written inside the details window relates to the ticket just filed: `same` (more
 * about it), `new` (another kind, another building, or urgent where the ticket is not), or `ask` (the
 * same kind with nothing in common — the resident is asked).
 */
async function relationToTicket(
  ctx: ResidentTurn,
  ticketId: number,
  classification: Classification,
  text: string,
): Promise<TicketRelation> {
  const ticket = await ctx.ports.tickets.findById(ticketId);
  return ticket ? relationTo(ticket, classification, text) : 'new';
}

/**
 * Takes a typed answer about the resident's most recently resolved ticket (resolved in the last two
 * weeks and not yet answered): returns true when the text was such an answer and was handled.
 */
async function answerAboutFix(ctx: ResidentTurn, text: string): Promise<boolean> {
  const answer = readFixAnswer(text);
  if (answer === undefined) return false;
  const rating = answer.kind === 'rating' ? answer.rating : undefined;
  const notFixed = answer.kind === 'not-fixed';
  const since = new Date(ctx.now.getTime() - 14 * 86_400_000);
  const row = await ctx.ports.tickets.lastResolvedReport(ctx.resident.id, since);
  if (!row) return false;
  // Answers given before this resolve were about an earlier round: they do not count as answered.
  const answeredThisRound = row.answeredAt !== null && row.resolvedAt !== null && row.answeredAt >= row.resolvedAt;
  if (rating !== undefined) {
    if (answeredThisRound && row.rating !== null) {
      // A second rating changes nothing and is no detail of the problem either.
      ctx.replies.reply(
        { text: messages(ctx.locale).alreadyRated({ reference: row.reference, rating: row.rating }) },
        row.ticketId,
      );
      return true;
    }
    await handleResidentCallback(ctx, `rate:${row.ticketId}:${rating}`);
    return true;
  }
  await handleResidentCallback(ctx, `fix:${row.ticketId}:${notFixed ? 'no' : 'yes'}`);
  // "没修好，还在漏": what they say about it goes into the history too.
  if (notFixed)
    await ctx.ports.tickets.addEvent(
      row.ticketId,
      'details_added',
      { kind: 'resident', id: ctx.resident.id },
      { text },
      ctx.now,
    );
  return true;
}

/** A question to the bot about a ticket rather than more about the problem. */
function asksAboutTicket(text: string, classification: Classification | null): boolean {
  if (isStatusQuestion(text)) return true;
  return classification?.isComplaint !== true && text.trim() !== '' && chatterKind(text) === 'question';
}

/** The answer to chatter that is not about a ticket. */
function chatterReply(m: Catalog, text: string): string {
  const kind = chatterKind(text);
  if (kind === 'thanks') return m.thanksReply;
  if (kind === 'ack') return m.ackReply;
  if (kind === 'question') return m.questionReply;
  if (kind === 'statement' && isNoise(text)) return m.notUnderstood;
  return m.greetingReply;
}

/**
 * The answer to "where is it?" asked after an urgent ticket was filed without a place: sets the place
 * (recorded in the history) and returns true, or returns false when the words are no such answer.
 */
async function answerPlaceOfFiled(
  ctx: ResidentTurn,
  ticketId: number,
  text: string,
  classification: Classification | null,
): Promise<boolean> {
  const ticket = await ctx.ports.tickets.findById(ticketId);
  if (!ticket || ticket.place !== null) return false;
  const answer = placeAnswer(text, classification, ctx.event, ticket.category);
  if (answer === 'keep-waiting' || answer === 'not-a-place') return false;
  const heard = ctx.conversation.value.state === 'awaiting_details' && ctx.conversation.value.heard;
  await setState(
    ctx,
    { state: 'awaiting_details', ticketId, ...(heard && { heard: true }) },
    ctx.conversation.expiresAt,
  );
  // "8号楼2单元，里面有老人": what comes with the place goes into the history too.
  if (answer.place)
    await addDetails(ctx, ticketId, answer.place.text === text.trim() ? undefined : text, [], { place: answer.place });
  else ctx.replies.reply({ text: messages(ctx.locale).ackReply }, ticketId);
  return true;
}
