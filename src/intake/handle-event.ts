import type { Classification, Place } from '../classify/classifier.ts';
import { isLocale, localeFromHint, messages, type Catalog, type Locale } from '../i18n/index.ts';
import { formatPlace, spotName } from '../i18n/place-text.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { Resident } from '../residents/resident-store.ts';
import type {
  Conversation,
  ConversationState,
  PendingAttachment,
  PendingComplaint,
  WaitingMessage,
} from '../turn/conversation-store.ts';
import { estateTitle, takeEstateStep } from './choose-estate.ts';
import type { ResidentTurn, Turn } from '../turn/turn.ts';
import { findReference } from '../tickets/reference.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import { handleResidentCallback, withdrawTicket } from './close-loop.ts';
import { askToForget, handleForgetButton } from './forget-me.ts';
import { chatterKind, isNoise, isStatusQuestion } from './chatter.ts';
import { localeFromName, type Command } from '../turn/commands.ts';
import { fileComplaint, heardOrCorrected, recordAttachment } from './file-complaint.ts';
import { readFixAnswer } from './fix-answer.ts';
import { leadingReference } from './leading-reference.ts';
import { answerStatus, myTicketLines, ticketsToReportOn } from './ticket-status.ts';
import { bareBuilding, PROBLEM_WORD, readPlaceAnswer as placeAnswer } from './place-answer.ts';
import { relationOfAddition, relationTo, type TicketRelation } from './ticket-relation.ts';
import { MAX_TEXT_LENGTH, type IncomingEvent } from '../turn/incoming-event.ts';
import { speechLanguage, tooShortToHear, transcribable } from '../voice/voice-limits.ts';
import { calendarFor } from '../calendar/calendar-for.ts';
import { settingsOf } from '../estates/estate-settings.ts';
import { forViewer } from '../privacy/for-viewer.ts';
import { deadlinesFor } from '../tickets/deadlines.ts';
import { toStaffGroups } from '../turn/notify-staff.ts';
import type { TranscriptCorrection } from './transcript-correction.ts';

/** Button data understood by the intake core. */
export const PLACE_SKIP = 'place:skip';
const PLACE_BUILDING = 'place:b:';
const PLACE_SPOT = 'place:s:';
const LANG = 'lang:';
const CHOICE_ADD = 'choice:add';
const CHOICE_NEW = 'choice:new';

/**
 * Spots offered under the place question besides the resident's own buildings, by canonical name (so
 * every language files the same spot, and duplicates are found across languages).
 */
const SUGGESTED_SPOTS: readonly string[] = ['中心花园', '地下车库', '小区门口'];

/**
 * How long a voice note waits for its words before it is filed for staff to listen to: the download
 * (its job runs every few seconds, LINE may take a while to prepare long audio) and two timeouts.
 */
export function transcriptWaitMs(timeoutMs: number): number {
  return 2 * 60_000 + 2 * timeoutMs;
}

/** Minutes a ticket keeps collecting a resident's follow-up photos and details. */
const DETAILS_WINDOW_MS = 10 * 60_000;

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
 * What the resident's chat hands to the other conversations: `/join CODE` (membership) and commands
 * that are not a resident's (staff and meeting verbs typed in a private chat). The router wires them,
 * so this conversation imports no other.
 */
