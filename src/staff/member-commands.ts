import type { Catalog } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { Turn } from '../turn/turn.ts';
import { parseMemberSelector, type Member } from '../members/member.ts';
import { catalog } from './staff-turn.ts';

/** Admin commands in a chat: `/members` lists members, `/revoke MEMBER` takes a role away. */
export const ADMIN_VERBS = new Set(['members', 'revoke']);

/** One member as `/members` and `/revoke` show it. */
export function memberLine(m: Catalog, member: Member, timeZone: string): string {
  return m.staff.memberLine({
    id: member.id,
    role: m.staff.roleName[member.role],
    group: member.subjectKind === 'group',
    name: member.displayName ?? member.subjectId,
    address: `${member.platform}:${member.subjectId}`,
    joined: formatLocalDateTime(member.grantedAt, timeZone),
    ...(member.revokedAt && { revoked: formatLocalDateTime(member.revokedAt, timeZone) }),
  });
}

/**
 * The estates the sender is an admin of for this chat: a staff group's own estate (if they are its
 * admin); in a private chat, every estate they are admin of. An admin manages their estates' members
 * only, as on the console's members page.
 */
async function adminEstates(turn: Turn): Promise<{ admin: Member; estateIds: number[] } | undefined> {
  const { platform, sender, chat } = turn.event;
  const held = (await turn.ports.members.select({ kind: 'subject', platform, subjectId: sender.id })).filter(
    (m) => m.subjectKind === 'user' && m.role === 'admin' && m.revokedAt === null,
  );
  const group = chat.type === 'group' ? await turn.ports.members.find(platform, 'group', chat.id) : undefined;
  const admins = group ? held.filter((m) => m.estateId === group.estateId) : held;
  return admins.length === 0 ? undefined : { admin: admins[0]!, estateIds: admins.map((m) => m.estateId) };
}

/**
 * Runs an admin command for the sender, who must hold the admin role when the event is handled, on
 * the members of their estates ({@link adminEstates}). An admin cannot revoke themself in a chat (the
 * CLI can), so no chat is left without a way back.
 */
export async function runAdminCommand(turn: Turn, verb: string, arg: string): Promise<void> {
  const m = catalog(turn);
  const members = turn.ports.members;
  const held = await adminEstates(turn);
  if (!held) {
    turn.replies.reply({ text: m.staff.adminOnly });
    return;
  }
  const ours = (member: Member) => held.estateIds.includes(member.estateId);
  const timeZone = turn.core.config.timezone;
  if (verb === 'members') {
    const list = (await members.list()).filter(ours);
    turn.replies.reply({
      text: [m.staff.membersHeader(list.length), ...list.map((x) => memberLine(m, x, timeZone))].join('\n'),
    });
    return;
  }
  const selector = parseMemberSelector(arg);
  if (!selector) {
    turn.replies.reply({ text: m.staff.revokeUsage });
    return;
  }
  const targets = (await members.select(selector)).filter((x) => x.revokedAt === null && ours(x));
  if (
    targets.some(
      (x) => x.platform === turn.event.platform && x.subjectKind === 'user' && x.subjectId === turn.event.sender.id,
    )
  ) {
    turn.replies.reply({ text: m.staff.revokeSelf });
    return;
  }
  // Role by role: another estate's roles of the same person stay.
  const revoked: Member[] = [];
  for (const target of targets) revoked.push(...(await members.revoke({ kind: 'id', id: target.id }, turn.now)));
  if (revoked.length === 0) {
    turn.replies.reply({ text: m.staff.revokeNone(arg.trim()) });
    return;
  }
  turn.core.log.info({ by: held.admin.id, revoked: revoked.map((x) => x.id) }, 'members revoked');
  turn.replies.reply({ text: m.staff.revoked(revoked.map((x) => memberLine(m, x, timeZone))) });
}
