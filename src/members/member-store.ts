import type { Member, MemberSelector, RedeemResult, Role, Subject } from './member.ts';

/** Members (staff, committee, Party branch, admins; people or group chats) and the invites that make them. */
export interface MemberStore {
  /**
   * Creates an invite for a role in an estate (default: `default`) and returns the plain code: it is
   * shown once and never stored. Redeeming it gives the role in that estate.
   */
  createInvite(role: Role, expiresAt: Date, at: Date, estateId?: number): Promise<{ code: string; expiresAt: Date }>;
  /**
   * Creates an invite for the `street` role of a street (街道): redeemed, the chat follows that street's
   * estates and receives its weekly digest. Returns the plain code, shown once.
   */
  createStreetInvite(street: string, expiresAt: Date, at: Date): Promise<{ code: string; expiresAt: Date }>;
  /** Redeems a code for a person or a group; single use; an unknown, used or expired code is `invalid`. */
  redeem(code: string, subject: Subject, at: Date): Promise<RedeemResult>;
  /**
   * Grants a role directly in an estate (default: `default`), the `street` role for a street; idempotent
   * per person, role, estate and street (a person may hold a role in several estates); reinstates a
   * revoked role.
   */
  grant(subject: Subject, role: Role, at: Date, estateId?: number, street?: string): Promise<Member>;
  /** Every member, revoked ones included, in the order they were first granted. */
  list(): Promise<Member[]>;
  /** Takes roles away at once; returns the members revoked now. */
  revoke(selector: MemberSelector, at: Date): Promise<Member[]>;
  /** The members a selector names, revoked ones included. */
  select(selector: MemberSelector): Promise<Member[]>;
  /** Failed `/join` attempts of a chat after `since` (oldest first). */
  joinFailuresSince(platform: string, chatId: string, since: Date): Promise<Date[]>;
  /** When the chat was last told it is turned away, if within `since`. */
  lastJoinRefusalSince(platform: string, chatId: string, since: Date): Promise<Date | undefined>;
  /** Records a `/join` attempt and forgets the chat's attempts older than the window. */
  recordJoinAttempt(platform: string, chatId: string, outcome: 'failed' | 'refused', at: Date): Promise<void>;
  /** A current (not revoked) member: a person or group on a platform, of a role and in an estate if given (first granted first). */
  find(
    platform: string,
    kind: 'user' | 'group',
    subjectId: string,
    role?: Role,
    estateId?: number,
  ): Promise<Member | undefined>;
  /** The roles a person holds on a platform. */
  rolesOf(platform: string, userId: string): Promise<Role[]>;
  /** Group chats registered for a role (the staff chat, the agenda's recipients), of one estate when given. */
  groups(role: Role, estateId?: number): Promise<Member[]>;
  /** Group chats registered for the `street` role of a street (the street digest's recipients). */
  streetGroups(street: string): Promise<Member[]>;
  /** A person holding one of `roles` on a platform (in an estate if given), by display name (case-insensitive). */
  findByName(platform: string, name: string, roles: readonly Role[], estateId?: number): Promise<Member | undefined>;
  findById(id: number): Promise<Member | undefined>;
}