export interface ResidentHandoffs {
  join(turn: Turn, code: string): Promise<void>;
  /** Runs a command that is not a resident's; false when nobody knows it. */
  otherCommand(ctx: ResidentTurn, command: Extract<Command, { name: 'other' }>): Promise<boolean>;
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

/** The name of the resident's estate, as the welcome says it. */
async function communityOf(ctx: ResidentTurn): Promise<string> {
  const estate = ctx.resident.estateId === null ? undefined : await ctx.ports.estates.findById(ctx.resident.estateId);
  const m = messages(ctx.locale);
  return estate
    ? estateTitle(estate, ctx.core.config.communityName, m)
    : (ctx.core.config.communityName ?? m.defaultCommunity);
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

/** A message as the resident's conversation reads it. */
interface Said {
  text: { text: string; truncated: boolean } | undefined;
  /** Whether it has words (not only a photo, a voice note or a location). */
  hasText: boolean;
  attachments: PendingAttachment[];
  classification: Classification | null;
  /** The corrected words of a voice note's ticket, when the message corrects them (classified as `classification`). */
  correction?: TranscriptCorrection;
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

/**
 * The words of a voice note (or why there are none), from the transcription worker. The note waiting
 * for them becomes a complaint like typed words — the place asked, urgency and duplicates checked —
 * and the answer quotes what was heard; without words it is filed for staff to listen to. A note
 * filed before its words came (its wait lapsed, the resident wrote meanwhile, it was a follow-up)
 * gets them in its ticket's history.
 */
async function takeTranscript(ctx: ResidentTurn, { text, hasText, classification }: Said): Promise<void> {
  const transcript = ctx.event.transcript!;
  const heard = transcript.failed === undefined && hasText ? text! : undefined;
  const state = ctx.conversation.value;
  if (state.state === 'awaiting_transcript' && state.attachmentId === transcript.attachmentId) {
    if (!heard) {
      await fileVoiceReport(ctx, state.pending);
      return;
    }
    await setState(ctx, { state: 'idle' }, null);
    const m = messages(ctx.locale);
    if (isStatusQuestion(heard.text)) {
      // "什么时候来修？" said aloud: where their tickets stand, quoting what was heard.
      const mine = await ticketsToReportOn(ctx);
      if (mine.length > 0) {
        ctx.replies.reply({ text: m.heard({ text: heard.text }) });
        await answerStatus(ctx, mine);
        return;
      }
    }
    // A recorded message is taken as a report even when it reads like chatter: nothing is dropped.
    await startComplaint(ctx, {
      ...state.pending,
      text: heard.text,
      truncated: heard.truncated,
      classification,
      heard: true,
    });
    return;
  }
  if (!heard) return; // filed already, and the resident told a person will listen
  const ticketId = await ctx.ports.tickets.ticketOfAttachment(transcript.attachmentId);
  const ticket = ticketId ? await ctx.ports.tickets.findById(ticketId) : undefined;
  if (!ticket) return;
  await ctx.ports.tickets.addEvent(
    ticket.id,
    'details_added',
    { kind: 'resident', id: ctx.resident.id },
    { text: heard.text, transcript: true },
    ctx.now,
  );
  ctx.replies.reply(
    { text: messages(ctx.locale).heardAdded({ reference: ticket.reference, text: heard.text }) },
    ticket.id,
  );
}

/**
 * "不对，我说的是…", "不是X是Y", or a reply to the receipt: the resident corrects the words heard in
 * the voice note of the ticket just filed (inside its details window). The ticket's text becomes the
 * corrected words and is re-classified: the category follows them (never to 其他 from a real one),
 * urgency only ever goes up, a missing place is filled, and the deadlines move only nearer. The
 * history records it, staff are told, and the resident hears what the ticket now says.
 */
async function takeTranscriptCorrection(ctx: ResidentTurn, { correction, classification }: Said): Promise<boolean> {
  const state = ctx.conversation.value;
  if (correction?.ticketId === null) return correctWaitingComplaint(ctx, correction.text, classification);
  if (
    !correction ||
    state.state !== 'awaiting_details' ||
    !state.heard ||
    state.ticketId !== correction.ticketId ||
    ctx.conversation.expiresAt === null ||
    ctx.conversation.expiresAt <= ctx.now
  )
    return false;
  const tickets = ctx.ports.tickets;
  const ticket = await tickets.findById(correction.ticketId);
  if (!ticket || !ACTIVE_STATUSES.includes(ticket.status)) return false;
  const { core, now } = ctx;
  const c = classification;
  const category =
    c && c.isComplaint !== false && c.category !== 'other' && c.category !== ticket.category
      ? c.category
      : ticket.category;
  const raised = ticket.urgency !== 'urgent' && c?.urgency === 'urgent';
  const urgency = raised ? 'urgent' : ticket.urgency;
  const place = ticket.place === null ? (c?.place ?? null) : null;
  const settings = await settingsOf(ctx.ports.estates, ticket.estateId, core.config);
  const calendar = calendarFor({ timezone: core.config.timezone, workingHours: settings.workingHours }, core.log);
  const due = deadlinesFor(settings.deadlines, category, urgency, ticket.createdAt, calendar);
  const text = correction.text.slice(0, MAX_TEXT_LENGTH);
  const updated = await tickets.change(
    ticket.id,
    {
      description: text,
      summary: (c?.summary ?? text).replace(/\s+/g, ' ').trim().slice(0, 200) || text.slice(0, 200),
      ...(category !== ticket.category && { category }),
      ...(raised && { urgency, hazard: c?.hazard ?? 'other' }),
      ...(place && { place }),
      // A promise made to the resident is never relaxed by their correction.
      ...(due.responseDueAt < ticket.responseDueAt && { responseDueAt: due.responseDueAt }),
      ...(due.resolutionDueAt < ticket.resolutionDueAt && { resolutionDueAt: due.resolutionDueAt }),
    },
    now,
  );
  const actor = { kind: 'resident' as const, id: ctx.resident.id };
  await tickets.addEvent(
    ticket.id,
    'details_added',
    actor,
    { text, transcriptCorrected: { from: ticket.description } },
    now,
  );
  if (category !== ticket.category)
    await tickets.addEvent(
      ticket.id,
      'recategorized',
      actor,
      { from: ticket.category, to: category, transcriptCorrected: true },
      now,
    );
  if (place) await tickets.addEvent(ticket.id, 'details_added', actor, { place }, now);
  const s = messages(core.config.defaultLocale).staff;
  const viewer = { showResidentDetails: core.config.showResidentDetails };
  await toStaffGroups(
    ctx,
    () => ({
      text: s.transcriptCorrected({
        reference: ticket.reference,
        text: forViewer(text, 'staff', viewer),
        ...(category !== ticket.category && { category: { from: ticket.category, to: category } }),
        urgent: raised,
      }),
      ...(raised && { urgent: true }),
    }),
    updated,
  );
  ctx.replies.reply(
    { text: messages(ctx.locale).heardCorrected({ reference: ticket.reference, text, urgent: raised }) },
    ticket.id,
  );
  return true;
}

/**
 * "不对，我说的是7号楼没水" said when asked where a voice note's complaint is: the words are corrected,
 * not taken as the place. The complaint is taken again with them — filed when they name the place,
 * else the place asked again — and its ticket's history will show the words first heard.
 */
async function correctWaitingComplaint(
  ctx: ResidentTurn,
  text: string,
  classification: Classification | null,
): Promise<boolean> {
  const state = ctx.conversation.value;
  if (state.state !== 'awaiting_place' || !state.pending.heard) return false;
  const pending = state.pending;
  await setState(ctx, { state: 'idle' }, null);
  await startComplaint(ctx, {
    ...pending,
    text: text.slice(0, MAX_TEXT_LENGTH),
    truncated: false,
    classification,
    corrected: { from: pending.corrected?.from ?? pending.text },
  });
  return true;
}

/** A voice note without words (no speech endpoint, too long, or the endpoint failed): filed at once for staff to listen to. */
async function fileVoiceReport(ctx: ResidentTurn, pending: PendingComplaint): Promise<void> {
  await fileAndRespond(
    ctx,
    {
      ...pending,
      text: messages(ctx.core.config.defaultLocale).voiceSummary,
      truncated: false,
      classification: null,
      voiceReport: true,
    },
    null,
  );
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
    const attachmentId = await ctx.ports.tickets.addAttachment(
      {
        ticketId: null,
        inboxId: ctx.inboxId,
        kind: 'audio',
        platform: event.platform,
        fileId: event.audio.fileId,
        ...(event.audio.mimeType && { mimeType: event.audio.mimeType }),
        ...(event.audio.sizeBytes && { sizeBytes: event.audio.sizeBytes }),
        ...(event.audio.durationSeconds !== undefined && { durationSeconds: event.audio.durationSeconds }),
        transcribe: { language: speechLanguage(ctx.locale) },
      },
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

function pendingAttachments(event: IncomingEvent): PendingAttachment[] {
  const list: PendingAttachment[] = [];
  if (event.photo)
    list.push({
      kind: 'photo',
      platform: event.platform,
      fileId: event.photo.fileId,
      ...(event.photo.mimeType && { mimeType: event.photo.mimeType }),
      ...(event.photo.sizeBytes && { sizeBytes: event.photo.sizeBytes }),
    });
  if (event.audio)
    list.push({
      kind: 'audio',
      platform: event.platform,
      fileId: event.audio.fileId,
      ...(event.audio.mimeType && { mimeType: event.audio.mimeType }),
      ...(event.audio.sizeBytes && { sizeBytes: event.audio.sizeBytes }),
      ...(event.audio.durationSeconds !== undefined && { durationSeconds: event.audio.durationSeconds }),
    });
  return list;
}

async function setState(ctx: ResidentTurn, value: ConversationState, expiresAt: Date | null): Promise<void> {
  await ctx.ports.conversations.save(ctx.conversation, value, { residentId: ctx.resident.id, expiresAt, at: ctx.now });
  // Reload for the new version, so a second save in the same turn is not mistaken for a conflict.
  ctx.conversation = await ctx.ports.conversations.load(ctx.event.platform, ctx.event.chat.id);
}

/** A complaint with text: ask for the place when it is missing, else file it. */
async function startComplaint(ctx: ResidentTurn, pending: PendingComplaint): Promise<void> {
  const place = pending.classification?.place ?? null;
  // Fees, noise between neighbours, heating, questions about management: a place adds little, so
  // the question is not asked.
  const placeMatters = pending.classification?.category !== 'other';
  if (place || pending.location || ctx.core.config.placeWaitMinutes === 0 || !placeMatters) {
    await fileAndRespond(ctx, pending, place);
    return;
  }
  if (pending.classification?.urgency === 'urgent') {
    // Someone trapped, a burst pipe, smoke: staff hear of it now; the place is asked afterwards and
    // added to the ticket when the answer comes.
    const ticketId = await fileAndRespond(ctx, pending, null);
    // The answer (words or a button) is this ticket's place, never a report of its own.
    const wait = Math.max(DETAILS_WINDOW_MS, ctx.core.config.placeWaitMinutes * 60_000);
    await setState(
      ctx,
      {
        state: 'awaiting_details',
        ticketId,
        placeAsked: true,
        ...(ctx.conversation.value.state === 'awaiting_details' && ctx.conversation.value.heard && { heard: true }),
      },
      new Date(ctx.now.getTime() + wait),
    );
    ctx.replies.reply({
      text: messages(ctx.locale).askPlace,
      buttons: await placeButtons(ctx),
      style: 'quick-replies',
    });
    return;
  }
  await setState(
    ctx,
    { state: 'awaiting_place', pending },
    new Date(ctx.now.getTime() + ctx.core.config.placeWaitMinutes * 60_000),
  );
  const m = messages(ctx.locale);
  // The words of a voice note are shown before the question, so a mishearing can be put right.
  const heard = pending.heard ? `${heardOrCorrected(m, pending)}\n\n` : '';
  ctx.replies.reply({ text: `${heard}${m.askPlace}`, buttons: await placeButtons(ctx), style: 'quick-replies' });
}

async function placeButtons(ctx: ResidentTurn): Promise<OutgoingMessage['buttons']> {
  const m = messages(ctx.locale);
  const previous = await ctx.ports.tickets.buildingsOf(ctx.resident.id, 3);
  const buildings = previous.map((b) => ({ label: m.placeOptionBuilding(b), data: `${PLACE_BUILDING}${b}` }));
  const spots = SUGGESTED_SPOTS.map((spot) => ({ label: spotName(spot, ctx.locale), data: `${PLACE_SPOT}${spot}` }));
  return [[...buildings, ...spots].slice(0, 4), [{ label: m.placeSkip, data: PLACE_SKIP }]];
}

/** States in which the bot waits for the resident's answer (and gives up after a while). */
function isWaiting(conversation: Conversation): boolean {
  const s = conversation.value.state;
  return (
    s === 'awaiting_place' || s === 'awaiting_description' || s === 'awaiting_choice' || s === 'awaiting_transcript'
  );
}

/**
 * Settles a conversation whose question lapsed: a complaint waiting for its place or description is
 * filed as it is; one waiting for "new problem or more details?" is kept with the ticket. Used by the
 * expiry job and when the resident writes again after the time ran out.
 */
export async function settleLapsed(ctx: ResidentTurn): Promise<void> {
  const state = ctx.conversation.value;
  if (state.state === 'awaiting_place' || state.state === 'awaiting_description') {
    const pending =
      state.pending.text.trim() === ''
        ? { ...state.pending, text: messages(ctx.core.config.defaultLocale).photoOnlySummary }
        : state.pending;
    await fileAndRespond(ctx, pending, null);
  } else if (state.state === 'awaiting_transcript') {
    await fileVoiceReport(ctx, state.pending);
  } else if (state.state === 'awaiting_choice') {
    await addDetails(ctx, state.ticketId, state.pending.text, state.pending.attachments);
    await setState(ctx, { state: 'idle' }, null);
  } else {
    await setState(ctx, { state: 'idle' }, null);
  }
}

/** Files the complaint and opens the details window on its ticket; returns the ticket's id. */
async function fileAndRespond(ctx: ResidentTurn, pending: PendingComplaint, place: Place | null): Promise<number> {
  const result = await fileComplaint(ctx, ctx.resident, ctx.locale, pending, place);
  await setState(
    ctx,
    // Only a ticket of the resident's own words may have them corrected (not a neighbour's it joined).
    {
      state: 'awaiting_details',
      ticketId: result.ticket.id,
      ...(pending.heard && result.kind === 'created' && { heard: true }),
    },
    new Date(ctx.now.getTime() + DETAILS_WINDOW_MS),
  );
  return result.ticket.id;
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

/** "More about W-0012, or a new problem?" with two buttons; the message waits in the conversation. */
async function askWhichTicket(ctx: ResidentTurn, ticketId: number, pending: PendingComplaint): Promise<void> {
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

async function addDetails(
  ctx: ResidentTurn,
  ticketId: number,
  text: string | undefined,
  attachments: PendingAttachment[],
  options: { quiet?: boolean; place?: Place | null } = {},
): Promise<void> {
  const tickets = ctx.ports.tickets;
  const ticket = await tickets.findById(ticketId);
  if (!ticket) return;
  const actor = { kind: 'resident' as const, id: ctx.resident.id };
  if (options.place && ticket.place === null) {
    // A ticket filed before its place was known (urgent, or the question lapsed) takes it now.
    const p = options.place;
    await tickets.change(ticket.id, { place: p }, ctx.now);
    await tickets.addEvent(ticket.id, 'details_added', actor, { place: p }, ctx.now);
  }
  if (text !== undefined && text.trim() !== '')
    await tickets.addEvent(ticket.id, 'details_added', actor, { text }, ctx.now);
  for (const a of attachments) {
    const id = await recordAttachment(ctx, ticket.id, ctx.inboxId, a, ctx.locale);
    await tickets.addEvent(ticket.id, 'attachment_added', actor, { attachmentId: id, kind: a.kind }, ctx.now);
  }
  if (ctx.event.location) {
    await tickets.change(
      ticket.id,
      { location: { latitude: ctx.event.location.latitude, longitude: ctx.event.location.longitude } },
      ctx.now,
    );
    await tickets.addEvent(ticket.id, 'details_added', actor, { location: ctx.event.location }, ctx.now);
  }
  if (options.quiet) return;
  const m = messages(ctx.locale);
  const placeOnly =
    options.place && ticket.place === null && (text === undefined || text.trim() === '') && attachments.length === 0;
  ctx.replies.reply(
    {
      text: placeOnly
        ? m.placeRecorded({
            reference: ticket.reference,
            place: formatPlace(options.place!, ctx.locale, { includeUnit: true }),
          })
        : m.detailsAdded({ reference: ticket.reference }),
    },
    ticket.id,
  );
}

async function handleCallback(ctx: ResidentTurn, data: string): Promise<void> {
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

async function handleCommand(ctx: ResidentTurn, command: Command, handoffs: ResidentHandoffs): Promise<void> {
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
