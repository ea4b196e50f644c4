import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../src/store/migration-kit.ts';

/*
 * One person (or group) may hold the `street` role for several streets: the members' key takes the
 * street as well, (platform, subject_kind, subject_id, role, estate_id, street). A street member's
 * estate is always the default one, so until now a second street's invite found the first street's
 * row and granted nothing.
 *
 * Other roles have no street (null), and a unique key counts nulls as different on PostgreSQL: the key
 * is a unique index on `coalesce(street, '')` instead, the same on both databases. SQLite cannot drop
 * the old table constraint, so `members` is rebuilt with its rows and ids, as migration
 * 20261222090000 did (the rows referencing members stay valid: `defer_foreign_keys`).
 */
const KEY = 'members_subject_role_estate_street';
const OLD_KEY = 'members_subject_role_estate';

async function rebuildSqlite(db: Kysely<unknown>, constraint: string): Promise<void> {
  const copied =
    'id, platform, subject_kind, subject_id, role, display_name, invite_id, granted_at, revoked_at, estate_id, street';
  await sql`pragma defer_foreign_keys = on`.execute(db);
  await sql.raw(`create table "members_copy" as select ${copied} from "members"`).execute(db);
  await sql`drop table "members"`.execute(db);
  await sql
    .raw(
      `create table "members" ("id" integer primary key autoincrement, "platform" text not null, "subject_kind" text not null, "subject_id" text not null, "role" text not null, "display_name" text, "invite_id" integer references "invites" ("id"), "granted_at" text not null, "revoked_at" text, "estate_id" integer default 1 not null, "street" text${constraint})`,
    )
    .execute(db);
  await sql.raw(`insert into "members" (${copied}) select ${copied} from "members_copy" order by id`).execute(db);
  await sql`drop table "members_copy"`.execute(db);
  await db.schema.createIndex('members_role').on('members').columns(['role', 'subject_kind']).execute();
  await db.schema.createIndex('members_estate_role').on('members').columns(['estate_id', 'role']).execute();
}

async function createKey(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create unique index "${KEY}" on "members" ("platform", "subject_kind", "subject_id", "role", "estate_id", (coalesce("street", '')))`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql.raw(`alter table members drop constraint ${OLD_KEY}`).execute(db);
  else await rebuildSqlite(db, '');
  await createKey(db);
}

/** Back to one row per person, role and estate: fails (and changes nothing) while someone holds two streets. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`drop index "${KEY}"`).execute(db);
  const columns = '"platform", "subject_kind", "subject_id", "role", "estate_id"';
  if (isPostgres(db)) await sql.raw(`alter table members add constraint ${OLD_KEY} unique (${columns})`).execute(db);
  else await rebuildSqlite(db, `, constraint "${OLD_KEY}" unique (${columns})`);
}
