import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';

/*
 * Writes tickets, residents and their history straight into a store, for the agenda's database tests.
 */

export interface SeedTicket {
  reference: string;
  category?: string;
  status?: string;
  summary?: string;
  description?: string;
  building?: string | null;
  unit?: string | null;
  spot?: string | null;
  createdAt: string;
  responseDueAt?: string;
  resolutionDueAt?: string;
  firstResponseAt?: string | null;
  resolvedAt?: string | null;
  explanation?: { reason: string; plan: string };
  reopenedCount?: number;
}

export async function seedResident(
  db: Kysely<Database>,
  r: { name: string; phone?: string; unit?: string; locale?: string; chatId: string; platform?: string },
): Promise<number> {
  const row = await db
    .insertInto('residents')
    .values({
      display_name: r.name,
      phone: r.phone ?? null,
      unit: r.unit ?? null,
      locale: r.locale ?? 'zh-CN',
      created_at: '2026-01-01T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('resident_identities')
    .values({
      resident_id: row.id,
      platform: r.platform ?? 'telegram',
      platform_user_id: r.chatId,
      chat_id: r.chatId,
      language_hint: null,
      created_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
  return row.id;
}

export async function seedTicket(db: Kysely<Database>, t: SeedTicket, reporters: number[] = []): Promise<number> {
  const created = new Date(t.createdAt);
  const plus = (h: number): string => new Date(created.getTime() + h * 3_600_000).toISOString();
  const row = await db
    .insertInto('tickets')
    .values({
      reference: t.reference,
      category: t.category ?? 'upkeep',
      urgency: 'normal',
      status: t.status ?? 'open',
      summary: t.summary ?? '问题',
      description: t.description ?? t.summary ?? '问题',
      place_building: t.building === undefined ? '5' : t.building,
      place_unit: t.unit ?? null,
      place_spot: t.spot ?? null,
      place_text: null,
      latitude: null,
      longitude: null,
      language: 'zh',
      classifier_source: 'offline',
      classifier_model: null,
      classifier_latency_ms: null,
      confidence: null,
      duplicate_of: null,
      assignee_id: null,
      reopened_count: t.reopenedCount ?? 0,
      explanation_reason: t.explanation?.reason ?? null,
      explanation_plan: t.explanation?.plan ?? null,
      created_at: created.toISOString(),
      updated_at: created.toISOString(),
      first_response_at: t.firstResponseAt ?? null,
      resolved_at: t.resolvedAt ?? null,
      closed_at: null,
      response_due_at: t.responseDueAt ?? plus(24),
      resolution_due_at: t.resolutionDueAt ?? plus(120),
      response_overdue_notified_at: null,
      resolution_overdue_notified_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('ticket_events')
    .values({
      ticket_id: row.id,
      kind: 'created',
      actor_kind: 'system',
      actor_id: null,
      data: '{}',
      created_at: created.toISOString(),
    })
    .execute();
  for (const [i, residentId] of reporters.entries()) {
    await db
      .insertInto('ticket_reporters')
      .values({
        ticket_id: row.id,
        resident_id: residentId,
        is_original: i === 0 ? 1 : 0,
        fixed_answer: null,
        rating: null,
        answered_at: null,
        created_at: created.toISOString(),
      })
      .execute();
  }
  return row.id;
}

export async function seedEvent(
  db: Kysely<Database>,
  ticketId: number,
  kind: string,
  at: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('ticket_events')
    .values({
      ticket_id: ticketId,
      kind,
      actor_kind: 'system',
      actor_id: null,
      data: JSON.stringify(data),
      created_at: at,
    })
    .execute();
}

export async function registerGroup(
  db: Kysely<Database>,
  role: string,
  chatId: string,
  platform = 'telegram',
): Promise<void> {
  await db
    .insertInto('members')
    .values({
      platform,
      subject_kind: 'group',
      subject_id: chatId,
      role,
      display_name: null,
      invite_id: null,
      granted_at: '2026-01-01T00:00:00.000Z',
      revoked_at: null,
    })
    .execute();
}
