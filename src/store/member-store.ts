import type { Kysely } from 'kysely';
import type { Database, MemberRow } from './schema.ts';
import { toDbTime } from './time.ts';
import {
  hashInviteCode,
  JOIN_WINDOW_MS,
  newInviteCode,
  type Member,
  type MemberSelector,
  type RedeemResult,
  type Role,
  type Subject,
} from '../members/member.ts';
import type { MemberStore } from '../members/member-store.ts';
import { DEFAULT_ESTATE_ID } from '../estates/estate.ts';

export {
  hashInviteCode,
  isRole,
  JOIN_FAILURE_LIMIT,
  JOIN_WINDOW_MS,
  newInviteCode,
  parseMemberSelector,
  ROLES,
  type Member,
  type MemberSelector,
  type RedeemResult,
  type Role,
} from '../members/member.ts';

function memberRowToMember(row: MemberRow): Member {
  return {
    id: row.id,
    platform: row.platform,
    subjectKind: row.subject_kind as 'user' | 'group',
    subjectId: row.subject_id,
    role: row.role as Role,
    displayName: row.display_name,
    grantedAt: new Date(row.granted_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    estateId: row.estate_id,
    street: row.street,
  };
}

/** Members (staff, committee, Party branch, admins; people or group chats) and the invites that make them. */
export class KyselyMemberStore implements MemberStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates an invite for a role in an estate and returns the plain code: it is shown once and never stored. */
  async createInvite(
    role: Role,
    expiresAt: Date,
    at: Date,
    estateId?: number,
  ): Promise<{ code: string; expiresAt: Date }> {
    const code = newInviteCode();
    await this.db
      .insertInto('invites')
      .values({
        code_hash: hashInviteCode(code),
        role,
        ...(estateId !== undefined && { estate_id: estateId }),
        created_at: toDbTime(at),
        expires_at: toDbTime(expiresAt),
        used_at: null,
        used_by_member_id: null,
      })
      .execute();
    return { code, expiresAt };
  }

  async createStreetInvite(street: string, expiresAt: Date, at: Date): Promise<{ code: string; expiresAt: Date }> {
    const code = newInviteCode();
    await this.db
      .insertInto('invites')
      .values({
        code_hash: hashInviteCode(code),
        role: 'street',
        street,
        created_at: toDbTime(at),
        expires_at: toDbTime(expiresAt),
        used_at: null,
        used_by_member_id: null,
      })
      .execute();
    return { code, expiresAt };
  }

  /**
   * Redeems a code for a person or a group. Single use: the invite is claimed with a conditional
   * update, so two chats racing for one code cannot both win. An unknown, used or expired code is
   * simply `invalid` — the caller learns nothing about which codes exist.
   */
  async redeem(code: string, subject: Subject, at: Date): Promise<RedeemResult> {
    const now = toDbTime(at);
    const invite = await this.db
      .selectFrom('invites')
      .selectAll()
      .where('code_hash', '=', hashInviteCode(code))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!invite) return { kind: 'invalid' };
    const role = invite.role as Role;
    // A role is held per estate (and the street role per street): the same person may hold it in
    // another estate, or for another street, as well.
    const existing = await this.held(subject, role, invite.estate_id, invite.street);
    if (existing) return { kind: 'already-member', member: existing };
    const claimed = await this.db
      .updateTable('invites')
      .set({ used_at: now })
      .where('id', '=', invite.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { kind: 'invalid' };
    const member = await this.insertOrReinstate(subject, role, invite.id, now, invite.estate_id, invite.street);
    await this.db.updateTable('invites').set({ used_by_member_id: member.id }).where('id', '=', invite.id).execute();
    return { kind: 'granted', member };
  }

  /**
   * A new member row, or the revoked row of the same person (or group), role and estate granted again:
   * one row per subject, role and estate, so its id stays what `linli members` showed.
   */
  private async insertOrReinstate(
    subject: Subject,
    role: Role,
    inviteId: number | null,
    now: string,
    estateId: number | undefined,
    street: string | null = null,
  ): Promise<Member> {
    const reinstated = await this.db
      .updateTable('members')
      .set({
        revoked_at: null,
        granted_at: now,
        invite_id: inviteId,
        ...(estateId !== undefined && { estate_id: estateId }),
        street,
        ...(subject.displayName && { display_name: subject.displayName }),
      })
      .where('platform', '=', subject.platform)
      .where('subject_kind', '=', subject.kind)
      .where('subject_id', '=', subject.id)
      .where('role', '=', role)
      .where('estate_id', '=', estateId ?? DEFAULT_ESTATE_ID)
      .where((eb) => (street === null ? eb('street', 'is', null) : eb('street', '=', street)))
      .where('revoked_at', 'is not', null)
      .returningAll()
      .executeTakeFirst();
    if (reinstated) return memberRowToMember(reinstated);
    const row = await this.db
      .insertInto('members')
      .values({
        platform: subject.platform,
        subject_kind: subject.kind,
        subject_id: subject.id,
        role,
        display_name: subject.displayName ?? null,
        invite_id: inviteId,
        granted_at: now,
        revoked_at: null,
        ...(estateId !== undefined && { estate_id: estateId }),
        street,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return memberRowToMember(row);
  }

  /**
   * Grants a role directly (the sender of a group's /join gets the role too), in `estateId` (default:
   * `default`), the `street` role for `street`; idempotent; reinstates a revoked role.
   */
  async grant(subject: Subject, role: Role, at: Date, estateId?: number, street?: string): Promise<Member> {
    return (
      (await this.held(subject, role, estateId ?? DEFAULT_ESTATE_ID, street ?? null)) ??
      this.insertOrReinstate(subject, role, null, toDbTime(at), estateId, street ?? null)
    );
  }

  /** The subject's current row of a role in an estate (and for a street): one at most. */
  private async held(
    subject: Subject,
    role: Role,
    estateId: number,
    street: string | null,
  ): Promise<Member | undefined> {
    return (await this.select({ kind: 'subject', platform: subject.platform, subjectId: subject.id })).find(
      (m) =>
        m.subjectKind === subject.kind &&
        m.role === role &&
        m.estateId === estateId &&
        m.street === street &&
        m.revokedAt === null,
    );
  }

  /** Every member, revoked ones included, in the order they were first granted. */
  async list(): Promise<Member[]> {
    const rows = await this.db.selectFrom('members').selectAll().orderBy('id').execute();
    return rows.map(memberRowToMember);
  }

  /**
   * Takes roles away at once: every check of membership happens when an event is handled, so a
   * revoked person's next button or command is refused, and a revoked group gets no more cards or
   * agendas. Returns the members revoked now (none when they were revoked already or do not exist).
   */
  async revoke(selector: MemberSelector, at: Date): Promise<Member[]> {
    let query = this.db
      .updateTable('members')
      .set({ revoked_at: toDbTime(at) })
      .where('revoked_at', 'is', null);
    query =
      selector.kind === 'id'
        ? query.where('id', '=', selector.id)
        : query.where('platform', '=', selector.platform).where('subject_id', '=', selector.subjectId);
    const rows = await query.returningAll().execute();
    return rows.map(memberRowToMember).sort((a, b) => a.id - b.id);
  }

  /** The members a selector names, revoked ones included. */
  async select(selector: MemberSelector): Promise<Member[]> {
    let query = this.db.selectFrom('members').selectAll();
    query =
      selector.kind === 'id'
        ? query.where('id', '=', selector.id)
        : query.where('platform', '=', selector.platform).where('subject_id', '=', selector.subjectId);
    return (await query.orderBy('id').execute()).map(memberRowToMember);
  }

  /** Failed `/join` attempts of a chat after `since` (oldest first). */
  async joinFailuresSince(platform: string, chatId: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('join_attempts')
      .select('attempted_at')
      .where('platform', '=', platform)
      .where('chat_id', '=', chatId)
      .where('outcome', '=', 'failed')
      .where('attempted_at', '>', toDbTime(since))
      .orderBy('attempted_at')
      .execute();
    return rows.map((r) => new Date(r.attempted_at));
  }

  /** When the chat was last told it is turned away, if within `since`. */
  async lastJoinRefusalSince(platform: string, chatId: string, since: Date): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('join_attempts')
      .select('attempted_at')
      .where('platform', '=', platform)
      .where('chat_id', '=', chatId)
      .where('outcome', '=', 'refused')
      .where('attempted_at', '>=', toDbTime(since))
      .orderBy('attempted_at', 'desc')
      .executeTakeFirst();
    return row && new Date(row.attempted_at);
  }

  /** Records a `/join` attempt and forgets the chat's attempts older than the window. */
  async recordJoinAttempt(platform: string, chatId: string, outcome: 'failed' | 'refused', at: Date): Promise<void> {
    await this.db
      .deleteFrom('join_attempts')
      .where('platform', '=', platform)
      .where('chat_id', '=', chatId)
      .where('attempted_at', '<', toDbTime(new Date(at.getTime() - JOIN_WINDOW_MS)))
      .execute();
    await this.db
      .insertInto('join_attempts')
      .values({ platform, chat_id: chatId, outcome, attempted_at: toDbTime(at) })
      .execute();
  }

  async find(
    platform: string,
    kind: 'user' | 'group',
    subjectId: string,
    role?: Role,
    estateId?: number,
  ): Promise<Member | undefined> {
    let query = this.db
      .selectFrom('members')
      .selectAll()
      .where('platform', '=', platform)
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .where('revoked_at', 'is', null);
    if (role !== undefined) query = query.where('role', '=', role);
    if (estateId !== undefined) query = query.where('estate_id', '=', estateId);
    const row = await query.orderBy('id').executeTakeFirst();
    return row && memberRowToMember(row);
  }

  /** The roles a person holds on a platform. */
  async rolesOf(platform: string, userId: string): Promise<Role[]> {
    const rows = await this.db
      .selectFrom('members')
      .select('role')
      .where('platform', '=', platform)
      .where('subject_kind', '=', 'user')
      .where('subject_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    return rows.map((r) => r.role as Role);
  }

  /** Group chats registered for a role (the staff chat, the agenda's recipients), of one estate when given. */
  async groups(role: Role, estateId?: number): Promise<Member[]> {
    let query = this.db.selectFrom('members').selectAll();
    if (estateId !== undefined) query = query.where('estate_id', '=', estateId);
    const rows = await query
      .where('role', '=', role)
      .where('subject_kind', '=', 'group')
      .where('revoked_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map(memberRowToMember);
  }

  async streetGroups(street: string): Promise<Member[]> {
    const rows = await this.db
      .selectFrom('members')
      .selectAll()
      .where('role', '=', 'street')
      .where('street', '=', street)
      .where('subject_kind', '=', 'group')
      .where('revoked_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map(memberRowToMember);
  }

  /** A person holding one of `roles` on a platform, by display name (case-insensitive). */
  async findByName(
    platform: string,
    name: string,
    roles: readonly Role[],
    estateId?: number,
  ): Promise<Member | undefined> {
    let query = this.db.selectFrom('members').selectAll();
    if (estateId !== undefined) query = query.where('estate_id', '=', estateId);
    const row = await query
      .where('platform', '=', platform)
      .where('subject_kind', '=', 'user')
      .where('role', 'in', [...roles])
      .where('revoked_at', 'is', null)
      .where((eb) => eb(eb.fn('lower', ['display_name']), '=', name.toLowerCase()))
      .orderBy('id')
      .executeTakeFirst();
    return row && memberRowToMember(row);
  }

  async findById(id: number): Promise<Member | undefined> {
    const row = await this.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
    return row && memberRowToMember(row);
  }
}
