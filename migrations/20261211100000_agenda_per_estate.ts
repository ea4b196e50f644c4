import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../src/store/migration-kit.ts';

/*
 * One agenda per estate and week: the unique week becomes unique (estate, week).
 *
 * PostgreSQL swaps the constraint. SQLite cannot drop a column's UNIQUE, so the three agenda tables
 * are rebuilt, rows and ids kept: new tables are made under other names (referencing each other's new
 * names), filled, the old ones dropped (decisions first, so no ON DELETE CASCADE reaches a copied
 * row), and the new ones renamed, which carries the references along. All of it inside the
 * migration's transaction.
 */
type Key = 'week' | 'estate_week';

async function rebuildSqlite(db: Kysely<unknown>, key: Key): Promise<void> {
  const unique = key === 'week' ? '"week" text not null unique' : '"week" text not null';
  const tableUnique = key === 'week' ? '' : ', constraint "agendas_estate_week_unique" unique ("estate_id", "week")';
  await sql
    .raw(
      `create table "agendas_new" ("id" integer primary key autoincrement, ${unique}, "compiled_at" text not null, "content" text not null, "image_token" text, "sent_at" text, "estate_id" integer default 1 not null${tableUnique})`,
    )
    .execute(db);
  await sql`create table "agenda_items_new" ("id" integer primary key autoincrement, "agenda_id" integer not null references "agendas_new" ("id") on delete cascade, "ticket_id" integer not null references "tickets" ("id"), "rank" integer not null, "reasons" text not null, "lead_party" text not null, constraint "agenda_items_agenda_ticket" unique ("agenda_id", "ticket_id"))`.execute(
    db,
  );
  await sql`create table "agenda_decisions_new" ("id" integer primary key autoincrement, "agenda_item_id" integer not null references "agenda_items_new" ("id") on delete cascade, "decision" text not null, "lead_party" text not null, "due_date" text, "decided_at" text not null, "decided_by" text)`.execute(
    db,
  );
  await sql`insert into agendas_new (id, week, compiled_at, content, image_token, sent_at, estate_id) select id, week, compiled_at, content, image_token, sent_at, estate_id from agendas`.execute(
    db,
  );
  await sql`insert into agenda_items_new (id, agenda_id, ticket_id, rank, reasons, lead_party) select id, agenda_id, ticket_id, rank, reasons, lead_party from agenda_items`.execute(
    db,
  );
  await sql`insert into agenda_decisions_new (id, agenda_item_id, decision, lead_party, due_date, decided_at, decided_by) select id, agenda_item_id, decision, lead_party, due_date, decided_at, decided_by from agenda_decisions`.execute(
    db,
  );
  await sql`drop table agenda_decisions`.execute(db);
  await sql`drop table agenda_items`.execute(db);
  await sql`drop table agendas`.execute(db);
  await sql`alter table agendas_new rename to agendas`.execute(db);
  await sql`alter table agenda_items_new rename to agenda_items`.execute(db);
  await sql`alter table agenda_decisions_new rename to agenda_decisions`.execute(db);
  await db.schema.createIndex('agenda_items_ticket').on('agenda_items').column('ticket_id').execute();
  await db.schema.createIndex('agenda_decisions_item').on('agenda_decisions').column('agenda_item_id').execute();
  await db.schema.createIndex('agendas_image_token').on('agendas').column('image_token').execute();
  if (key === 'week')
    await db.schema.createIndex('agendas_estate_week').on('agendas').columns(['estate_id', 'week']).execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table agendas drop constraint agendas_week_key`.execute(db);
    await sql`alter table agendas add constraint agendas_estate_week_unique unique (estate_id, week)`.execute(db);
    await db.schema.dropIndex('agendas_estate_week').execute();
  } else {
    await rebuildSqlite(db, 'estate_week');
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.createIndex('agendas_estate_week').on('agendas').columns(['estate_id', 'week']).execute();
    await sql`alter table agendas drop constraint agendas_estate_week_unique`.execute(db);
    await sql`alter table agendas add constraint agendas_week_key unique (week)`.execute(db);
  } else {
    await rebuildSqlite(db, 'week');
  }
}
