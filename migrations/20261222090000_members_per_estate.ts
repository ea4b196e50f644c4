import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../src/store/migration-kit.ts';

/*
 * One person (or group) may hold a role in several estates: the members' key becomes (platform,
 * subject_kind, subject_id, role, estate_id) instead of (platform, subject_kind, subject_id, role).
 *
 * PostgreSQL swaps the constraint. SQLite cannot drop a table constraint, so `members` is rebuilt with
 * its rows and ids: copied aside, dropped, made again under its own name, filled back, in the
 * migration's transaction. Tickets, console links and sessions reference `members` by name, so they
 * reference the new table; dropping the old one counts their rows as violations (foreign keys are on),
 * which `defer_foreign_keys` holds until commit and filling the new table back (same ids) clears.
 */
type Key = 'subject_role' | 'subject_role_estate';

async function rebuildSqlite(db: Kysely<unknown>, key: Key): Promise<void> {
  const columns =
    key === 'subject_role'
      ? '"platform", "subject_kind", "subject_id", "role"'
      : '"platform", "subject_kind", "subject_id", "role", "estate_id"';
  const name = key === 'subject_role' ? 'members_subject_role' : 'members_subject_role_estate';
  const copied =
    'id, platform, subject_kind, subject_id, role, display_name, invite_id, granted_at, revoked_at, estate_id, street';
  await sql`pragma defer_foreign_keys = on`.execute(db);
  await sql.raw(`create table "members_copy" as select ${copied} from "members"`).execute(db);
  await sql`drop table "members"`.execute(db);
  await sql
    .raw(
      `create table "members" ("id" integer primary key autoincrement, "platform" text not null, "subject_kind" text not null, "subject_id" text not null, "role" text not null, "display_name" text, "invite_id" integer references "invites" ("id"), "granted_at" text not null, "revoked_at" text, "estate_id" integer default 1 not null, "street" text, constraint "${name}" unique (${columns}))`,
    )
    .execute(db);
  await sql.raw(`insert into "members" (${copied}) select ${copied} from "members_copy" order by id`).execute(db);
  await sql`drop table "members_copy"`.execute(db);
  await db.schema.createIndex('members_role').on('members').columns(['role', 'subject_kind']).execute();
  await db.schema.createIndex('members_estate_role').on('members').columns(['estate_id', 'role']).execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table members drop constraint members_subject_role`.execute(db);
    await sql`alter table members add constraint members_subject_role_estate unique (platform, subject_kind, subject_id, role, estate_id)`.execute(
      db,
    );
  } else {
    await rebuildSqlite(db, 'subject_role_estate');
  }
}

/** Back to one row per person and role: fails (and changes nothing) while someone holds a role in two estates. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table members drop constraint members_subject_role_estate`.execute(db);
    await sql`alter table members add constraint members_subject_role unique (platform, subject_kind, subject_id, role)`.execute(
      db,
    );
  } else {
    await rebuildSqlite(db, 'subject_role');
  }
}
