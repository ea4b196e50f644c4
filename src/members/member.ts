import { createHash, randomInt } from 'node:crypto';

export const ROLES = ['staff', 'committee', 'party_branch', 'admin', 'street'] as const;
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
  /** When the role was taken away; a revoked member can do nothing and receives nothing. */
  revokedAt: Date | null;
  /** The estate the role is held in. */
  estateId: number;
  /** For the `street` role: the street (街道) whose estates the member follows; null for other roles. */
  street: string | null;
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

export type RedeemResult =
  { kind: 'granted'; member: Member } | { kind: 'already-member'; member: Member } | { kind: 'invalid' };

/** Who receives a role: a person or a group chat on a platform. */
export type Subject = { platform: string; kind: 'user' | 'group'; id: string; displayName?: string | null };

/** Who `linli revoke` / `/revoke` means: a member id (`12`, `#12`), or `platform:id` (every role of that person or group). */
export type MemberSelector = { kind: 'id'; id: number } | { kind: 'subject'; platform: string; subjectId: string };

export function parseMemberSelector(text: string): MemberSelector | undefined {
  const t = text.trim();
  const id = /^#?(\d{1,9})$/.exec(t);
  if (id) return { kind: 'id', id: Number(id[1]) };
  const subject = /^([a-z][a-z0-9_-]*):(\S+)$/i.exec(t);
  return subject ? { kind: 'subject', platform: subject[1]!.toLowerCase(), subjectId: subject[2]! } : undefined;
}

/** Failed `/join` attempts a chat may make within {@link JOIN_WINDOW_MS} before it is turned away unchecked. */
export const JOIN_FAILURE_LIMIT = 5;
export const JOIN_WINDOW_MS = 15 * 60_000;
