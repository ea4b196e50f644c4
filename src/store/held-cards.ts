import type { Kysely } from 'kysely';
import type { HeldCard } from '../tickets/recording.ts';
import type { DueCard, HeldCards } from '../voice/release-held-cards.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

/** The attachments table as the held cards' worker sees it: recordings with `held_card` set. */
export class KyselyHeldCards implements HeldCards {
  constructor(private readonly db: Kysely<Database>) {}

  async due(heldBefore: Date, limit: number): Promise<DueCard[]> {
    const rows = await this.db
      .selectFrom('attachments')
      .select(['id', 'inbox_id', 'held_card'])
      .where('held_card', 'is not', null)
      .where((eb) => eb.or([eb('path', 'is not', null), eb('created_at', '<', toDbTime(heldBefore))]))
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      attachmentId: row.id,
      inboxId: row.inbox_id,
      card: JSON.parse(row.held_card!) as HeldCard,
    }));
  }

  async release(attachmentId: number): Promise<void> {
    await this.db.updateTable('attachments').set({ held_card: null }).where('id', '=', attachmentId).execute();
  }
}
