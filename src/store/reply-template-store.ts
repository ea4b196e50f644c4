import { sql, type Kysely } from 'kysely';
import { isLocale } from '../i18n/index.ts';
import type { ReplyTemplate, ReplyTemplateStore } from '../tickets/reply-template-store.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

/** Marks, in `counters`, that the shipped defaults were written once. */
const SEEDED = 'reply_templates:seeded';

/**
 * The key of a text: its name, language and estate, the install's counting as estate 0 (the unique
 * index `reply_templates_name_locale_estate` is on this expression, and an upsert names it).
 */
const TEXT_KEY = sql`name, locale, (coalesce(estate_id, 0))`;

/** Canned replies in the `reply_templates` table, one row per name, language and estate. */
export class KyselyReplyTemplateStore implements ReplyTemplateStore {
  constructor(private readonly db: Kysely<Database>) {}

  async seed(defaults: readonly Omit<ReplyTemplate, 'estateId'>[], at: Date): Promise<void> {
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
        estate_id: null,
      })),
    );
    if (rows.length === 0) return;
    await this.db
      .insertInto('reply_templates')
      .values(rows)
      .onConflict((oc) => oc.expression(TEXT_KEY).doNothing())
      .execute();
  }

  async list(estateIds?: readonly number[]): Promise<ReplyTemplate[]> {
    let query = this.db.selectFrom('reply_templates').select(['name', 'locale', 'body', 'estate_id']);
    if (estateIds !== undefined)
      query = query.where((eb) =>
        estateIds.length === 0
          ? eb('estate_id', 'is', null)
          : eb.or([eb('estate_id', 'is', null), eb('estate_id', 'in', [...estateIds])]),
      );
    const rows = await query.orderBy('name').orderBy('locale').execute();
    const byKey = new Map<string, ReplyTemplate>();
    for (const row of rows) {
      if (!isLocale(row.locale)) continue;
      const key = `${row.estate_id ?? 0}:${row.name}`;
      const template = byKey.get(key) ?? { name: row.name, texts: {}, estateId: row.estate_id };
      template.texts[row.locale] = row.body;
      byKey.set(key, template);
    }
    return [...byKey.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : (a.estateId ?? 0) - (b.estateId ?? 0),
    );
  }

  async find(name: string, estateId: number | null = null): Promise<ReplyTemplate | undefined> {
    const rows = await this.db
      .selectFrom('reply_templates')
      .select(['locale', 'body', 'estate_id'])
      .where('name', '=', name)
      .where((eb) =>
        estateId === null
          ? eb('estate_id', 'is', null)
          : eb.or([eb('estate_id', 'is', null), eb('estate_id', '=', estateId)]),
      )
      .execute();
    // The estate's own template stands in for the install's of the same name.
    const own = rows.filter((row) => row.estate_id !== null);
    const chosen = own.length > 0 ? own : rows;
    if (chosen.length === 0) return undefined;
    const texts: ReplyTemplate['texts'] = {};
    for (const row of chosen) if (isLocale(row.locale)) texts[row.locale] = row.body;
    return { name, texts, estateId: chosen[0]!.estate_id };
  }

  async put(
    name: string,
    locale: string,
    body: string,
    memberId: number,
    at: Date,
    estateId: number | null = null,
  ): Promise<void> {
    await this.db
      .insertInto('reply_templates')
      .values({ name, locale, body, updated_by: memberId, updated_at: toDbTime(at), estate_id: estateId })
      .onConflict((oc) => oc.expression(TEXT_KEY).doUpdateSet({ body, updated_by: memberId, updated_at: toDbTime(at) }))
      .execute();
  }

  async remove(name: string, locale?: string, estateId: number | null = null): Promise<number> {
    let query = this.db
      .deleteFrom('reply_templates')
      .where('name', '=', name)
      .where((eb) => (estateId === null ? eb('estate_id', 'is', null) : eb('estate_id', '=', estateId)));
    if (locale !== undefined) query = query.where('locale', '=', locale);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
