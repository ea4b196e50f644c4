import type { Kysely } from 'kysely';

/*
 * Who holds an item's lease: the worker process (host, pid and a per-start nonce). A process that
 * restarts after a crash frees at once the leases its dead predecessor on the same host still
 * held, instead of leaving a resident's message waiting for them to run out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['inbox', 'outbox']) await db.schema.alterTable(table).addColumn('locked_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outbox', 'inbox']) await db.schema.alterTable(table).dropColumn('locked_by').execute();
}
