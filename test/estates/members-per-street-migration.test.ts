import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createTestStore, DIALECTS, MIGRATIONS, type TestStore } from '../support/databases.ts';

const PER_STREET = '20261228090000_members_per_street';
const AT = '2026-12-01T02:00:00.000Z';

type Untyped = Record<string, Record<string, unknown>>;

const STREET_A = { platform: 'line', subject_kind: 'user', subject_id: 'U9', role: 'street', granted_at: AT };
const STAFF = { platform: 'telegram', subject_kind: 'user', subject_id: '77', role: 'staff', granted_at: AT };

/** Members (a street member, staff, a group) and a console session of the street member, as before the migration. */
async function fill(db: Kysely<Untyped>): Promise<void> {
  await db
    .insertInto('members')
    .values([
      { ...STREET_A, street: '临城街道', display_name: '张' },
      { ...STAFF, display_name: '王' },
      {
        platform: 'telegram',
        subject_kind: 'group',
        subject_id: '-100',
        role: 'street',
        street: '临城街道',
        granted_at: AT,
      },
    ])
    .execute();
  await db
    .insertInto('console_sessions')
    .values({ token_hash: 's1', member_id: 1, created_at: AT, last_seen_at: AT })
    .execute();
}

const members = (db: Kysely<Untyped>) => db.selectFrom('members').selectAll().orderBy('id').execute();

for (const dialect of DIALECTS) {
  describe(`${dialect}: the street role per street (migration ${PER_STREET})`, () => {
    let store: TestStore | undefined;
    afterEach(async () => {
      await store?.cleanup();
      store = undefined;
    });

    it('keeps every member and what references it; then lets a person hold the street role for two streets, and nothing twice', async () => {
      store = await createTestStore(dialect, { migrate: false });
      await migrateToLatest(store, MIGRATIONS[MIGRATIONS.indexOf(PER_STREET) - 1]);
      const db = store.db as unknown as Kysely<Untyped>;
      await fill(db);
      const before = await members(db);
      // Before: a second street for the same person is refused.
      await expect(
        db
          .insertInto('members')
          .values({ ...STREET_A, street: '别的街道' })
          .execute(),
      ).rejects.toThrow();

      expect(await migrateToLatest(store)).toContain(PER_STREET);
      expect(await members(db)).toEqual(before);
      expect(await db.selectFrom('console_sessions').select('member_id').execute()).toEqual([{ member_id: 1 }]);

      await db
        .insertInto('members')
        .values({ ...STREET_A, street: '别的街道' })
        .execute();
      // Still once per street, and once per role and estate for roles without a street (null on both sides).
      await expect(
        db
          .insertInto('members')
          .values({ ...STREET_A, street: '别的街道' })
          .execute(),
      ).rejects.toThrow();
      await expect(
        db
          .insertInto('members')
          .values({ ...STREET_A, street: '临城街道' })
          .execute(),
      ).rejects.toThrow();
      await expect(db.insertInto('members').values(STAFF).execute()).rejects.toThrow();
      const rows = await members(db);
      expect(rows.map((r) => [r.subject_id, r.role, r.street])).toEqual([
        ['U9', 'street', '临城街道'],
        ['77', 'staff', null],
        ['-100', 'street', '临城街道'],
        ['U9', 'street', '别的街道'],
      ]);
      expect(rows[3]!.id).toBeGreaterThan(3);
      // The references hold on the rebuilt table.
      await expect(
        db.updateTable('console_sessions').set({ member_id: 99 }).where('token_hash', '=', 's1').execute(),
      ).rejects.toThrow();
    });

    it('rolls back while nobody holds two streets, and applies again', async () => {
      store = await createTestStore(dialect, { migrate: false });
      const previous = MIGRATIONS[MIGRATIONS.indexOf(PER_STREET) - 1]!;
      await migrateToLatest(store, previous);
      const db = store.db as unknown as Kysely<Untyped>;
      await fill(db);
      const before = await members(db);
      await migrateToLatest(store, PER_STREET);
      await migrateToLatest(store, previous);
      expect(await members(db)).toEqual(before);
      await expect(
        db
          .insertInto('members')
          .values({ ...STREET_A, street: '别的街道' })
          .execute(),
      ).rejects.toThrow();
      await migrateToLatest(store);
      expect(await members(db)).toEqual(before);
    });
  });
}
