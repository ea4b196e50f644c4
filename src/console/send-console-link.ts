import { consoleMessages } from '../i18n/console-messages.ts';
import type { ResidentTurn, Turn } from '../turn/turn.ts';
import type { Role } from '../members/member.ts';
import { CONSOLE_LINK_TTL_MS, consoleLoginUrl, issueConsoleLink } from './create-console-link.ts';

/** The roles whose chats' /help offers a link; when one person holds several roles, the console acts with the widest. */
export const CONSOLE_ROLES: readonly Role[] = ['admin', 'staff', 'committee', 'party_branch'];

/**
 * Who gets a link for `/console`: those roles and, last, a person holding the street role (who redeemed
 * the street's code), who reads its estates. The street's group is not told of it: it only receives digests.
 */
const LINK_ROLES: readonly Role[] = [...CONSOLE_ROLES, 'street'];

/**
 * `/console` in a member's private chat: a one-time sign-in link for the web console, as `linli
 * console-link` prints, for the widest role the person holds. Sent only to that private chat (a link
 * signs in whoever holds it); anyone without a role is told the command is for staff.
 */
export async function sendConsoleLink(turn: ResidentTurn): Promise<void> {
  const c = consoleMessages(turn.locale);
  const roles = await turn.ports.members.rolesOf(turn.event.platform, turn.event.sender.id);
  const role = LINK_ROLES.find((r) => roles.includes(r));
  const member = role && (await turn.ports.members.find(turn.event.platform, 'user', turn.event.sender.id, role));
  if (!member) {
    turn.replies.reply({ text: c.chat.membersOnly });
    return;
  }
  const { token } = await issueConsoleLink(turn.ports.consoleLinks, member.id, null, turn.now);
  turn.replies.reply({
    text: c.chat.link({ url: consoleLoginUrl(turn.core.config, token), minutes: CONSOLE_LINK_TTL_MS / 60_000 }),
  });
}

/** `/console` in a group: a link is never posted where others read it. */
export function refuseConsoleLinkInGroup(turn: Turn, locale: Parameters<typeof consoleMessages>[0]): void {
  turn.replies.reply({ text: consoleMessages(locale).chat.privateOnly });
}
