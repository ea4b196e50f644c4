import type { Classification } from '../classify/classifier.ts';
import type { IncomingEvent } from './incoming-event.ts';

/** A photo, voice note or location a resident sent, not yet (or now) attached to a ticket. */
export interface PendingAttachment {
  kind: 'photo' | 'audio';
  platform: string;
  fileId: string;
  mimeType?: string;
  sizeBytes?: number;
  durationSeconds?: number;
  /** Already recorded (a voice note waiting for its words): it is given to the ticket, not recorded again. */
  attachmentId?: number;
}

export interface PendingLocation {
  latitude: number;
  longitude: number;
  title?: string;
  address?: string;
}

/** A complaint waiting for its place (or its description) before it becomes a ticket. */
export interface PendingComplaint {
  text: string;
  truncated: boolean;
  classification: Classification | null;
  attachments: PendingAttachment[];
  location: PendingLocation | null;
  inboxId: number;
  receivedAt: string;
  /** `text` is what the speech endpoint heard in a voice note: the receipt quotes it. */
  heard?: boolean;
  /** The resident corrected the words heard (`from`) before the complaint was filed: `text` is theirs. */
  corrected?: { from: string };
  /** A voice note without words (no endpoint, or it failed): filed for staff to listen to. */
  voiceReport?: boolean;
}

/**
 * A resident's message that arrived before their estate was known, kept as it was read (the event, its
 * cleaned text and classification) to be handled as if it arrived once the estate is chosen.
 */
export interface WaitingMessage {
  event: IncomingEvent;
  inboxId: number;
  text: { text: string; truncated: boolean } | undefined;
  classification: Classification | null;
}

/** Conversation state per chat, kept in the database so a restart mid-conversation loses nothing. */
export type ConversationState =
  | { state: 'idle' }
  | { state: 'awaiting_place'; pending: PendingComplaint }
  | { state: 'awaiting_description'; pending: PendingComplaint }
  /** A voice note (recorded as attachment `attachmentId`) waiting for its words; lapsed, it is filed for staff to listen to. */
  | { state: 'awaiting_transcript'; pending: PendingComplaint; attachmentId: number }
  /** `placeAsked`: an urgent ticket was filed first and its place asked; the answer sets it. */
  /** `heard`: the ticket's words were heard in a voice note, so the resident may correct them. */
  | { state: 'awaiting_details'; ticketId: number; placeAsked?: boolean; heard?: boolean }
  /** "More about the ticket just filed, or a new problem?": the message waits for the answer. */
  | { state: 'awaiting_choice'; ticketId: number; pending: PendingComplaint }
  /** The bot serves several estates and the resident has not chosen theirs: what they wrote waits (no lapse). */
  | { state: 'awaiting_estate'; waiting: WaitingMessage[] }
  /** A staff member's explain dialogue (keyed per member and chat); `chatId` is where it takes place. */
  | { state: 'explain_reason'; ticketId: number; chatId?: string }
  | { state: 'explain_plan'; ticketId: number; reason: string; chatId?: string }
  | { state: 'explain_confirm'; ticketId: number; reason: string; plan: string; chatId?: string };

export interface Conversation {
  platform: string;
  chatId: string;
  residentId: number | null;
  value: ConversationState;
  /** When the current state lapses (awaiting_* states); null for idle. */
  expiresAt: Date | null;
  /** Optimistic-concurrency token: the `updated_at` this copy was read with; null if never saved. */
  version: string | null;
}

/** Two writers changed the same conversation; the loser's unit of work must be retried. */
export class ConversationConflictError extends Error {
  constructor(platform: string, chatId: string) {
    super(`conversation ${platform}/${chatId} changed concurrently; retrying`);
    this.name = 'ConversationConflictError';
  }
}

/** Conversation state per chat, with optimistic concurrency: the conversations' port. */
export interface ConversationStore {
  /** The chat's conversation; an idle one never saved when there is none. */
  load(platform: string, chatId: string): Promise<Conversation>;
  /**
   * Saves a new state for a conversation read as `previous`. Throws {@link ConversationConflictError}
   * when someone else saved it since (the unit of work then rolls back and is retried).
   */
  save(
    previous: Conversation,
    value: ConversationState,
    options: { residentId?: number | null; expiresAt?: Date | null; at: Date },
  ): Promise<void>;
  /** Conversations whose waiting state lapsed before `now` (the place question unanswered, …). */
  lapsed(now: Date, limit?: number): Promise<Conversation[]>;
}
