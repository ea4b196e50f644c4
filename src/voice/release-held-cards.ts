import type { HeldCard } from '../tickets/recording.ts';
import type { IncomingEvent } from '../turn/incoming-event.ts';
import type { UnitOfWork } from '../turn/unit-of-work.ts';

/**
 * Longest a staff card waits for its recording: LINE may take a while to prepare long audio, but
 * staff hear of the ticket even when the download keeps failing (the card then says so).
 */
export const CARD_HOLD_MS = 5 * 60_000;

/** A staff card whose recording is saved, given up, or waited for long enough. */
export interface DueCard {
  attachmentId: number;
  inboxId: number | null;
  card: HeldCard;
}

/** The staff cards held for their recordings: the port of {@link releaseHeldCards}. */
export interface HeldCards {
  /** Held cards whose recording is downloaded or given up, or that were held before `heldBefore`; oldest first. */
  due(heldBefore: Date, limit: number): Promise<DueCard[]>;
  /** The card is on its way: not held any more. */
  release(attachmentId: number): Promise<void>;
}

/**
 * Lets out the staff cards that waited for their voice note's recording (see `holdCardForRecording`):
 * each goes to the inbox as a `recordingSaved` event of the resident's chat, whose turn sends the card
 * with the recording as it now stands. A repeat of the event (a worker dying between the two steps)
 * is ignored by the inbox. Returns the cards let out.
 */
export async function releaseHeldCards(deps: {
  heldCards: HeldCards;
  unitOfWork: UnitOfWork;
  saveIncoming(event: IncomingEvent): Promise<'saved' | 'duplicate'>;
  now: () => Date;
}): Promise<number> {
  const now = deps.now();
  const due = await deps.heldCards.due(new Date(now.getTime() - CARD_HOLD_MS), 20);
  for (const { attachmentId, inboxId, card } of due) {
    const item =
      inboxId === null ? undefined : await deps.unitOfWork.withoutTransaction(({ inbox }) => inbox.load(inboxId));
    if (item) {
      const source = item.event;
      await deps.saveIncoming({
        platform: source.platform,
        eventId: `recording:${attachmentId}`,
        kind: 'message',
        chat: source.chat,
        sender: source.sender,
        recordingSaved: { attachmentId, card },
        occurredAt: now.toISOString(),
      });
    }
    await deps.heldCards.release(attachmentId);
  }
  return due.length;
}
