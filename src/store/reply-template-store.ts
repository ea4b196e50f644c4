import type { Kysely } from 'kysely';
import { isLocale } from '../i18n/index.ts';
import type { ReplyTemplate, ReplyTemplateStore } from '../tickets/reply-template-store.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

/** Marks, in `counters`, that the shipped defaults were written once. */
const SEEDED = 'reply_templates:seeded';

/** Canned replies in the `reply_templates` table, one row per name and language. */
export class KyselyReplyTemplateStore implements ReplyTemplateStore {
  constructor(private readonly db: Kysely<Database>) {}

  async seed(defaults: readonly ReplyTemplate[], at: Date): Promise<void> {
    // The marker row decides who writes the defaults: a concurrent transaction inserting it waits for
    // this one, then finds it there and writes nothing. Deleted defaults therefore stay deleted.
    const marked = await this.db
      .insertInto('counters')
      .values({ name: SEEDED, value: 1 })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    if (Number(marked.numInsertedOrUpdatedRows ?? 0n) !== 1) return;
    const rows = defaults.flatMap((t) =>
      Object.entries(t.texts).map(([locale, body]) => ({
        name: t.name,
        locale,
        body: body ?? '',
        updated_by: null,
        updated_at: toDbTime(at),
      })),
    );
    if (rows.length === 0) return;
    await this.db
      .insertInto('reply_templates')
      .values(rows)
      .onConflict((oc) => oc.columns(['name', 'locale']).doNothing())
      .execute();
  }

  async list(): Promise<ReplyTemplate[]> {
    const rows = await this.db
      .selectFrom('reply_templates')
      .select(['name', 'locale', 'body'])
      .orderBy('name')
      .orderBy('locale')
      .execute();
    const byName = new Map<string, ReplyTemplate>();
    for (const row of rows) {
      if (!isLocale(row.locale)) continue;
      const template = byName.get(row.name) ?? { name: row.name, texts: {} };
      template.texts[row.locale] = row.body;
      byName.set(row.name, template);
    }
    return [...byName.values()];
  }

  async find(name: string): Promise<ReplyTemplate | undefined> {
    const rows = await this.db
      .selectFrom('reply_templates')
      .select(['locale', 'body'])
      .where('name', '=', name)
      .execute();
    if (rows.length === 0) return undefined;
    const texts: ReplyTemplate['texts'] = {};
    for (const row of rows) if (isLocale(row.locale)) texts[row.locale] = row.body;
    return { name, texts };
  }

  async put(name: string, locale: string, body: string, memberId: number, at: Date): Promise<void> {
    await this.db
      .insertInto('reply_templates')
      .values({ name, locale, body, updated_by: memberId, updated_at: toDbTime(at) })
      .onConflict((oc) =>
        oc.columns(['name', 'locale']).doUpdateSet({ body, updated_by: memberId, updated_at: toDbTime(at) }),
      )
      .execute();
  }

  async remove(name: string, locale?: string): Promise<number> {
    let query = this.db.deleteFrom('reply_templates').where('name', '=', name);
    if (locale !== undefined) query = query.where('locale', '=', locale);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
