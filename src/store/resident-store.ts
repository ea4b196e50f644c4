import type { Kysely } from 'kysely';
import type { Database, ResidentRow } from './schema.ts';
import { toDbTime } from './time.ts';
import type { Resident, ResidentAddress, ResidentIdentity, ResidentStore } from '../residents/resident-store.ts';

export type { Resident, ResidentAddress } from '../residents/resident-store.ts';

function residentRowToResident(row: ResidentRow): Resident {
  return {
    id: row.id,
    displayName: row.display_name,
    locale: row.locale,
    createdAt: new Date(row.created_at),
    estateId: row.estate_id,
  };
}

/** Residents and their platform identities (one resident may use Telegram and LINE). */
export class KyselyResidentStore implements ResidentStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Finds the resident behind a platform identity, creating both on first contact. */
  async findOrCreate(identity: ResidentIdentity, at: Date): Promise<Resident> {
    const existing = await this.db
      .selectFrom('resident_identities')
      .innerJoin('residents', 'residents.id', 'resident_identities.resident_id')
      .selectAll('residents')
      .select(['resident_identities.chat_id', 'resident_identities.language_hint'])
      .where('resident_identities.platform', '=', identity.platform)
      .where('resident_identities.platform_user_id', '=', identity.platformUserId)
      .executeTakeFirst();
    if (existing) {
      if (
        existing.chat_id !== identity.chatId ||
        (identity.languageHint && existing.language_hint !== identity.languageHint)
      ) {
        await this.db
          .updateTable('resident_identities')
          .set({ chat_id: identity.chatId, ...(identity.languageHint ? { language_hint: identity.languageHint } : {}) })
          .where('platform', '=', identity.platform)
          .where('platform_user_id', '=', identity.platformUserId)
          .execute();
      }
      return residentRowToResident(existing);
    }
    const now = toDbTime(at);
    const resident = await this.db
      .insertInto('residents')
      .values({ display_name: identity.displayName ?? null, locale: null, phone: null, unit: null, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('resident_identities')
      .values({
        resident_id: resident.id,
        platform: identity.platform,
        platform_user_id: identity.platformUserId,
        chat_id: identity.chatId,
        language_hint: identity.languageHint ?? null,
        created_at: now,
      })
      .execute();
    return residentRowToResident(resident);
  }

  async findById(id: number): Promise<Resident | undefined> {
    const row = await this.db.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirst();
    return row && residentRowToResident(row);
  }

  async setLocale(id: number, locale: string): Promise<void> {
    await this.db.updateTable('residents').set({ locale }).where('id', '=', id).execute();
  }

  async setEstate(id: number, estateId: number): Promise<void> {
    await this.db.updateTable('residents').set({ estate_id: estateId }).where('id', '=', id).execute();
  }

  /** Every chat the bot can reach a resident in (one per platform they used). */
  async addresses(residentId: number): Promise<ResidentAddress[]> {
    const rows = await this.db
      .selectFrom('resident_identities')
      .select(['platform', 'platform_user_id', 'chat_id', 'language_hint'])
      .where('resident_id', '=', residentId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      platform: r.platform,
      platformUserId: r.platform_user_id,
      chatId: r.chat_id,
      languageHint: r.language_hint,
    }));
  }
}
