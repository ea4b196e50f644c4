import { sql, type Kysely } from 'kysely';
import { withId } from '../src/store/migration-kit.ts';

/*
 * Estates: one install serves several estates (DESIGN §5). The estate `default` is made here, first, so
 * its id is 1 on both dialects; every row written before estates existed belongs to it, and a row
 * written without an estate still does (the columns default to 1) until every writer names one.
 *
 * Per-estate settings are the operator's text in the syntax of the install's variables
 * (EMERGENCY_NUMBERS, DEADLINES, WORKING_HOURS); null keeps the install's value. The name of `default`
 * stays null: it shows COMMUNITY_NAME, as before.
 *
 * Residents' estate stays null until they choose one (or the install has only one); those who wrote
 * before estates existed live in `default`.
 */
const OWNED = ['tickets', 'members', 'invites', 'agendas'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('estates'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('community', 'text')
    .addColumn('street', 'text')
    .addColumn('emergency_numbers', 'text')
    .addColumn('deadlines', 'text')
    .addColumn('working_hours', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into estates (code, created_at) values ('default', ${new Date().toISOString()})`.execute(db);
  await db.schema.createIndex('estates_street').on('estates').column('street').execute();

  for (const table of OWNED) {
    await db.schema
      .alterTable(table)
      .addColumn('estate_id', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
  await db.schema.alterTable('residents').addColumn('estate_id', 'integer').execute();
  await sql`update residents set estate_id = 1`.execute(db);

  await db.schema.createIndex('tickets_estate_created').on('tickets').columns(['estate_id', 'created_at']).execute();
  await db.schema.createIndex('members_estate_role').on('members').columns(['estate_id', 'role']).execute();
  await db.schema.createIndex('agendas_estate_week').on('agendas').columns(['estate_id', 'week']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('agendas_estate_week').ifExists().execute();
  await db.schema.dropIndex('members_estate_role').ifExists().execute();
  await db.schema.dropIndex('tickets_estate_created').ifExists().execute();
  await db.schema.alterTable('residents').dropColumn('estate_id').execute();
  for (const table of OWNED) await db.schema.alterTable(table).dropColumn('estate_id').execute();
  await db.schema.dropTable('estates').execute();
}
