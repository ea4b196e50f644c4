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
 * Runs an admin command for the sender, who must hold the admin role when the event is handled.
 * An admin cannot revoke themself in a chat (the CLI can), so no chat is left without a way back.
 */
export async function runAdminCommand(turn: Turn, verb: string, arg: string): Promise<void> {
  const m = catalog(turn);
  const members = turn.ports.members;
  const admin = await members.find(turn.event.platform, 'user', turn.event.sender.id, 'admin');
  if (!admin) {
    turn.replies.reply({ text: m.staff.adminOnly });
    return;
  }
  const timeZone = turn.core.config.timezone;
  if (verb === 'members') {
    const list = await members.list();
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
  const targets = (await members.select(selector)).filter((x) => x.revokedAt === null);
  if (
    targets.some(
      (x) => x.platform === turn.event.platform && x.subjectKind === 'user' && x.subjectId === turn.event.sender.id,
    )
  ) {
    turn.replies.reply({ text: m.staff.revokeSelf });
    return;
  }
  const revoked = await members.revoke(selector, turn.now);
  if (revoked.length === 0) {
    turn.replies.reply({ text: m.staff.revokeNone(arg.trim()) });
    return;
  }
  turn.core.log.info({ by: admin.id, revoked: revoked.map((x) => x.id) }, 'members revoked');
  turn.replies.reply({ text: m.staff.revoked(revoked.map((x) => memberLine(m, x, timeZone))) });
}
