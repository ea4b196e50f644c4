import { messages } from '../i18n/index.ts';
import type { Turn } from '../turn/turn.ts';
import { JOIN_FAILURE_LIMIT, JOIN_WINDOW_MS } from '../members/member.ts';
import { staffCard } from '../turn/notify-staff.ts';

/** Cards shown when a staff chat registers with tickets already waiting; `/tickets` lists the rest. */
export const BACKLOG_CARDS = 5;

/** A chat turned away is told so at most once a minute, so a flood of guesses is not a flood of answers. */
const REFUSAL_NOTICE_MS = 60_000;

/**
 * `/join CODE`: in a private chat the sender gets the code's role; in a group the group is registered
 * for that role (the staff chat, or a recipient of the agenda), and the sender gets the role too —
 * they held the code. Later staff join an already registered group with codes of their own. A wrong
 * code gets the same answer whatever the reason, so nothing is learnt about which codes exist; after
 * {@link JOIN_FAILURE_LIMIT} wrong codes within {@link JOIN_WINDOW_MS} a chat is turned away without
 * any code being checked (counted in the database, so restarts and other instances change nothing).
 */
export async function redeemInvite(turn: Turn, code: string): Promise<void> {
  const { event, now, core } = turn;
  const s = messages(core.config.defaultLocale).staff;
  const members = turn.ports.members;
  const person = {
    platform: event.platform,
    kind: 'user' as const,
    id: event.sender.id,
    displayName: event.sender.displayName ?? null,
  };
  if (code.trim() === '') {
    turn.replies.reply({ text: s.badCode });
    return;
  }
  const failures = await members.joinFailuresSince(
    event.platform,
    event.chat.id,
    new Date(now.getTime() - JOIN_WINDOW_MS),
  );
  if (failures.length >= JOIN_FAILURE_LIMIT) {
    if (
      !(await members.lastJoinRefusalSince(event.platform, event.chat.id, new Date(now.getTime() - REFUSAL_NOTICE_MS)))
    ) {
      await members.recordJoinAttempt(event.platform, event.chat.id, 'refused', now);
      // The oldest failure leaving the window frees one more try.
      const freeAt = failures[failures.length - JOIN_FAILURE_LIMIT]!.getTime() + JOIN_WINDOW_MS;
      turn.replies.reply({ text: s.joinTooMany(Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000))) });
    }
    core.log.warn({ platform: event.platform, chat: event.chat.id }, 'join refused: too many wrong codes');
    return;
  }
  const failed = async () => {
    await members.recordJoinAttempt(event.platform, event.chat.id, 'failed', now);
    turn.replies.reply({ text: s.badCode });
  };
  if (event.chat.type === 'private') {
    const result = await members.redeem(code, person, now);
    if (result.kind === 'invalid') await failed();
    else if (result.kind === 'already-member')
      turn.replies.reply({ text: s.alreadyMember(s.roleName[result.member.role]) });
    else
      turn.replies.reply({
        text: `${s.joinedPerson(s.roleName[result.member.role])}\n${result.member.role === 'staff' || result.member.role === 'admin' ? s.usage : ''}`.trim(),
      });
    return;
  }
  const group = { platform: event.platform, kind: 'group' as const, id: event.chat.id, displayName: null };
  const result = await members.redeem(code, group, now);
  if (result.kind === 'invalid') {
    await failed();
    return;
  }
  if (result.kind === 'already-member') {
    // The group has this role already: the code makes its sender a member instead.
    const personal = await members.redeem(code, person, now);
    if (personal.kind === 'granted') turn.replies.reply({ text: s.joinedPerson(s.roleName[personal.member.role]) });
    else if (personal.kind === 'already-member')
      turn.replies.reply({ text: s.alreadyMember(s.roleName[personal.member.role]) });
    else turn.replies.reply({ text: s.badCode });
    return;
  }
  // The sender holds the role in the group's estate, as the group does.
  await members.grant(person, result.member.role, now, result.member.estateId);
  turn.replies.reply({ text: s.joinedGroup(s.roleName[result.member.role]) });
  if (result.member.role === 'staff') await announceBacklog(turn, result.member.estateId);
}

/**
 * A new staff chat hears of its estate's tickets filed before it existed (nobody saw their cards): a summary,
 * then the cards of the first {@link BACKLOG_CARDS}, urgent first, then the longest waiting.
 */
async function announceBacklog(turn: Turn, estateId: number): Promise<void> {
  const tickets = turn.ports.tickets;
  const { total, urgent, first } = await tickets.backlog(BACKLOG_CARDS, estateId);
  if (total === 0) return;
  const s = messages(turn.core.config.defaultLocale).staff;
  turn.replies.reply({ text: s.backlog({ total, urgent, shown: first.length }) });
  for (const ticket of first)
    turn.replies.reply(
      staffCard(turn.core, ticket, await tickets.reporterCount(ticket.id))(turn.event.platform),
      ticket.id,
    );
  if (total > first.length) turn.replies.reply({ text: s.backlogMore(total - first.length) });
}
