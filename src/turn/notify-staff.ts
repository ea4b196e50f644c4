import { messages } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { Core } from './core.ts';
import type { WorkContext } from './turn.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import { forViewer, placeForViewer, type Audience } from '../privacy/for-viewer.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import { recordingLinks } from '../voice/recording-links.ts';
import type { RecordingFile } from '../tickets/recording.ts';
import type { Ticket } from '../tickets/ticket.ts';

const ACTIVE: ReadonlySet<string> = new Set(ACTIVE_STATUSES);

/** What staff notifications need: the ports of one unit of work, the core's config, and a sink for messages. */
export type NotifyContext = WorkContext;

/** Platforms where a staff member answers a ticket by replying to its card (the adapter maps reply-to). */
const THREADED_PLATFORMS = new Set(['telegram']);

/** Button data of staff cards: `st:<action>:<ticket id>[:<argument>]`. */
export const STAFF_BUTTON = 'st:';

/**
 * The staff card of a ticket: reference, category, urgency (and the danger of an urgent one), place
 * (building/spot), summary, reporter count, masked for its audience (staff groups by default), and who
 * has it (`assignee`, a name). An active ticket nobody has yet carries the claim button (我来处理).
 */
export function staffCard(
  core: Core,
  ticket: Ticket,
  reporters: number,
  photo?: { platform: string; fileId: string },
  audience: Audience = 'staff',
  assignee?: string,
  voice?: VoiceOfTicket,
): (platform: string) => OutgoingMessage {
  const m = messages(core.config.defaultLocale);
  const s = m.staff;
  const viewer = { showResidentDetails: core.config.showResidentDetails };
  const text = (platform: string) =>
    s.card({
      reference: ticket.reference,
      category: ticket.category,
      urgent: ticket.urgency === 'urgent',
      ...(ticket.urgency === 'urgent' && ticket.hazard !== null && { hazard: ticket.hazard }),
      place: placeForViewer(ticket.place, core.config.defaultLocale, audience, viewer),
      summary: forViewer(ticket.summary, audience, viewer),
      reporters,
      status: ticket.status,
      hasPhoto: photo !== undefined,
      threaded: THREADED_PLATFORMS.has(platform),
      ...(ACTIVE.has(ticket.status) && {
        due: {
          ...(ticket.firstResponseAt === null && {
            response: formatLocalDateTime(ticket.responseDueAt, core.config.timezone),
          }),
          resolution: formatLocalDateTime(ticket.resolutionDueAt, core.config.timezone),
        },
      }),
    });
  const buttons = [
    [
      { label: s.buttonAck, data: `${STAFF_BUTTON}ack:${ticket.id}` },
      { label: s.buttonResolve, data: `${STAFF_BUTTON}res:${ticket.id}` },
    ],
    [
      { label: s.buttonExplain, data: `${STAFF_BUTTON}exp:${ticket.id}` },
      { label: s.buttonCategory, data: `${STAFF_BUTTON}cat:${ticket.id}` },
    ],
    [
      { label: m.templates.buttonTemplates, data: `${STAFF_BUTTON}tpls:${ticket.id}` },
      ...(ticket.assigneeId === null && ACTIVE.has(ticket.status)
        ? [{ label: m.workload.buttonClaim, data: `${STAFF_BUTTON}claim:${ticket.id}` }]
        : []),
    ],
  ];
  const taken = assignee === undefined ? '' : `\n${m.workload.cardAssignee(assignee)}`;
  const recording = voice && recordingFor(core, voice);
  return (platform) => {
    const audio = recording?.(platform);
    const spoken =
      voice === undefined
        ? ''
        : `\n${voice.heard ? s.cardVoiceHeard : s.cardVoiceListen}${audio ? '' : `\n${voice.file?.status === 'unavailable' ? s.cardRecordingUnavailable : s.cardRecordingInConsole}`}`;
    return {
      text: `${text(platform)}${spoken}${taken}`,
      buttons,
      style: 'card',
      ...(ticket.urgency === 'urgent' && { urgent: true }),
      ...(photo && photo.platform === platform && { image: { platformFileId: photo.fileId } }),
      ...(audio && { audio }),
    };
  };
}

