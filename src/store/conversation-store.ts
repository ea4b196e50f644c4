import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';
import {
  ConversationConflictError,
  type Conversation,
  type ConversationState,
  type ConversationStore,
} from '../turn/conversation-store.ts';

export {
  ConversationConflictError,
  type Conversation,
  type ConversationState,
  type PendingAttachment,
  type PendingComplaint,
  type PendingLocation,
} from '../turn/conversation-store.ts';

export class KyselyConversationStore implements ConversationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async load(platform: string, chatId: string): Promise<Conversation> {
    const row = await this.db
      .selectFrom('conversations')
      .selectAll()
      .where('platform', '=', platform)
      .where('chat_id', '=', chatId)
      .executeTakeFirst();
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
  async save(
    previous: Conversation,
    value: ConversationState,
    options: { residentId?: number | null; expiresAt?: Date | null; at: Date },
  ): Promise<void> {
    const { state, ...data } = value;
    // A version must change on every save, even two within one millisecond.
    let updatedAt = toDbTime(options.at);
    if (previous.version !== null && updatedAt <= previous.version)
      updatedAt = toDbTime(new Date(new Date(previous.version).getTime() + 1));
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
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1)
        throw new ConversationConflictError(previous.platform, previous.chatId);
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
