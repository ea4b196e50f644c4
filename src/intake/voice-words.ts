import type { Classification } from '../classify/classifier.ts';
import { messages } from '../i18n/index.ts';
import type { ResidentTurn } from '../turn/turn.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import { isStatusQuestion } from './chatter.ts';
import { answerStatus, ticketsToReportOn } from './ticket-status.ts';
import { MAX_TEXT_LENGTH } from '../turn/incoming-event.ts';
import { calendarFor } from '../calendar/calendar-for.ts';
import { settingsOf } from '../estates/estate-settings.ts';
import { forViewer } from '../privacy/for-viewer.ts';
import { deadlinesFor } from '../tickets/deadlines.ts';
import { toStaffGroups } from '../turn/notify-staff.ts';
import { fileVoiceReport, setState, startComplaint, type Said } from './resident-steps.ts';

/**
 * The words of a voice note (or why there are none), from the transcription worker. The note waiting
 * for them becomes a complaint like typed words — the place asked, urgency and duplicates checked —
 * and the answer quotes what was heard; without words it is filed for staff to listen to. A note
 * filed before its words came (its wait lapsed, the resident wrote meanwhile, it was a follow-up)
 * gets them in its ticket's history.
 */
export async function takeTranscript(ctx: ResidentTurn, { text, hasText, classification }: Said): Promise<void> {
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
export async function takeTranscriptCorrection(
  ctx: ResidentTurn,
  { correction, classification }: Said,
): Promise<boolean> {
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
