import { messages } from '../i18n/index.ts';
import type { Turn } from '../intake/handle-event.ts';
import { KyselyMemberStore } from '../store/member-store.ts';

/**
 * `/join CODE`: in a private chat the sender gets the code's role; in a group the group is registered
 * for that role (the staff chat, or a recipient of the agenda), and the sender gets the role too —
 * they held the code. Later staff join an already registered group with codes of their own. A wrong
 * code gets the same answer whatever the reason, so nothing is learnt about which codes exist.
 */
export async function redeemInvite(turn: Turn, code: string): Promise<void> {
  const { trx, event, now, core } = turn;
  const s = messages(core.config.defaultLocale).staff;
  const members = new KyselyMemberStore(trx);
  const person = { platform: event.platform, kind: 'user' as const, id: event.sender.id, displayName: event.sender.displayName ?? null };
  if (code.trim() === '') {
    turn.replies.reply({ text: s.badCode });
    return;
  }
  if (event.chat.type === 'private') {
    const result = await members.redeem(code, person, now);
    if (result.kind === 'invalid') turn.replies.reply({ text: s.badCode });
    else if (result.kind === 'already-member') turn.replies.reply({ text: s.alreadyMember(s.roleName[result.member.role]) });
    else turn.replies.reply({ text: `${s.joinedPerson(s.roleName[result.member.role])}\n${result.member.role === 'staff' || result.member.role === 'admin' ? s.usage : ''}`.trim() });
    return;
  }
  const group = { platform: event.platform, kind: 'group' as const, id: event.chat.id, displayName: null };
  const result = await members.redeem(code, group, now);
  if (result.kind === 'invalid') {
    turn.replies.reply({ text: s.badCode });
    return;
  }
  if (result.kind === 'already-member') {
    // The group has this role already: the code makes its sender a member instead.
    const personal = await members.redeem(code, person, now);
    if (personal.kind === 'granted') turn.replies.reply({ text: s.joinedPerson(s.roleName[personal.member.role]) });
    else if (personal.kind === 'already-member') turn.replies.reply({ text: s.alreadyMember(s.roleName[personal.member.role]) });
    else turn.replies.reply({ text: s.badCode });
    return;
  }
  await members.grant(person, result.member.role, now);
  turn.replies.reply({ text: s.joinedGroup(s.roleName[result.member.role]) });
}
