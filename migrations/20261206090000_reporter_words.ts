import type { Kysely } from 'kysely';

/*
 * Each reporter's own words and their withdrawal, on their row of `ticket_reporters`: a co-reporter sees
 * what they wrote, never the first reporter's words, and withdrawing takes back one report, not the
 * ticket. Existing rows take the ticket's description (the first reporter) or the words recorded when
 * the neighbour joined (the `reporter_added` event).
 */

interface Tables {
  tickets: { id: number; description: string };
  ticket_reporters: {
    id: number;
    ticket_id: number;
    resident_id: number;
    is_original: number;
    text: string | null;
    withdrawn_at: string | null;
  };
  ticket_events: {
    id: number;
    ticket_id: number;
    kind: string;
    actor_kind: string;
    actor_id: number | null;
    data: string;
  };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ticket_reporters').addColumn('text', 'text').execute();
  await db.schema.alterTable('ticket_reporters').addColumn('withdrawn_at', 'text').execute();

  const t = db as unknown as Kysely<Tables>;
  const originals = await t
    .selectFrom('ticket_reporters')
    .innerJoin('tickets', 'tickets.id', 'ticket_reporters.ticket_id')
    .select(['ticket_reporters.id', 'tickets.description'])
    .where('ticket_reporters.is_original', '=', 1)
    .execute();
  for (const row of originals)
    await t.updateTable('ticket_reporters').set({ text: row.description }).where('id', '=', row.id).execute();

  const joins = await t
    .selectFrom('ticket_events')
    .select(['ticket_id', 'actor_id', 'data'])
    .where('kind', '=', 'reporter_added')
    .where('actor_kind', '=', 'resident')
    .orderBy('id')
    .execute();
  for (const event of joins) {
    if (event.actor_id === null) continue;
    const words = wordsOf(event.data);
    if (words === undefined) continue;
    await t
      .updateTable('ticket_reporters')
      .set({ text: words })
      .where('ticket_id', '=', event.ticket_id)
      .where('resident_id', '=', event.actor_id)
      .where('is_original', '=', 0)
      .where('text', 'is', null)
      .execute();
  }
}

function wordsOf(data: string): string | undefined {
  try {
    const parsed = JSON.parse(data) as { text?: unknown };
    return typeof parsed.text === 'string' && parsed.text.trim() !== '' ? parsed.text : undefined;
  } catch {
    return undefined;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ticket_reporters').dropColumn('withdrawn_at').execute();
  await db.schema.alterTable('ticket_reporters').dropColumn('text').execute();
}
