import { calendarFor } from '../calendar/calendar-for.ts';
import type { Place } from '../classify/classifier.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import { formatPlace } from '../i18n/place-text.ts';
import { messages, type Catalog, type Locale } from '../i18n/index.ts';
import { assignInTurn, memberName } from '../turn/assign-in-turn.ts';
import { announceCoReporter, announceTicket } from '../turn/notify-staff.ts';
import type { Resident } from '../residents/resident-store.ts';
import type { PendingAttachment, PendingComplaint } from '../turn/conversation-store.ts';
import { deadlinesFor } from '../tickets/deadlines.ts';
import { DEFAULT_ESTATE_ID } from '../estates/estate.ts';
import { settingsOf } from '../estates/estate-settings.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { Turn } from '../turn/turn.ts';
import { findSameProblem } from './find-same-problem.ts';
import { raiseToUrgent } from './raise-urgency.ts';
import { speechLanguage, whyNotTranscribed } from '../voice/voice-limits.ts';

export type FileResult = { kind: 'created'; ticket: Ticket } | { kind: 'joined'; ticket: Ticket; neighbours: number };

/**
 * Turns a pending complaint into a ticket — or, when an active ticket describes the same problem at
 * the same place within the duplicate window (see findSameProblem), adds the resident to it as a
 * co-reporter. Queues
 * the receipt (and the staff announcement) in the caller's transaction.
 */
