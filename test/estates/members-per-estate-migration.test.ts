import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createTestStore, DIALECTS, MIGRATIONS, type TestStore } from '../support/databases.ts';

const PER_ESTATE = '20261222090000_members_per_estate';
const AT = '2026-12-01T02:00:00.000Z';

type Untyped = Record<string, Record<string, unknown>>;

/** Members, and the rows that reference them (an assignee, a console link and session), as before the migration. */
async function fill(db: Kysely<Untyped>): Promise<void> {
  await db.insertInto('estates').values({ code: 'north', name: '北苑', created_at: AT }).execute();
  await db
    .insertInto('members')
    .values([
      { platform: 'telegram', subject_kind: 'group', subject_id: '-100', role: 'staff', granted_at: AT },
      {
        platform: 'telegram',
        subject_kind: 'user',
        subject_id: '77',
        role: 'staff',
        display_name: '王',
        granted_at: AT,
      },
      { platform: 'telegram', subject_kind: 'user', subject_id: '77', role: 'admin', granted_at: AT, revoked_at: AT },
      { platform: 'line', subject_kind: 'user', subject_id: 'U9', role: 'street', street: '临城街道', granted_at: AT },
    ])
    .execute();
  await db
    .insertInto('tickets')
    .values({
      reference: 'T-0001',
      status: 'open',
      category: 'upkeep',
      urgency: 'normal',
      summary: '3号楼电梯坏了',
      description: '3号楼电梯坏了',
      language: 'zh-CN',
      classifier_source: 'offline',
      reopened_count: 0,
      created_at: AT,
      updated_at: AT,
      response_due_at: AT,
      resolution_due_at: AT,
      search_text: '3号楼电梯坏了',
      assignee_id: 2,
    })
    .execute();
  await db
    .insertInto('console_links')
    .values({ token_hash: 'l1', member_id: 2, created_at: AT, expires_at: AT })
    .execute();
  await db
    .insertInto('console_sessions')
    .values({ token_hash: 's1', member_id: 2, created_at: AT, last_seen_at: AT })
    .execute();
}

const members = (db: Kysely<Untyped>) => db.selectFrom('members').selectAll().orderBy('id').execute();

for (const dialect of DIALECTS) {
  describe(`${dialect}: a role per person and estate (migration ${PER_ESTATE})`, () => {
    let store: TestStore | undefined;
    afterEach(async () => {
      await store?.cleanup();
      store = undefined;
    });

    it('keeps every member, its id and what references it; then lets a person hold the same role in two estates', async () => {
      store = await createTestStore(dialect, { migrate: false });
      await migrateToLatest(store, MIGRATIONS[MIGRATIONS.indexOf(PER_ESTATE) - 1]);
      const db = store.db as unknown as Kysely<Untyped>;
      await fill(db);
      const before = await members(db);
      // Before: the same person cannot be staff twice, even in another estate.
      const again = { platform: 'telegram', subject_kind: 'user', subject_id: '77', role: 'staff', granted_at: AT };
      await expect(
        db
          .insertInto('members')
          .values({ ...again, estate_id: 2 })
          .execute(),
      ).rejects.toThrow();

      expect(await migrateToLatest(store)).toContain(PER_ESTATE);
      expect(await members(db)).toEqual(before);
      expect(await db.selectFrom('tickets').select('assignee_id').execute()).toEqual([{ assignee_id: 2 }]);
      expect(await db.selectFrom('console_sessions').select('member_id').execute()).toEqual([{ member_id: 2 }]);

      await db
        .insertInto('members')
        .values({ ...again, estate_id: 2 })
        .execute();
      // Still one row per person, role and estate; ids go on after the old ones.
      await expect(
        db
          .insertInto('members')
          .values({ ...again, estate_id: 2 })
          .execute(),
      ).rejects.toThrow();
      await expect(db.insertInto('members').values(again).execute()).rejects.toThrow();
      const rows = await members(db);
      expect(rows.map((r) => [r.role, r.estate_id])).toEqual([
        ['staff', 1],
        ['staff', 1],
        ['admin', 1],
        ['street', 1],
        ['staff', 2],
      ]);
      expect(rows.slice(0, 4).map((r) => r.id)).toEqual([1, 2, 3, 4]);
      expect(rows[4]!.id).toBeGreaterThan(4);
      // The references hold on the new table: a ticket cannot name a member that does not exist.
      await expect(
        db.updateTable('tickets').set({ assignee_id: 99 }).where('reference', '=', 'T-0001').execute(),
      ).rejects.toThrow();
    });

    it('rolls back while nobody holds a role in two estates, and applies again', async () => {
      store = await createTestStore(dialect, { migrate: false });
      const previous = MIGRATIONS[MIGRATIONS.indexOf(PER_ESTATE) - 1]!;
      await migrateToLatest(store, previous);
      const db = store.db as unknown as Kysely<Untyped>;
      await fill(db);
      const before = await members(db);
      await migrateToLatest(store, PER_ESTATE);
      await migrateToLatest(store, previous);
      expect(await members(db)).toEqual(before);
      await migrateToLatest(store);
      expect(await members(db)).toEqual(before);
    });
  });
}
