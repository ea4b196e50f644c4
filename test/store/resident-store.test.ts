import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyResidentStore } from '../../src/store/resident-store.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-03-02T01:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`${dialect}: resident store`, () => {
    let store: TestStore;
    let residents: KyselyResidentStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
      residents = new KyselyResidentStore(store.db);
    });
    beforeEach(() => store.reset());
    afterAll(() => store.cleanup());

    it('creates a resident on first contact and finds the same one the next time', async () => {
      const first = await residents.findOrCreate(
        { platform: 'telegram', platformUserId: '42', chatId: '42', displayName: '王阿姨', languageHint: 'zh-hans' },
        T0,
      );
      const again = await residents.findOrCreate(
        { platform: 'telegram', platformUserId: '42', chatId: '42' },
        new Date(T0.getTime() + 1000),
      );
      expect(again).toEqual(first);
      expect(first).toMatchObject({ displayName: '王阿姨', locale: null, createdAt: T0 });
      expect(await store.db.selectFrom('residents').select('id').execute()).toHaveLength(1);
      expect(await residents.findById(first.id)).toEqual(first);
    });

    it('tells residents apart by platform and user id', async () => {
      const telegram = await residents.findOrCreate({ platform: 'telegram', platformUserId: '42', chatId: '42' }, T0);
      const line = await residents.findOrCreate({ platform: 'line', platformUserId: '42', chatId: '42' }, T0);
      const other = await residents.findOrCreate({ platform: 'telegram', platformUserId: '43', chatId: '43' }, T0);
      expect(new Set([telegram.id, line.id, other.id]).size).toBe(3);
    });

    it('keeps the latest chat and language hint of an identity', async () => {
      const resident = await residents.findOrCreate(
        { platform: 'telegram', platformUserId: '42', chatId: '42', languageHint: 'zh-hans' },
        T0,
      );
      await residents.findOrCreate(
        { platform: 'telegram', platformUserId: '42', chatId: '4242', languageHint: 'en' },
        T0,
      );
      await residents.findOrCreate({ platform: 'telegram', platformUserId: '42', chatId: '4242' }, T0);
      expect(await residents.addresses(resident.id)).toEqual([
        { platform: 'telegram', platformUserId: '42', chatId: '4242', languageHint: 'en' },
      ]);
    });

    it('reaches one resident on two platforms through two identities', async () => {
      const resident = await residents.findOrCreate({ platform: 'telegram', platformUserId: '42', chatId: '42' }, T0);
      // No use case links identities yet; the schema allows one resident several identities.
      await store.db
        .insertInto('resident_identities')
        .values({
          resident_id: resident.id,
          platform: 'line',
          platform_user_id: 'U1234',
          chat_id: 'U1234',
          language_hint: null,
          created_at: T0.toISOString(),
        })
        .execute();
      expect(
        (await residents.findOrCreate({ platform: 'line', platformUserId: 'U1234', chatId: 'U1234' }, T0)).id,
      ).toBe(resident.id);
      expect(await residents.addresses(resident.id)).toEqual([
        { platform: 'telegram', platformUserId: '42', chatId: '42', languageHint: null },
        { platform: 'line', platformUserId: 'U1234', chatId: 'U1234', languageHint: null },
      ]);
    });

    it('refuses a second resident for an identity that is taken', async () => {
      const resident = await residents.findOrCreate({ platform: 'telegram', platformUserId: '42', chatId: '42' }, T0);
      const insert = store.db
        .insertInto('resident_identities')
        .values({
          resident_id: resident.id,
          platform: 'telegram',
          platform_user_id: '42',
          chat_id: '1',
          language_hint: null,
          created_at: T0.toISOString(),
        })
        .execute();
      await expect(insert).rejects.toThrow();
    });

    it('remembers a chosen locale', async () => {
      const resident = await residents.findOrCreate({ platform: 'telegram', platformUserId: '42', chatId: '42' }, T0);
      await residents.setLocale(resident.id, 'zh-TW');
      expect((await residents.findById(resident.id))?.locale).toBe('zh-TW');
      expect(
        (await residents.findOrCreate({ platform: 'telegram', platformUserId: '42', chatId: '42' }, T0)).locale,
      ).toBe('zh-TW');
    });

    it('has no addresses and no record for an unknown resident', async () => {
      expect(await residents.addresses(999)).toEqual([]);
      expect(await residents.findById(999)).toBeUndefined();
    });
  });
}