export async function fileComplaint(
  turn: Turn,
  resident: Resident,
  locale: Locale,
  pending: PendingComplaint,
  givenPlace: Place | null,
): Promise<FileResult> {
  const { now, core } = turn;
  const tickets = turn.ports.tickets;
  const c = pending.classification;
  const category = c?.category ?? 'other';
  const urgency = c?.urgency ?? 'normal';
  const hazard = urgency === 'urgent' ? (c?.hazard ?? 'other') : null;
  const place: Place | null =
    givenPlace ??
    (pending.location && (pending.location.title || pending.location.address)
      ? {
          spot: pending.location.title ?? pending.location.address!,
          text: pending.location.address ?? pending.location.title!,
        }
      : null);
  const m = messages(locale);
  const actor = { kind: 'resident' as const, id: resident.id };
  // A voice note's answer quotes what was heard (so a mishearing can be corrected), or says a
  // person will listen when nothing was.
  const heard = pending.heard ? `${heardOrCorrected(m, pending)}\n\n` : '';
  const listen = pending.voiceReport ? `\n${m.voiceListen}` : '';
  // The resident's estate (every resident has one by now; DEFAULT_ESTATE_ID stands in for a resident
  // of an install that never had more than one) and the settings in force there.
  const estateId = resident.estateId ?? DEFAULT_ESTATE_ID;
  const settings = await settingsOf(turn.ports.estates, estateId, core.config);

  const since = new Date(now.getTime() - core.config.duplicateWindowDays * 86_400_000);
  // The same problem reported again: the same object and fault at the same place, never an urgent
  // report folded into a routine ticket (it must raise its own alarm) nor the other way round.
  const existing =
    c !== null && c.isComplaint !== false
      ? (
          await findSameProblem(tickets, { text: pending.text, place, urgency }, since, {
            judge: core.sameProblemJudge,
            answers: turn.sameProblemAnswers,
            log: core.log,
            estateId,
          })
        )?.ticket
      : undefined;
  if (existing) {
    // The same problem told as a danger makes the routine ticket urgent (staff told, history kept).
    const same =
      hazard !== null
        ? await raiseToUrgent(turn, existing, { hazard, text: pending.text, by: actor, settings })
        : existing;
    const neighbours = await tickets.reporterCount(same.id);
    const added = await tickets.addReporter(same.id, resident.id, false, now, pending.text);
    if (added) await tickets.addEvent(same.id, 'reporter_added', actor, { text: pending.text }, now);
    else await tickets.addEvent(same.id, 'details_added', actor, { text: pending.text }, now);
    await attach(turn, same.id, pending, resident.id, locale);
    const joined = added
      ? m.joinedExisting({ reference: same.reference, category, neighbours, status: same.status })
      : m.detailsAdded({ reference: same.reference });
    // A neighbour reporting the same emergency needs to know what to do now as much as the first did.
    const advice = hazard !== null ? `${m.urgentAdvice({ hazard, numbers: settings.emergencyNumbers })}\n` : '';
    turn.replies.reply({ text: `${heard}${advice}${joined}${listen}` }, same.id);
    if (added) {
      await announceCoReporter(turn, same, neighbours + 1);
    }
    return { kind: 'joined', ticket: same, neighbours };
  }

  const calendar = calendarFor({ timezone: core.config.timezone, workingHours: settings.workingHours }, core.log);
  const due = deadlinesFor(settings.deadlines, category, urgency, now, calendar);
  const summary = (c?.summary ?? pending.text).replace(/\s+/g, ' ').trim().slice(0, 200) || pending.text.slice(0, 200);
  const ticket = await tickets.create(
    {
      category,
      urgency,
      hazard,
      summary,
      description: pending.truncated ? `${pending.text}\n[truncated]` : pending.text,
      place,
      location: pending.location
        ? { latitude: pending.location.latitude, longitude: pending.location.longitude }
        : null,
      language: c?.language ?? locale,
      classifierSource: c?.source ?? 'none',
      classifierModel: c?.model ?? null,
      classifierLatencyMs: c?.latencyMs ?? null,
      classifierDetails: {
        ...(c?.promptVersion && { promptVersion: c.promptVersion }),
        ...(c?.truncated && { truncated: c.truncated }),
        ...(c?.fallbackReason && { fallbackReason: c.fallbackReason }),
        ...(c?.urgencyRaised && { urgencyRaised: c.urgencyRaised }),
      },
      confidence: c?.confidence ?? null,
      responseDueAt: due.responseDueAt,
      resolutionDueAt: due.resolutionDueAt,
      createdAt: now,
      estateId,
    },
    resident.id,
  );
  const attachmentIds = await attach(turn, ticket.id, pending, resident.id, locale);
  // Words corrected before filing: the history keeps what was heard first.
  if (pending.corrected)
    await tickets.addEvent(
      ticket.id,
      'details_added',
      actor,
      { text: pending.text, transcriptCorrected: { from: pending.corrected.from } },
      now,
    );
  core.metrics?.ticketsCreated.inc({ category, urgency });
  const d = settings.deadlines[category][urgency];
  const placeText = formatPlace(place, locale, { includeUnit: true });
  turn.replies.reply(
    {
      // An emergency's receipt says what to do now and whom to call before anything else.
      text:
        heard +
        (hazard !== null
          ? m.urgentReceipt({
              reference: ticket.reference,
              category,
              hazard,
              numbers: settings.emergencyNumbers,
              place: placeText,
            })
          : m.receipt({
              reference: ticket.reference,
              category,
              urgent: urgency === 'urgent',
              responseWithin: m.duration(d.responseMs),
              resolutionWithin: m.duration(d.resolutionMs),
              responseBy: formatLocalDateTime(due.responseDueAt, core.config.timezone),
              resolutionBy: formatLocalDateTime(due.resolutionDueAt, core.config.timezone),
              workingTime: urgency !== 'urgent',
              place: placeText,
            })) +
        listen,
    },
    ticket.id,
  );
  const assignee = await assignInTurn(turn, ticket);
  const announced = assignee ? { ...ticket, assigneeId: assignee.id } : ticket;
  const voiceAt = pending.attachments.findIndex((a) => a.kind === 'audio');
  const photoFileId = pending.attachments.find((a) => a.kind === 'photo')?.fileId;
  const heardFrom = pending.heard === true;
  // The card goes with its recording: while the file is still being downloaded it waits (staff
  // would otherwise get a link that opens nothing), and goes out once it is saved or given up.
  const file =
    voiceAt === -1
      ? undefined
      : await tickets.holdCardForRecording(attachmentIds[voiceAt]!, {
          heard: heardFrom,
          ...(photoFileId && { photoFileId }),
        });
  if (file?.status !== 'downloading') {
    if (file) core.metrics?.voiceCards.inc({ recording: file.status, held: 'no' });
    const recording = pending.attachments[voiceAt];
    await announceTicket(
      turn,
      announced,
      photoFileId,
      assignee && memberName(assignee),
      recording && {
        fileId: recording.fileId,
        heard: heardFrom,
        attachmentId: attachmentIds[voiceAt]!,
        ...(recording.mimeType && { mimeType: recording.mimeType }),
        ...(recording.durationSeconds !== undefined && { durationSeconds: recording.durationSeconds }),
        ...(file && { file }),
      },
    );
  }
  return { kind: 'created', ticket: announced };
}

