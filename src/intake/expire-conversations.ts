import { isLocale, messages } from '../i18n/index.ts';
import { ConversationConflictError, KyselyConversationStore } from '../store/conversation-store.ts';
import { KyselyResidentStore } from '../store/resident-store.ts';
import type { Core } from './core.ts';
import { fileComplaint } from './file-complaint.ts';
import { Replies, type Turn } from './handle-event.ts';
import type { IncomingEvent } from './incoming-event.ts';

/**
 * Moves conversations whose waiting state lapsed: an unanswered place question files the complaint
 * without a place; a photo never described is filed as it is (nothing a resident sent is dropped);
 * other states return to idle. Each conversation in its own transaction; a conflict with a message
 * being handled right now simply skips it until the next run.
 */
export async function expireConversations(core: Core): Promise<number> {
  const now = core.now();
  const lapsed = await new KyselyConversationStore(core.db).lapsed(now);
  let filed = 0;
  for (const conversation of lapsed) {
    try {
      const queued = await core.db.transaction().execute(async (trx) => {
        const conversations = new KyselyConversationStore(trx);
        const current = await conversations.load(conversation.platform, conversation.chatId);
        if (current.version !== conversation.version) return 0;
        const state = current.value;
        // The receipt goes back to the conversation's own chat, as if answering its last message.
        const origin: IncomingEvent = { platform: current.platform, eventId: 'lapse', kind: 'message', chat: { id: current.chatId, type: 'private' }, sender: { id: '' }, occurredAt: now.toISOString() };
        const replies = new Replies(origin);
        if ((state.state === 'awaiting_place' || state.state === 'awaiting_description') && current.residentId !== null) {
          const resident = await new KyselyResidentStore(trx).findById(current.residentId);
          if (resident) {
            const locale = isLocale(resident.locale) ? resident.locale : core.config.defaultLocale;
            const pending = state.pending.text.trim() === '' ? { ...state.pending, text: messages(core.config.defaultLocale).photoOnlySummary } : state.pending;
            const turn: Turn = { core, trx, event: origin, inboxId: pending.inboxId, now, replies };
            const result = await fileComplaint(turn, resident, locale, pending, null);
            await conversations.save(current, { state: 'awaiting_details', ticketId: result.ticket.id }, { expiresAt: new Date(now.getTime() + 10 * 60_000), at: now });
            filed++;
            return replies.flush(trx, now);
          }
        }
        await conversations.save(current, { state: 'idle' }, { expiresAt: null, at: now });
        return 0;
      });
      if (queued > 0) core.wakeOutbox?.();
    } catch (error) {
      if (!(error instanceof ConversationConflictError)) throw error;
    }
  }
  return filed;
}
