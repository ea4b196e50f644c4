import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESTATE_ID } from '../../src/estates/estate.ts';
import { KyselyConsoleFiguresReader } from '../../src/store/console-figures-reader.ts';
import type { Database } from '../../src/store/schema.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { newTicket } from './contracts/ticket-store.contract.ts';

const FROM = new Date('2026-09-01T00:00:00.000Z');
const TO = new Date('2026-11-24T00:00:00.000Z');
const NOW = new Date('2026-11-20T00:00:00.000Z');
const HOUR = 3_600_000;

for (const dialect of DIALECTS) {
  describe(`${dialect}: the figures page's deadlines`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(() => store.cleanup());

    it('reads a ticket once whether one deadline or both fall in the span', async () => {
      const tickets = new KyselyTicketStore(store.db);
      const at = (ms: number) => new Date(ms);
      const responseBefore = await tickets.create(
        newTicket({ responseDueAt: at(FROM.getTime() - HOUR), resolutionDueAt: at(FROM.getTime() + HOUR) }),
        null,
      );
      const both = await tickets.create(
        newTicket({ responseDueAt: at(FROM.getTime() + HOUR), resolutionDueAt: at(FROM.getTime() + 2 * HOUR) }),
        null,
      );
      const resolutionAfter = await tickets.create(
        newTicket({ responseDueAt: at(TO.getTime() - HOUR), resolutionDueAt: at(TO.getTime() + HOUR) }),
        null,
      );
      await tickets.create(
        newTicket({ responseDueAt: at(FROM.getTime() - 2 * HOUR), resolutionDueAt: at(FROM.getTime() - HOUR) }),
        null,
      );

      const rows = await new KyselyConsoleFiguresReader(store.db).figuresRows(
        { from: FROM, to: TO },
        NOW,
        DEFAULT_ESTATE_ID,
      );
      expect(rows.deadlines.map((r) => r.id).sort((a, b) => a - b)).toEqual([
        responseBefore.id,
        both.id,
        resolutionAfter.id,
      ]);
    });
  });
}

/**
 * The query planner's statistics of the bench's database (one estate, 100 k tickets) for the indexes
 * the figures could go through, as ANALYZE left them before the duplicate match's place indexes
 * (20261230090000) came: those two have none, so an equality on the estate looks narrow through them.
 */
const STATISTICS_BEFORE_THE_PLACE_INDEXES: ReadonlyArray<[string, string, string]> = [
  ['tickets', 'sqlite_autoindex_tickets_1', '100000 1'],
  ['tickets', 'tickets_estate_created', '100000 100000 1'],
  ['tickets', 'tickets_estate_response_due', '100000 100000 1'],
  ['tickets', 'tickets_estate_resolution_due', '100000 100000 1'],
  ['tickets', 'tickets_estate_status', '100000 100000 14286'],
  ['tickets', 'tickets_id_estate', '100000 1 1'],
  ['ticket_events', 'ticket_events_kind_created_ticket', '361162 60194 1 1'],
  ['ticket_events', 'ticket_events_ticket', '361162 4 1'],
  ['ticket_reporters', 'ticket_reporters_answered_ticket', '129834 3 2 2 2'],
  ['ticket_reporters', 'sqlite_autoindex_ticket_reporters_1', '129834 2 1'],
];

describe("sqlite: the figures page's reads go through the span's indexes", () => {
  let store: TestStore;
  let raw: SqliteDatabase.Database;
  beforeAll(async () => {
    store = await createTestStore('sqlite');
    raw = new SqliteDatabase(store.config.kind === 'sqlite' ? store.config.file : '');
  });
  afterAll(async () => {
    raw.close();
    await store.cleanup();
  });

  /** Each statement the reader sends, with the plan SQLite makes for it. */
  async function plans(): Promise<Array<{ sql: string; plan: string[] }>> {
    const sent: CompiledQuery[] = [];
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: raw }),
      log: (event) => void sent.push(event.query),
    });
    await new KyselyConsoleFiguresReader(db).figuresRows({ from: FROM, to: TO }, NOW, DEFAULT_ESTATE_ID);
    return sent.map((query) => ({
      sql: query.sql,
      plan: (
        raw.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{
          detail: string;
        }>
      ).map((row) => row.detail),
    }));
  }

  async function expectSpanFirst(): Promise<void> {
    const sent = await plans();
    const of = (from: string) => sent.find((s) => s.sql.includes(`from "${from}"`) && !s.sql.includes('max('))!.plan;
    const created = sent.find((s) => s.sql.includes('"created_at" >=') && s.sql.includes('from "tickets"'))!.plan;
    expect(created.join('\n')).toContain('tickets_estate_created (estate_id=? AND created_at>? AND created_at<?)');
    expect(of('ticket_events')[0]).toContain('ticket_events_kind_created_ticket');
    expect(of('ticket_reporters')[0]).toContain('ticket_reporters_answered_ticket');
    const deadlines = sent.find((s) => s.sql.includes('"resolution_due_at" >='))!.plan.join('\n');
    expect(deadlines).toContain('tickets_estate_response_due');
    expect(deadlines).toContain('tickets_estate_resolution_due');
  }

  it('on a database never analyzed', async () => {
    await expectSpanFirst();
  });

  it('on a database analyzed before the place indexes came', async () => {
    await sql`analyze`.execute(store.db);
    raw.exec('delete from sqlite_stat1');
    raw.exec("delete from sqlite_stat4 where tbl in ('tickets', 'ticket_events', 'ticket_reporters')");
    const insert = raw.prepare('insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)');
    for (const row of STATISTICS_BEFORE_THE_PLACE_INDEXES) insert.run(...row);
    raw.exec('analyze sqlite_schema');
    await expectSpanFirst();
  });
});
