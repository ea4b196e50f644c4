import type { Kysely } from 'kysely';
import { withId } from '../src/store/migration-kit.ts';

/*
 * Canned replies (`/tpl`): one row per template name and language (`zh-CN`, `zh-TW`, `en`), with
 * placeholders such as {ref} in its text. The shipped defaults are written on first use (see
 * KyselyReplyTemplateStore.seed), so an admin may change or delete them like any other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('reply_templates'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reply_templates_name_locale')
    .on('reply_templates')
    .columns(['name', 'locale'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reply_templates').ifExists().execute();
}
