import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { KyselyReplyTemplateStore } from '../../src/store/reply-template-store.ts';
import type { Database } from '../../src/store/schema.ts';
import { createTestStore, DIALECTS, MIGRATIONS, type TestStore } from '../support/databases.ts';

const PER_ESTATE = '20261228100000_reply_templates_per_estate';
const AT = '2026-12-01T02:00:00.000Z';

type Untyped = Record<string, Record<string, unknown>>;

const rows = (db: Kysely<Untyped>) =>
  db.selectFrom('reply_templates').select(['name', 'locale', 'body']).orderBy('id').execute();

for (const dialect of DIALECTS) {
  describe(`${dialect}: canned replies per estate (migration ${PER_ESTATE})`, () => {
    let store: TestStore | undefined;
    afterEach(async () => {
      await store?.cleanup();
      store = undefined;
    });

    it("keeps every template for every estate; then holds an estate's own beside the install's, each once", async () => {
      store = await createTestStore(dialect, { migrate: false });
      const previous = MIGRATIONS[MIGRATIONS.indexOf(PER_ESTATE) - 1]!;
      await migrateToLatest(store, previous);
      const db = store.db as unknown as Kysely<Untyped>;
      await db
        .insertInto('reply_templates')
        .values([
          { name: '派修', locale: 'zh-CN', body: '已派师傅（{ref}）', updated_at: AT },
          { name: '派修', locale: 'en', body: 'A worker is on the way ({ref})', updated_at: AT },
          { name: '到场', locale: 'zh-CN', body: '师傅已到{place}', updated_by: 2, updated_at: AT },
        ])
        .execute();
      const before = await rows(db);

      expect(await migrateToLatest(store)).toContain(PER_ESTATE);
      expect(await rows(db)).toEqual(before);
      const templates = new KyselyReplyTemplateStore(store.db as unknown as Kysely<Database>);
      expect((await templates.list()).map((x) => [x.name, x.estateId])).toEqual([
        ['到场', null],
        ['派修', null],
      ]);

      await templates.put('派修', 'zh-CN', '北苑已派师傅', 7, new Date(AT), 2);
      await templates.put('派修', 'zh-CN', '北苑已派师傅（{ref}）', 7, new Date(AT), 2);
      await templates.put('派修', 'zh-CN', '已派师傅（{ref}）。', 7, new Date(AT), null);
      expect((await templates.find('派修', 2))?.texts).toEqual({ 'zh-CN': '北苑已派师傅（{ref}）' });
      expect((await templates.find('派修', 3))?.texts).toEqual({
        'zh-CN': '已派师傅（{ref}）。',
        en: 'A worker is on the way ({ref})',
      });
      // Once per name, language and estate: the install's (null) too.
      await expect(
        db.insertInto('reply_templates').values({ name: '到场', locale: 'zh-CN', body: 'x', updated_at: AT }).execute(),
      ).rejects.toThrow();
      expect(await rows(db)).toHaveLength(4);
    });

    it("rolls back (dropping the estates' own templates) and applies again", async () => {
      store = await createTestStore(dialect, { migrate: false });
      const previous = MIGRATIONS[MIGRATIONS.indexOf(PER_ESTATE) - 1]!;
      await migrateToLatest(store, previous);
      const db = store.db as unknown as Kysely<Untyped>;
      await db
        .insertInto('reply_templates')
        .values({ name: '派修', locale: 'zh-CN', body: '已派师傅', updated_at: AT })
        .execute();
      const before = await rows(db);
      await migrateToLatest(store, PER_ESTATE);
      await db
        .insertInto('reply_templates')
        .values({ name: '派修', locale: 'zh-CN', body: '北苑', updated_at: AT, estate_id: 2 })
        .execute();
      await migrateToLatest(store, previous);
      expect(await rows(db)).toEqual(before);
      await migrateToLatest(store);
      expect(await rows(db)).toEqual(before);
    });
  });
}