/**
 * The staff card of a ticket whose voice note's recording was being downloaded when it was filed: the
 * recording is now saved or given up (or waited for long enough), and the card goes out with it, or
 * saying it could not be fetched.
 */
export async function announceHeldCard(turn: Turn): Promise<void> {
  const { attachmentId, card } = turn.event.recordingSaved!;
  const recording = await turn.ports.tickets.recordingOf(attachmentId);
  const ticket = recording?.ticketId ? await turn.ports.tickets.findById(recording.ticketId) : undefined;
  if (!recording || !ticket) return;
  const assignee = ticket.assigneeId === null ? undefined : await turn.ports.members.findById(ticket.assigneeId);
  const status = recording.file.status;
  turn.core.metrics?.voiceCards.inc({ recording: status === 'downloading' ? 'waited' : status, held: 'yes' });
  await announceTicket(turn, ticket, card.photoFileId, assignee && memberName(assignee), {
    fileId: recording.fileId,
    heard: card.heard,
    attachmentId,
    ...(recording.mimeType && { mimeType: recording.mimeType }),
    ...(recording.durationSeconds !== null && { durationSeconds: recording.durationSeconds }),
    // Waited long enough: staff hear of the ticket, without the recording.
    file: status === 'downloading' ? { status: 'unavailable' } : recording.file,
  });
}

/** The words of a voice note as its answer quotes them: as heard, or as the resident corrected them. */
export function heardOrCorrected(m: Catalog, pending: Pick<PendingComplaint, 'text' | 'corrected'>): string {
  return pending.corrected ? m.heardCorrectedBeforeFiling({ text: pending.text }) : m.heard({ text: pending.text });
}

async function attach(
  turn: Turn,
  ticketId: number,
  pending: PendingComplaint,
  residentId: number,
  locale: Locale,
): Promise<number[]> {
  const tickets = turn.ports.tickets;
  const ids: number[] = [];
  for (const a of pending.attachments) {
    const id = await recordAttachment(turn, ticketId, pending.inboxId, a, locale);
    await tickets.addEvent(
      ticketId,
      'attachment_added',
      { kind: 'resident', id: residentId },
      { attachmentId: id, kind: a.kind },
      turn.now,
    );
    ids.push(id);
  }
  return ids;
}

/**
 * Records an attachment of a ticket and returns its id. A voice note recorded before the ticket
 * existed is given to it; a new one is marked for the speech endpoint when it takes it (`locale`:
 * the language hint), and its words later join the ticket's history.
 */
export async function recordAttachment(
  turn: Turn,
  ticketId: number,
  inboxId: number,
  a: PendingAttachment,
  locale: Locale,
): Promise<number> {
  if (a.attachmentId !== undefined) {
    await turn.ports.tickets.attachToTicket(a.attachmentId, ticketId);
    return a.attachmentId;
  }
  const skipped = a.kind === 'audio' ? whyNotTranscribed(turn.core.config, a) : undefined;
  // Every voice note passes here once (those sent to the endpoint are counted by its worker).
  if (skipped) turn.core.metrics?.transcriptions.inc({ outcome: skipped });
  const transcribe = a.kind === 'audio' && skipped === undefined;
  return turn.ports.tickets.addAttachment(
    {
      ticketId,
      inboxId,
      kind: a.kind,
      platform: a.platform,
      fileId: a.fileId,
      ...(a.mimeType && { mimeType: a.mimeType }),
      ...(a.sizeBytes && { sizeBytes: a.sizeBytes }),
      ...(a.durationSeconds !== undefined && { durationSeconds: a.durationSeconds }),
      ...(transcribe && { transcribe: { language: speechLanguage(locale) } }),
    },
    turn.now,
  );
}
