import type { Member, Role } from '../members/member.ts';
import type { Core } from '../turn/core.ts';
import { may } from './console-roles.ts';

/** How long an invite made in the console can be redeemed (as `linli invite` by default). */
export const CONSOLE_INVITE_DAYS = 3;

export type InviteResult = { kind: 'created'; code: string; expiresAt: Date } | { kind: 'forbidden' };
export type RevokeResult =
  { kind: 'revoked'; members: Member[] } | { kind: 'none' } | { kind: 'self' } | { kind: 'forbidden' };

/** The acting member, looked up again: only a current admin manages members. */
async function admin(core: Core, memberId: number): Promise<Member | undefined> {
  const member = await core.unitOfWork.run((ports) => ports.members.findById(memberId));
  return member && member.revokedAt === null && may(member.role, 'manage-members') ? member : undefined;
}

/**
 * An invite code from the console's members page, as `linli invite --role --estate` makes: for the
 * admin's own estate, shown once, stored hashed, redeemed by `/join CODE` in a chat.
 */
export async function inviteFromConsole(core: Core, memberId: number, role: Role): Promise<InviteResult> {
  const me = await admin(core, memberId);
  if (!me) return { kind: 'forbidden' };
  const now = core.now();
  const expiresAt = new Date(now.getTime() + CONSOLE_INVITE_DAYS * 86_400_000);
  const invite = await core.unitOfWork.run((ports) => ports.members.createInvite(role, expiresAt, now, me.estateId));
  return { kind: 'created', ...invite };
}

/**
 * Takes one role away (a member id as `linli members` lists it), at once: the person's buttons,
 * commands and console sessions stop working. As in the chat, an admin cannot revoke themself here
 * (the CLI can), so the console is never left without an admin by a slip.
 */
export async function revokeFromConsole(core: Core, memberId: number, targetId: number): Promise<RevokeResult> {
  const me = await admin(core, memberId);
  if (!me) return { kind: 'forbidden' };
  return core.unitOfWork.run(async (ports) => {
    const target = await ports.members.findById(targetId);
    // Another estate's member is not found: an admin manages their own estate.
    if (!target || target.revokedAt !== null || target.estateId !== me.estateId) return { kind: 'none' };
    if (target.platform === me.platform && target.subjectKind === 'user' && target.subjectId === me.subjectId)
      return { kind: 'self' };
    const members = await ports.members.revoke({ kind: 'id', id: targetId }, core.now());
    return members.length === 0 ? { kind: 'none' } : { kind: 'revoked', members };
  });
}
