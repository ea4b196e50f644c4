import { messages, type Catalog } from '../i18n/index.ts';
import type { Turn } from '../turn/turn.ts';
import type { Member } from '../members/member.ts';
import type { Audience } from '../privacy/for-viewer.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { ActionResult, StaffContext } from './staff-actions.ts';

/** A turn of a staff member whose role was checked when this event is handled. */
export type StaffTurn = Turn & StaffContext;

/** The staff chat's language (DEFAULT_LOCALE). */
export function catalog(turn: Turn): Catalog {
  return messages(turn.core.config.defaultLocale);
}

export function staffName(turn: Turn, member: Member): string {
  return member.displayName ?? turn.event.sender.displayName ?? `#${member.id}`;
}

/** Tells the chat what happened (or why nothing did). */
export function report(
  turn: StaffTurn,
  ticket: Ticket,
  action: keyof Catalog['staff']['actionNames'],
  result: ActionResult,
): void {
  const s = catalog(turn).staff;
  let text: string;
  if (result.kind === 'ok')
    text = s.done({ reference: ticket.reference, action: s.actionNames[action], by: staffName(turn, turn.member) });
  else if (result.kind === 'illegal-transition')
    text = s.illegal({ reference: ticket.reference, status: result.from, action: s.actionVerbs[action] });
  else if (result.reason === 'explain-needs-reason-and-plan') text = s.explainNeedsBoth;
  else if (result.reason === 'empty-text') text = s.replyNeedsText;
  else text = s.illegal({ reference: ticket.reference, status: ticket.status, action: s.actionVerbs[action] });
  if (turn.event.kind === 'callback') turn.replies.answerButton(text, result.kind !== 'ok');
  if (turn.event.kind !== 'callback' || result.kind === 'ok') turn.replies.reply({ text }, ticket.id);
}

/**
 * Who reads this chat: the staff group and a staff member's private chat are staff; any other group
 * (committee, Party branch) sees only masked text, whatever the operator set.
 */
export async function audienceOf(turn: Turn): Promise<Audience> {
  if (turn.event.chat.type !== 'group') return 'staff';
  const staffGroup = await turn.ports.members.find(turn.event.platform, 'group', turn.event.chat.id, 'staff');
  return staffGroup ? 'staff' : 'public';
}

/**
 * The estate in which the sender is an admin now, for admin-only commands: a staff group's own estate
 * (an admin of another estate is none there); in a private chat, the estate of their acting role when
 * it is admin, else the first estate they are admin of. Undefined when they are no admin there.
 */
export async function adminEstate(turn: StaffTurn): Promise<number | undefined> {
  if (turn.member.role === 'admin') return turn.member.estateId;
  const { platform, sender } = turn.event;
  if (turn.event.chat.type === 'group')
    return (await turn.ports.members.find(platform, 'user', sender.id, 'admin', turn.member.estateId))
      ? turn.member.estateId
      : undefined;
  return (await turn.ports.members.find(platform, 'user', sender.id, 'admin'))?.estateId;
}