/** Platforms that resend a recording by its file id, to chats of the same platform. */
const RECORDING_BY_ID = new Set(['telegram']);
/** Platforms that take a recording uploaded from the saved file (another platform's voice note). */
const RECORDING_BY_UPLOAD = new Set(['telegram']);
/** Platforms that fetch a recording from a link (LINE's audio message; an https URL). */
const RECORDING_BY_LINK = new Set(['line']);

/**
 * How a staff chat of each platform gets a ticket's recording: Telegram by the file id of a Telegram
 * voice note, or the saved file uploaded (a LINE recording); LINE from a signed link that expires
 * (when PUBLIC_URL is https and the file is saved); undefined where none works, and the card says the
 * recording is in the console (or could not be fetched).
 */
function recordingFor(core: Core, voice: VoiceOfTicket): (platform: string) => OutgoingMessage['audio'] {
  const saved = voice.file === undefined || voice.file.status === 'saved';
  const links = voice.attachmentId === undefined || !saved ? undefined : recordingLinks(core.config);
  const url = links?.url(voice.attachmentId!, core.now());
  const kind = {
    ...(voice.mimeType && { mimeType: voice.mimeType }),
    ...(voice.durationSeconds !== undefined && { durationMs: voice.durationSeconds * 1000 }),
  };
  return (platform) => {
    if (voice.platform === platform && RECORDING_BY_ID.has(platform)) return { platformFileId: voice.fileId };
    if (voice.file?.status === 'saved' && RECORDING_BY_UPLOAD.has(platform))
      return { path: voice.file.path, ...kind, ...(voice.file.mimeType && { mimeType: voice.file.mimeType }) };
    if (url === undefined || !RECORDING_BY_LINK.has(platform)) return undefined;
    return { url, ...kind };
  };
}

/**
 * A ticket that came as a voice note: the recording (by platform file id; its attachment id, type and
 * length for a link), whether its text was heard from it, and where its file stands (a card is sent
 * once it is saved or given up; undefined: saved, or not asked).
 */
export interface VoiceOfTicket {
  platform: string;
  fileId: string;
  heard: boolean;
  attachmentId?: number;
  mimeType?: string;
  durationSeconds?: number;
  file?: RecordingFile;
}

/** Sends a message about a ticket to every group chat registered for staff in the ticket's estate. */
export async function toStaffGroups(
  ctx: NotifyContext,
  build: (platform: string) => OutgoingMessage,
  ticket: Pick<Ticket, 'id' | 'estateId'>,
): Promise<number> {
  const groups = await ctx.ports.members.groups('staff', ticket.estateId);
  for (const group of groups) ctx.replies.to(group.platform, group.subjectId, build(group.platform), ticket.id);
  return groups.length;
}

/** Announces a new ticket in the staff chat(s); urgent ones stand out. `assignee` names who has it already. */
export async function announceTicket(
  ctx: NotifyContext,
  ticket: Ticket,
  photoFileId?: string,
  assignee?: string,
  recording?: Omit<VoiceOfTicket, 'platform'>,
): Promise<void> {
  const reporters = await ctx.ports.tickets.reporterCount(ticket.id);
  const platform = ctx.replies.platform ?? '';
  const card = staffCard(
    ctx.core,
    ticket,
    reporters,
    photoFileId ? { platform, fileId: photoFileId } : undefined,
    'staff',
    assignee,
    recording && { platform, ...recording },
  );
  await toStaffGroups(ctx, card, ticket);
}

/** Reporter counts worth a note in the staff chat; in between, the count shows on /show and the agenda. */
const CO_REPORTER_MILESTONES = new Set([2, 3, 5, 10, 20, 50]);

/**
 * Tells the staff chat that more neighbours reported a ticket — at 2, 3, 5, 10, 20, 50 and every 50
 * after, so a water cut reported by a hundred residents does not bury the staff group in notes.
 */
export async function announceCoReporter(ctx: NotifyContext, ticket: Ticket, reporters: number): Promise<void> {
  if (!CO_REPORTER_MILESTONES.has(reporters) && reporters % 50 !== 0) return;
  const s = messages(ctx.core.config.defaultLocale).staff;
  await toStaffGroups(ctx, () => ({ text: s.coReporter({ reference: ticket.reference, reporters }) }), ticket);
}
