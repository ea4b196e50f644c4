import { sql, type Kysely } from 'kysely';

/*
 * A canned reply belongs to one estate or to all (DESIGN §5): `estate_id` is the estate's, null for
 * every estate (the shipped defaults and every template written before estates, which stay so). The
 * key becomes (name, locale, estate): a unique index on `coalesce(estate_id, 0)`, since a unique key
 * counts nulls as different on PostgreSQL and two install-wide texts of one name and language must not be.
 */
const KEY = 'reply_templates_name_locale_estate';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('reply_templates').addColumn('estate_id', 'integer').execute();
  await db.schema.dropIndex('reply_templates_name_locale').execute();
  await sql
    .raw(`create unique index "${KEY}" on "reply_templates" ("name", "locale", (coalesce("estate_id", 0)))`)
    .execute(db);
}

/** Back to install-wide templates only: an estate's own templates are deleted. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db
    .deleteFrom('reply_templates' as never)
    .where(sql.ref('estate_id'), 'is not', null)
    .execute();
  await sql.raw(`drop index "${KEY}"`).execute(db);
  await db.schema
    .createIndex('reply_templates_name_locale')
    .on('reply_templates')
    .columns(['name', 'locale'])
    .unique()
    .execute();
  await db.schema.alterTable('reply_templates').dropColumn('estate_id').execute();
}
