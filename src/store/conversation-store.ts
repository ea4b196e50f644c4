import type { Kysely } from 'kysely';
import type { Classification } from '../classify/classifier.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

/** A photo, voice note or location a resident sent, not yet (or now) attached to a ticket. */
export interface PendingAttachment {
  kind: 'photo' | 'audio';
  platform: string;
  fileId: string;
  mimeType?: string;
  sizeBytes?: number;
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
}

/** Conversation state per chat, kept in the database so a restart mid-conversation loses nothing. */
export type ConversationState =
  | { state: 'idle' }
  | { state: 'awaiting_place'; pending: PendingComplaint }
  | { state: 'awaiting_description'; pending: PendingComplaint }
  /** `placeAsked`: an urgent ticket was filed first and its place asked; the answer sets it. */
  | { state: 'awaiting_details'; ticketId: number; placeAsked?: boolean }
  /** "More about the ticket just filed, or a new problem?": the message waits for the answer. */
  | { state: 'awaiting_choice'; ticketId: number; pending: PendingComplaint }
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

export class KyselyConversationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async load(platform: string, chatId: string): Promise<Conversation> {
    const row = await this.db.selectFrom('conversations').selectAll().where('platform', '=', platform).where('chat_id', '=', chatId).executeTakeFirst();
    if (!row) return { platform, chatId, residentId: null, value: { state: 'idle' }, expiresAt: null, version: null };
    return {
      platform,
      chatId,
      residentId: row.resident_id,
      value: { ...(JSON.parse(row.data) as object), state: row.state } as ConversationState,
      expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
      version: row.updated_at,
    };
  }

  /**
   * Saves a new state for a conversation read as `previous`. Throws {@link ConversationConflictError}
   * when someone else saved it since (the caller's transaction then rolls back and is retried).
   */
  async save(previous: Conversation, value: ConversationState, options: { residentId?: number | null; expiresAt?: Date | null; at: Date }): Promise<void> {
    const { state, ...data } = value;
    // A version must change on every save, even two within one millisecond.
    let updatedAt = toDbTime(options.at);
    if (previous.version !== null && updatedAt <= previous.version) updatedAt = toDbTime(new Date(new Date(previous.version).getTime() + 1));
    const ticketId = 'ticketId' in value ? value.ticketId : null;
    const values = {
      resident_id: options.residentId === undefined ? previous.residentId : options.residentId,
      state,
      data: JSON.stringify(data),
      ticket_id: ticketId,
      expires_at: options.expiresAt ? toDbTime(options.expiresAt) : null,
      updated_at: updatedAt,
    };
    if (previous.version === null) {
      const inserted = await this.db
        .insertInto('conversations')
        .values({ platform: previous.platform, chat_id: previous.chatId, ...values })
        .onConflict((oc) => oc.columns(['platform', 'chat_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new ConversationConflictError(previous.platform, previous.chatId);
      return;
    }
    const updated = await this.db
      .updateTable('conversations')
      .set(values)
      .where('platform', '=', previous.platform)
      .where('chat_id', '=', previous.chatId)
      .where('updated_at', '=', previous.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ConversationConflictError(previous.platform, previous.chatId);
  }

  /** Conversations whose waiting state lapsed before `now` (the place question unanswered, …). */
  async lapsed(now: Date, limit = 100): Promise<Conversation[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .select(['platform', 'chat_id'])
      .where('state', '!=', 'idle')
      .where('expires_at', '<', toDbTime(now))
      .orderBy('expires_at')
      .limit(limit)
      .execute();
    return Promise.all(rows.map((r) => this.load(r.platform, r.chat_id)));
  }
}
