import { createHash, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, MemberRow } from './schema.ts';
import { toDbTime } from './time.ts';

export const ROLES = ['staff', 'committee', 'party_branch', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface Member {
  id: number;
  platform: string;
  subjectKind: 'user' | 'group';
  subjectId: string;
  role: Role;
  displayName: string | null;
  grantedAt: Date;
}

function memberRowToMember(row: MemberRow): Member {
  return {
    id: row.id,
    platform: row.platform,
    subjectKind: row.subject_kind as 'user' | 'group',
    subjectId: row.subject_id,
    role: row.role as Role,
    displayName: row.display_name,
    grantedAt: new Date(row.granted_at),
  };
}

// No 0/O, 1/I/L: codes are read aloud and typed on phones.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A fresh invite code, e.g. `K7QM-3XTA-PW`: 10 symbols, about 50 bits. */
export function newInviteCode(): string {
  let raw = '';
  for (let i = 0; i < 10; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** Codes are stored only as this hash; case, spaces and dashes do not matter when redeeming. */
export function hashInviteCode(code: string): string {
  const canonical = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHash('sha256').update(`linli-invite:${canonical}`).digest('hex');
}

export type RedeemResult = { kind: 'granted'; member: Member } | { kind: 'already-member'; member: Member } | { kind: 'invalid' };

/** Members (staff, committee, Party branch, admins; people or group chats) and the invites that make them. */
export class KyselyMemberStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates an invite and returns the plain code: it is shown once and never stored. */
  async createInvite(role: Role, expiresAt: Date, at: Date): Promise<{ code: string; expiresAt: Date }> {
    const code = newInviteCode();
    await this.db
      .insertInto('invites')
      .values({ code_hash: hashInviteCode(code), role, created_at: toDbTime(at), expires_at: toDbTime(expiresAt), used_at: null, used_by_member_id: null })
      .execute();
    return { code, expiresAt };
  }

  /**
   * Redeems a code for a person or a group. Single use: the invite is claimed with a conditional
   * update, so two chats racing for one code cannot both win. An unknown, used or expired code is
   * simply `invalid` — the caller learns nothing about which codes exist.
   */
  async redeem(code: string, subject: { platform: string; kind: 'user' | 'group'; id: string; displayName?: string | null }, at: Date): Promise<RedeemResult> {
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
    const existing = await this.find(subject.platform, subject.kind, subject.id, role);
    if (existing) return { kind: 'already-member', member: existing };
    const claimed = await this.db
      .updateTable('invites')
      .set({ used_at: now })
      .where('id', '=', invite.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { kind: 'invalid' };
    const row = await this.db
      .insertInto('members')
      .values({ platform: subject.platform, subject_kind: subject.kind, subject_id: subject.id, role, display_name: subject.displayName ?? null, invite_id: invite.id, granted_at: now, revoked_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.db.updateTable('invites').set({ used_by_member_id: row.id }).where('id', '=', invite.id).execute();
    return { kind: 'granted', member: memberRowToMember(row) };
  }

  /** Grants a role directly (the sender of a group's /join gets the role too); idempotent. */
  async grant(subject: { platform: string; kind: 'user' | 'group'; id: string; displayName?: string | null }, role: Role, at: Date): Promise<Member> {
    await this.db
      .insertInto('members')
      .values({ platform: subject.platform, subject_kind: subject.kind, subject_id: subject.id, role, display_name: subject.displayName ?? null, invite_id: null, granted_at: toDbTime(at), revoked_at: null })
      .onConflict((oc) => oc.columns(['platform', 'subject_kind', 'subject_id', 'role']).doNothing())
      .execute();
    return (await this.find(subject.platform, subject.kind, subject.id, role))!;
  }

  async find(platform: string, kind: 'user' | 'group', subjectId: string, role?: Role): Promise<Member | undefined> {
    let query = this.db
      .selectFrom('members')
      .selectAll()
      .where('platform', '=', platform)
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .where('revoked_at', 'is', null);
    if (role !== undefined) query = query.where('role', '=', role);
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

  /** Group chats registered for a role (the staff chat, the agenda's recipients). */
  async groups(role: Role): Promise<Member[]> {
    const rows = await this.db
      .selectFrom('members')
      .selectAll()
      .where('role', '=', role)
      .where('subject_kind', '=', 'group')
      .where('revoked_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map(memberRowToMember);
  }

  /** A person holding one of `roles` on a platform, by display name (case-insensitive). */
  async findByName(platform: string, name: string, roles: readonly Role[]): Promise<Member | undefined> {
    const row = await this.db
      .selectFrom('members')
      .selectAll()
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
