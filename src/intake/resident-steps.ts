import type { Classification, Place } from '../classify/classifier.ts';
import { messages } from '../i18n/index.ts';
import { formatPlace, spotName } from '../i18n/place-text.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type {
  Conversation,
  ConversationState,
  PendingAttachment,
  PendingComplaint,
} from '../turn/conversation-store.ts';
import { estateTitle } from './choose-estate.ts';
import type { ResidentTurn } from '../turn/turn.ts';
import { fileComplaint, heardOrCorrected, recordAttachment } from './file-complaint.ts';
import type { IncomingEvent } from '../turn/incoming-event.ts';
import type { TranscriptCorrection } from './transcript-correction.ts';

// The moves the resident's conversation (resident-conversation.ts) and its buttons, commands and voice
// notes share: its state, the place question, filing, adding details to a ticket.

/** Button data of the place question. */
export const PLACE_SKIP = 'place:skip';
export const PLACE_BUILDING = 'place:b:';
export const PLACE_SPOT = 'place:s:';

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
export const DETAILS_WINDOW_MS = 10 * 60_000;

/** A message as the resident's conversation reads it. */
export interface Said {
  text: { text: string; truncated: boolean } | undefined;
  /** Whether it has words (not only a photo, a voice note or a location). */
  hasText: boolean;
  attachments: PendingAttachment[];
  classification: Classification | null;
  /** The corrected words of a voice note's ticket, when the message corrects them (classified as `classification`). */
  correction?: TranscriptCorrection;
}

/** The name of the resident's estate, as the welcome says it. */
export async function communityOf(ctx: ResidentTurn): Promise<string> {
  const estate = ctx.resident.estateId === null ? undefined : await ctx.ports.estates.findById(ctx.resident.estateId);
  const m = messages(ctx.locale);
  return estate
    ? estateTitle(estate, ctx.core.config.communityName, m)
    : (ctx.core.config.communityName ?? m.defaultCommunity);
}

/** The photo and voice note an event carries, as the conversation keeps them until they go to a ticket. */
export function pendingAttachments(event: IncomingEvent): PendingAttachment[] {
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

export async function setState(ctx: ResidentTurn, value: ConversationState, expiresAt: Date | null): Promise<void> {
  await ctx.ports.conversations.save(ctx.conversation, value, { residentId: ctx.resident.id, expiresAt, at: ctx.now });
  // Reload for the new version, so a second save in the same turn is not mistaken for a conflict.
  ctx.conversation = await ctx.ports.conversations.load(ctx.event.platform, ctx.event.chat.id);
}

/** A complaint with text: ask for the place when it is missing, else file it. */
export async function startComplaint(ctx: ResidentTurn, pending: PendingComplaint): Promise<void> {
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

export async function placeButtons(ctx: ResidentTurn): Promise<OutgoingMessage['buttons']> {
  const m = messages(ctx.locale);
  const previous = await ctx.ports.tickets.buildingsOf(ctx.resident.id, 3);
  const buildings = previous.map((b) => ({ label: m.placeOptionBuilding(b), data: `${PLACE_BUILDING}${b}` }));
  const spots = SUGGESTED_SPOTS.map((spot) => ({ label: spotName(spot, ctx.locale), data: `${PLACE_SPOT}${spot}` }));
  return [[...buildings, ...spots].slice(0, 4), [{ label: m.placeSkip, data: PLACE_SKIP }]];
}

/** States in which the bot waits for the resident's answer (and gives up after a while). */
export function isWaiting(conversation: Conversation): boolean {
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
export async function fileAndRespond(
  ctx: ResidentTurn,
  pending: PendingComplaint,
  place: Place | null,
): Promise<number> {
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

/** A voice note without words (no speech endpoint, too long, or the endpoint failed): filed at once for staff to listen to. */
export async function fileVoiceReport(ctx: ResidentTurn, pending: PendingComplaint): Promise<void> {
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

export async function addDetails(
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
