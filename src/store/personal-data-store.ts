import type { Kysely, Transaction } from 'kysely';
import type { ErasureOptions, ErasureReport, PersonalDataStore, ResidentExport } from '../privacy/personal-data.ts';
import { emptyReport } from '../privacy/personal-data.ts';
import { SEARCHED_EVENT_KINDS, searchableText } from '../privacy/search-text.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

/** Events whose `text` is a resident's own words. */
const RESIDENT_WORDS = ['created', 'details_added', 'reporter_added'] as const;
/** Keys of event data that hold words staff or the meeting wrote, possibly quoting a resident: kept, masked. */
const WORD_KEYS = ['text', 'note', 'decision', 'reason', 'plan'] as const;
/** What replaces a raw platform event or a delivered message once its person is forgotten. */
const ERASED_PAYLOAD = JSON.stringify({ erased: true });
/** The chat of a raw event or delivered message whose person is forgotten (a private chat's id is the person's). */
const ERASED_CHAT = 'erased';
/** A stored file path that says the file was deleted by an erasure. */
const ERASED_PATH = 'erased';

function parseData(data: string): Record<string, unknown> {
  try {
    const value = JSON.parse(data) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Blanks a forgotten person's chat in the inbox or outbox: handled or delivered rows only (pending ones still run). */
async function blankChat(
  trx: Transaction<Database>,
  table: 'inbox' | 'outbox',
  chat: { platform: string; chat_id: string },
): Promise<number> {
  const result = await trx
    .updateTable(table)
    .set({ payload: ERASED_PAYLOAD, chat_id: ERASED_CHAT })
    .where('platform', '=', chat.platform)
    .where('chat_id', '=', chat.chat_id)
    .where('status', '!=', 'pending')
    .where('payload', '!=', ERASED_PAYLOAD)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The history line of an erasure on a ticket: why, never what was erased. */
async function recordErasure(trx: Transaction<Database>, ticketId: number, reason: string, at: string): Promise<void> {
  await trx
    .insertInto('ticket_events')
    .values({
      ticket_id: ticketId,
      kind: 'erased',
      actor_kind: 'system',
      actor_id: null,
      data: JSON.stringify({ erasure: reason }),
      created_at: at,
    })
    .execute();
}

/** `PersonalDataStore` over Kysely (SQLite and PostgreSQL): every erasure in one transaction. */
export class KyselyPersonalDataStore implements PersonalDataStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `fn` in a transaction of its own, or in the caller's when this store is bound to one (a chat turn's). */
  private inTransaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? fn(this.db as Transaction<Database>) : this.db.transaction().execute(fn);
  }

  async findResident(platform: string, userId: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('resident_identities')
      .select('resident_id')
      .where('platform', '=', platform)
      .where('platform_user_id', '=', userId)
      .executeTakeFirst();
    return row?.resident_id;
  }

  async exportResident(residentId: number): Promise<ResidentExport> {
    const resident = await this.db
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', residentId)
      .executeTakeFirstOrThrow();
    const identities = await this.db
      .selectFrom('resident_identities')
      .selectAll()
      .where('resident_id', '=', residentId)
      .orderBy('id')
      .execute();
    const reporters = await this.db
      .selectFrom('ticket_reporters as r')
      .innerJoin('tickets as t', 't.id', 'r.ticket_id')
      .select([
        'r.ticket_id',
        'r.is_original',
        'r.text',
        'r.created_at',
        'r.withdrawn_at',
        'r.fixed_answer',
        'r.rating',
        't.reference',
        't.summary',
        't.category',
        't.status',
        't.place_building',
        't.place_unit',
        't.place_spot',
        't.place_text',
      ])
      .where('r.resident_id', '=', residentId)
      .orderBy('r.id')
      .execute();
    const ticketIds = reporters.map((r) => r.ticket_id);
    const events =
      ticketIds.length === 0
        ? []
        : await this.db
            .selectFrom('ticket_events')
            .select(['ticket_id', 'kind', 'actor_kind', 'actor_id', 'data', 'created_at'])
            .where('ticket_id', 'in', ticketIds)
            .orderBy('id')
            .execute();
    const chats = identities.map((i) => ({ platform: i.platform, chatId: i.chat_id }));
    const attachments = [];
    for (const chat of chats) {
      attachments.push(
        ...(await this.db
          .selectFrom('attachments as a')
          .innerJoin('inbox as i', 'i.id', 'a.inbox_id')
          .select(['a.kind', 'a.mime_type', 'a.size_bytes', 'a.path', 'a.transcript', 'a.created_at'])
          .where('i.platform', '=', chat.platform)
          .where('i.chat_id', '=', chat.chatId)
          .orderBy('a.id')
          .execute()),
      );
    }
    return {
      resident: {
        id: resident.id,
        name: resident.display_name,
        phone: resident.phone,
        unit: resident.unit,
        language: resident.locale,
        firstContact: resident.created_at,
      },
      identities: identities.map((i) => ({
        platform: i.platform,
        userId: i.platform_user_id,
        chatId: i.chat_id,
        since: i.created_at,
      })),
      reports: reporters.map((r) => {
        const own = r.is_original === 1;
        const history = events
          .filter((e) => e.ticket_id === r.ticket_id)
          .flatMap((e) => {
            const text = parseData(e.data).text;
            if (typeof text !== 'string') return [];
            const byThem = e.actor_kind === 'resident' && e.actor_id === residentId && e.kind !== 'created';
            const toThem = e.kind === 'replied' || e.kind === 'explained';
            return byThem || toThem ? [{ at: e.created_at, kind: e.kind, text }] : [];
          });
        return {
          reference: r.reference,
          role: own ? ('first reporter' as const) : ('co-reporter' as const),
          words: r.text,
          summary: own ? r.summary : null,
          category: r.category,
          status: r.status,
          place: own
            ? { building: r.place_building, unit: r.place_unit, spot: r.place_spot, text: r.place_text }
            : null,
          reportedAt: r.created_at,
          withdrawnAt: r.withdrawn_at,
          fixedAnswer: r.fixed_answer,
          rating: r.rating,
          history,
        };
      }),
      attachments: attachments.map((a) => ({
        kind: a.kind,
        mimeType: a.mime_type,
        bytes: a.size_bytes,
        file: a.path !== null && !a.path.includes(':') && a.path !== ERASED_PATH ? a.path : null,
        transcript: a.transcript,
        receivedAt: a.created_at,
      })),
    };
  }

  async eraseResident(residentId: number, options: ErasureOptions): Promise<ErasureReport> {
    return this.inTransaction(async (trx) => {
      const report = emptyReport();
      const resident = await trx.selectFrom('residents').selectAll().where('id', '=', residentId).executeTakeFirst();
      if (!resident) return report;
      const known = [resident.display_name, resident.phone, resident.unit].filter((v): v is string => !!v);
      const identities = await trx
        .selectFrom('resident_identities')
        .select(['platform', 'chat_id'])
        .where('resident_id', '=', residentId)
        .execute();
      const at = toDbTime(options.at);

      const reporters = await trx
        .selectFrom('ticket_reporters')
        .select(['ticket_id', 'is_original', 'text'])
        .where('resident_id', '=', residentId)
        .execute();
      for (const r of reporters) {
        if (r.is_original === 1) await this.maskTicketText(trx, r.ticket_id, known, options);
        report.events += await this.maskStaffWords(trx, r.ticket_id, known, options);
        await recordErasure(trx, r.ticket_id, options.reason, at);
        report.tickets++;
      }
      report.reporterTexts += Number(
        (
          await trx
            .updateTable('ticket_reporters')
            .set({ text: null })
            .where('resident_id', '=', residentId)
            .where('text', 'is not', null)
            .executeTakeFirst()
        ).numUpdatedRows,
      );
      report.events += await this.dropWords(trx, { residentId });

      for (const chat of identities) {
        const attachments = await trx
          .selectFrom('attachments')
          .select(['id', 'path'])
          .where(
            'inbox_id',
            'in',
            trx
              .selectFrom('inbox')
              .select('id')
              .where('platform', '=', chat.platform)
              .where('chat_id', '=', chat.chat_id),
          )
          .where((eb) => eb.or([eb('path', 'is', null), eb('path', '!=', ERASED_PATH)]))
          .execute();
        await this.eraseAttachments(trx, attachments, report);
        report.inboxRows += await blankChat(trx, 'inbox', chat);
        // Messages not yet delivered (the answer to /forgetme itself) still go out.
        report.outboxRows += await blankChat(trx, 'outbox', chat);
        report.conversations += Number(
          (
            await trx
              .deleteFrom('conversations')
              .where('platform', '=', chat.platform)
              .where('chat_id', '=', chat.chat_id)
              .executeTakeFirst()
          ).numDeletedRows,
        );
        await trx
          .deleteFrom('join_attempts')
          .where('platform', '=', chat.platform)
          .where('chat_id', '=', chat.chat_id)
          .execute();
      }
      for (const r of reporters) await this.refreshSearchText(trx, r.ticket_id);
      // Copies of their words went to others too: cards to staff, replies to co-reporters (linked to the
      // ticket), and staff commands quoting them (which name the ticket). Delivered or handled, they are
      // needed by nothing any more.
      const ticketIds = reporters.map((r) => r.ticket_id);
      if (ticketIds.length > 0) {
        report.outboxRows += Number(
          (
            await trx
              .updateTable('outbox')
              .set({ payload: ERASED_PAYLOAD })
              .where('ticket_id', 'in', ticketIds)
              .where('status', '!=', 'pending')
              .where('payload', '!=', ERASED_PAYLOAD)
              .executeTakeFirst()
          ).numUpdatedRows,
        );
        const references = await trx.selectFrom('tickets').select('reference').where('id', 'in', ticketIds).execute();
        for (const { reference } of references) {
          report.inboxRows += Number(
            (
              await trx
                .updateTable('inbox')
                .set({ payload: ERASED_PAYLOAD })
                .where('payload', 'like', `%${reference}%`)
                .where('status', '!=', 'pending')
                .where('payload', '!=', ERASED_PAYLOAD)
                .executeTakeFirst()
            ).numUpdatedRows,
          );
        }
      }
      report.conversations += Number(
        (await trx.deleteFrom('conversations').where('resident_id', '=', residentId).executeTakeFirst()).numDeletedRows,
      );
      await trx.deleteFrom('resident_identities').where('resident_id', '=', residentId).execute();
      await trx
        .updateTable('residents')
        .set({ display_name: null, phone: null, unit: null, locale: null, erased_at: at })
        .where('id', '=', residentId)
        .execute();
      report.residents = 1;
      return report;
    });
  }

  async eraseTicketsClosedBefore(cutoff: Date, options: ErasureOptions): Promise<ErasureReport> {
    return this.inTransaction(async (trx) => {
      const report = emptyReport();
      const before = toDbTime(cutoff);
      const at = toDbTime(options.at);
      const tickets = await trx
        .selectFrom('tickets')
        .select('id')
        .where('personal_data_erased_at', 'is', null)
        .where('status', 'in', ['closed', 'resolved', 'duplicate'])
        .where((eb) => eb(eb.fn.coalesce('closed_at', 'resolved_at', 'updated_at'), '<', before))
        .orderBy('id')
        .execute();
      for (const { id } of tickets) {
        const reporters = await trx
          .selectFrom('ticket_reporters as r')
          .innerJoin('residents as p', 'p.id', 'r.resident_id')
          .select(['p.display_name', 'p.phone', 'p.unit'])
          .where('r.ticket_id', '=', id)
          .execute();
        const known = reporters.flatMap((p) => [p.display_name, p.phone, p.unit]).filter((v): v is string => !!v);
        await this.maskTicketText(trx, id, known, options);
        report.reporterTexts += Number(
          (
            await trx
              .updateTable('ticket_reporters')
              .set({ text: null })
              .where('ticket_id', '=', id)
              .where('text', 'is not', null)
              .executeTakeFirst()
          ).numUpdatedRows,
        );
        report.events += await this.dropWords(trx, { ticketId: id });
        report.events += await this.maskStaffWords(trx, id, known, options);
        const attachments = await trx
          .selectFrom('attachments')
          .select(['id', 'path'])
          .where('ticket_id', '=', id)
          .where((eb) => eb.or([eb('path', 'is', null), eb('path', '!=', ERASED_PATH)]))
          .execute();
        await this.eraseAttachments(trx, attachments, report);
        await this.refreshSearchText(trx, id);
        await trx.updateTable('tickets').set({ personal_data_erased_at: at }).where('id', '=', id).execute();
        await recordErasure(trx, id, options.reason, at);
        report.tickets++;
      }
      // Raw platform events and delivered messages older than the period are not needed by anything.
      report.inboxRows += Number(
        (
          await trx
            .updateTable('inbox')
            .set({ payload: ERASED_PAYLOAD })
            .where('received_at', '<', before)
            .where('status', '!=', 'pending')
            .where('payload', '!=', ERASED_PAYLOAD)
            .executeTakeFirst()
        ).numUpdatedRows,
      );
      report.outboxRows += Number(
        (
          await trx
            .updateTable('outbox')
            .set({ payload: ERASED_PAYLOAD })
            .where('created_at', '<', before)
            .where('status', '!=', 'pending')
            .where('payload', '!=', ERASED_PAYLOAD)
            .executeTakeFirst()
        ).numUpdatedRows,
      );
      return report;
    });
  }

  async residentsIdleSince(cutoff: Date): Promise<number[]> {
    const before = toDbTime(cutoff);
    const rows = await this.db
      .selectFrom('residents as p')
      .select('p.id')
      .where('p.erased_at', 'is', null)
      .where('p.created_at', '<', before)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('ticket_reporters as r')
              .innerJoin('tickets as t', 't.id', 'r.ticket_id')
              .select('r.id')
              .whereRef('r.resident_id', '=', 'p.id')
              .where('t.personal_data_erased_at', 'is', null),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('resident_identities as i')
              .innerJoin('inbox as m', (join) =>
                join.onRef('m.platform', '=', 'i.platform').onRef('m.chat_id', '=', 'i.chat_id'),
              )
              .select('i.id')
              .whereRef('i.resident_id', '=', 'p.id')
              .where('m.received_at', '>=', before),
          ),
        ),
      )
      .orderBy('p.id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** The ticket keeps a masked summary for the figures; its description (follow-ups appended) becomes that summary. */
  private async maskTicketText(
    trx: Transaction<Database>,
    ticketId: number,
    known: readonly string[],
    options: ErasureOptions,
  ): Promise<void> {
    const ticket = await trx
      .selectFrom('tickets')
      .select(['summary', 'place_text'])
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    const summary = options.mask(ticket.summary, known);
    await trx
      .updateTable('tickets')
      .set({
        summary,
        description: summary,
        place_unit: null,
        place_text: ticket.place_text === null ? null : options.mask(ticket.place_text, known),
      })
      .where('id', '=', ticketId)
      .execute();
  }

  /** The masked search text, rebuilt from what the ticket still holds (as KyselyTicketStore builds it). */
  private async refreshSearchText(trx: Transaction<Database>, ticketId: number): Promise<void> {
    const row = await trx
      .selectFrom('tickets')
      .select(['summary', 'description', 'place_text', 'place_spot'])
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    const events = await trx
      .selectFrom('ticket_events')
      .select('data')
      .where('ticket_id', '=', ticketId)
      .where('kind', 'in', [...SEARCHED_EVENT_KINDS])
      .orderBy('id')
      .execute();
    const added = events.map((e) => parseData(e.data).text).filter((t): t is string => typeof t === 'string');
    const text = searchableText([row.summary, row.description, row.place_text, row.place_spot, ...added]);
    await trx.updateTable('tickets').set({ search_text: text }).where('id', '=', ticketId).execute();
  }

  /** Removes `text` from residents' own events (of one resident, or on one ticket), keeping kind, time and who. */
  private async dropWords(
    trx: Transaction<Database>,
    of: { residentId: number } | { ticketId: number },
  ): Promise<number> {
    let query = trx
      .selectFrom('ticket_events')
      .select(['id', 'data'])
      .where('actor_kind', '=', 'resident')
      .where('kind', 'in', RESIDENT_WORDS);
    query =
      'residentId' in of ? query.where('actor_id', '=', of.residentId) : query.where('ticket_id', '=', of.ticketId);
    let changed = 0;
    for (const e of await query.execute()) {
      const data = parseData(e.data);
      if (!('text' in data)) continue;
      delete data.text;
      await trx
        .updateTable('ticket_events')
        .set({ data: JSON.stringify({ ...data, erased: true }) })
        .where('id', '=', e.id)
        .execute();
      changed++;
    }
    return changed;
  }

  /** Masks what staff and the meeting wrote on a ticket (replies, notes, explanations, decisions). */
  private async maskStaffWords(
    trx: Transaction<Database>,
    ticketId: number,
    known: readonly string[],
    options: ErasureOptions,
  ): Promise<number> {
    const events = await trx
      .selectFrom('ticket_events')
      .select(['id', 'data'])
      .where('ticket_id', '=', ticketId)
      .where('actor_kind', '!=', 'resident')
      .execute();
    let changed = 0;
    for (const e of events) {
      const data = parseData(e.data);
      let masked = false;
      for (const key of WORD_KEYS) {
        const value = data[key];
        if (typeof value !== 'string') continue;
        const text = options.mask(value, known);
        if (text !== value) {
          data[key] = text;
          masked = true;
        }
      }
      if (!masked) continue;
      await trx
        .updateTable('ticket_events')
        .set({ data: JSON.stringify(data) })
        .where('id', '=', e.id)
        .execute();
      changed++;
    }
    return changed;
  }

  private async eraseAttachments(
    trx: Transaction<Database>,
    rows: Array<{ id: number; path: string | null }>,
    report: ErasureReport,
  ): Promise<void> {
    for (const a of rows) {
      await trx
        .updateTable('attachments')
        // A voice note's words go with it, and one still waiting for them is no longer transcribed.
        .set({
          path: ERASED_PATH,
          platform_file_id: null,
          transcript: null,
          transcript_status: null,
          transcript_claimed_until: null,
        })
        .where('id', '=', a.id)
        .execute();
      if (a.path !== null && !a.path.includes(':')) report.files.push(a.path);
      report.attachments++;
    }
  }
}
