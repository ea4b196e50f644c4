import { sql, type Kysely } from 'kysely';
import { searchableText, SEARCHED_EVENT_KINDS } from '../src/privacy/search-text.ts';

/*
 * Staff search over masked text only (DESIGN §6): a search for a phone number or a name must find
 * nothing. Each ticket keeps its searchable text already masked, so the search is one LIKE over one
 * column instead of four columns and a JSON lookup in every ticket's history. Existing tickets are
 * filled in batches of ids, one UPDATE per batch; texts that repeat are masked once.
 */
const BATCH = 500;

/** The columns this migration reads and writes, as they are at this point of the schema's history. */
interface Tables {
  tickets: {
    id: number;
    summary: string;
    description: string;
    place_text: string | null;
    place_spot: string | null;
    search_text: string;
  };
  ticket_events: { id: number; ticket_id: number; kind: string; data: string };
}

export async function up(schema: Kysely<unknown>): Promise<void> {
  const db = schema as Kysely<Tables>;
  await db.schema
    .alterTable('tickets')
    .addColumn('search_text', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  for (let after = 0; ;) {
    const tickets = await db
      .selectFrom('tickets')
      .select(['id', 'summary', 'description', 'place_text', 'place_spot'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (tickets.length === 0) return;
    const ids = tickets.map((t) => t.id);
    const added = new Map<number, string[]>();
    const events = await db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'data'])
      .where('ticket_id', 'in', ids)
      .where('kind', 'in', [...SEARCHED_EVENT_KINDS])
      .orderBy('id')
      .execute();
    for (const e of events) {
      const text = eventText(e.data);
      if (text !== undefined) added.set(e.ticket_id, [...(added.get(e.ticket_id) ?? []), text]);
    }
    const filled = tickets
      .map((t) => ({
        id: t.id,
        text: [t.summary, t.description, t.place_text, t.place_spot, ...(added.get(t.id) ?? [])]
          .map(masked)
          .filter((x) => x !== '')
          .join('\n'),
      }))
      .filter((t) => t.text !== '');
    if (filled.length > 0) {
      const cases = sql.join(
        filled.map((t) => sql`when ${t.id} then ${t.text}`),
        sql` `,
      );
      await sql`update tickets set search_text = case id ${cases} end where id in (${sql.join(filled.map((t) => t.id))})`.execute(
        db,
      );
    }
    after = ids[ids.length - 1]!;
  }
}

/** One text masked, remembered while the migration runs: many tickets share a summary or a spot. */
const seen = new Map<string, string>();
function masked(text: string | null): string {
  if (text === null) return '';
  let out = seen.get(text);
  if (out === undefined) {
    out = searchableText([text]);
    if (seen.size > 100_000) seen.clear();
    seen.set(text, out);
  }
  return out;
}

function eventText(data: string): string | undefined {
  try {
    const text = (JSON.parse(data) as { text?: unknown }).text;
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('search_text').execute();
}
