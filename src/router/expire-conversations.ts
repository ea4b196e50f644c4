import { isLocale } from '../i18n/index.ts';
import { ConversationConflictError } from '../turn/conversation-store.ts';
import { noticeLapsedExplanation } from '../staff/explain-dialogue.ts';
import type { Core } from '../turn/core.ts';
import { Replies } from '../turn/replies.ts';
import type { ResidentTurn } from '../turn/turn.ts';
import { settleLapsed } from '../intake/resident-steps.ts';
import { withSameProblemAnswers } from '../intake/same-problem-answers.ts';
import type { IncomingEvent } from '../turn/incoming-event.ts';

/**
 * Settles conversations whose waiting state lapsed: an unanswered place question files the complaint
 * without a place; a photo never described is filed as it is; a message waiting for "new problem or
 * more details?" is kept with the ticket (nothing a resident sent is dropped); a staff member's
 * unfinished explanation is dropped and their chat told; other states return to idle. Each
 * conversation in its own transaction; a conflict with a message being handled right now
 * simply skips it until the next run.
 */
export async function expireConversations(core: Core): Promise<number> {
  const now = core.now();
  const lapsed = await core.unitOfWork.withoutTransaction((ports) => ports.conversations.lapsed(now));
  let filed = 0;
  for (const conversation of lapsed) {
    try {
      // Whether this conversation's complaint was filed (set, not counted, inside: the unit of work
      // may run twice when the same-problem judge is asked between).
      let filedHere = false;
      // The same-problem judge, if any, is asked between two runs, outside the transaction.
      const queued = await withSameProblemAnswers(core.sameProblemJudge, core.log, (sameProblemAnswers) =>
        core.unitOfWork.run(async (ports) => {
          const conversations = ports.conversations;
          const current = await conversations.load(conversation.platform, conversation.chatId);
          if (current.version !== conversation.version) return 0;
          const resident = current.residentId === null ? undefined : await ports.residents.findById(current.residentId);
          // What is said goes back to the conversation's own chat, as if answering its last message.
          const origin: IncomingEvent = {
            platform: current.platform,
            eventId: 'lapse',
            kind: 'message',
            chat: { id: current.chatId, type: 'private' },
            sender: { id: '' },
            occurredAt: now.toISOString(),
          };
          const replies = new Replies(origin);
          if (!resident) {
            // A staff member's explain dialogue left unfinished: it ends, and their chat is told.
            await noticeLapsedExplanation({ ports, core, replies, now }, current);
            await conversations.save(current, { state: 'idle' }, { expiresAt: null, at: now });
            return replies.flush(ports.outbox, now);
          }
          const locale = isLocale(resident.locale) ? resident.locale : core.config.defaultLocale;
          const inboxId = 'pending' in current.value ? current.value.pending.inboxId : 0;
          const turn: ResidentTurn = {
            core,
            ports,
            event: origin,
            inboxId,
            now,
            replies,
            resident,
            locale,
            conversation: current,
            ...(sameProblemAnswers && { sameProblemAnswers }),
          };
          filedHere = ['awaiting_place', 'awaiting_description', 'awaiting_transcript'].includes(current.value.state);
          await settleLapsed(turn);
          return replies.flush(ports.outbox, now);
        }),
      );
      if (filedHere) filed++;
      if (queued > 0) core.wakeOutbox?.();
    } catch (error) {
      if (!(error instanceof ConversationConflictError)) throw error;
    }
  }
  return filed;
}
