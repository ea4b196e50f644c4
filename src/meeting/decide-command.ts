import { messages } from '../i18n/index.ts';
import type { Turn } from '../turn/turn.ts';
import type { Role } from '../members/member.ts';
import { isDueDate, parseDecisionCommand, parseParty, recordDecision } from './decide.ts';

/** Who may record a meeting's decision: the three parties (and admins). */
export const DECIDING_ROLES: readonly Role[] = ['staff', 'admin', 'committee', 'party_branch'];

/**
 * `/decide REF decision | lead | YYYY-MM-DD` in a registered group or a private chat, by a member of
 * the property firm, the committee or the Party branch. Answers in the configured language.
 */
export async function decideFromChat(turn: Turn, arg: string): Promise<void> {
  const a = messages(turn.core.config.defaultLocale).agenda;
  const members = turn.ports.members;
  let member;
  for (const role of DECIDING_ROLES) {
    member = await members.find(turn.event.platform, 'user', turn.event.sender.id, role);
    if (member) break;
  }
  if (!member) {
    turn.replies.reply({ text: a.decisionNotAllowed });
    return;
  }
  const parsed = parseDecisionCommand(arg);
  if (!parsed) {
    turn.replies.reply({ text: a.decideUsage });
    return;
  }
  const lead = parseParty(parsed.lead);
  if (lead === undefined) {
    turn.replies.reply({ text: a.decisionBadLead(parsed.lead) });
    return;
  }
  if (parsed.dueDate !== null && !isDueDate(parsed.dueDate)) {
    turn.replies.reply({ text: a.decisionBadDate(parsed.dueDate) });
    return;
  }
  const by = member.displayName ?? turn.event.sender.displayName ?? `#${member.id}`;
  const result = await recordDecision(turn, {
    reference: parsed.reference,
    text: parsed.text,
    lead,
    dueDate: parsed.dueDate,
    by,
    actor: { kind: 'member', id: member.id },
    estateId: member.estateId,
  });
  const m = messages(turn.core.config.defaultLocale);
  switch (result.kind) {
    case 'recorded':
      turn.replies.reply({
        text: a.decisionRecorded({
          reference: result.reference,
          lead: a.partyName[lead],
          ...(parsed.dueDate !== null && { due: parsed.dueDate }),
          notified: result.notified,
        }),
      });
      return;
    case 'not-found':
      turn.replies.reply({ text: m.staff.notFound(result.reference) });
      return;
    case 'no-agenda':
      turn.replies.reply({ text: a.decisionNoAgenda });
      return;
    case 'invalid':
      turn.replies.reply({ text: a.decideUsage });
      return;
  }
}
