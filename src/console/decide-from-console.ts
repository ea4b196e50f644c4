import { recordDecisionNow, type DecisionResult } from '../meeting/decide.ts';
import type { Party } from '../agenda/agenda.ts';
import type { Core } from '../turn/core.ts';
import { may } from './console-roles.ts';

/**
 * Records a meeting decision from the console's agenda page with the very use case of `/decide` and
 * `linli decide` (`recordDecisionNow`): on the latest agenda listing the ticket, in its history with
 * the member, told to every reporter. The member is looked up again, so a role revoked a moment ago
 * records nothing.
 */
export async function decideFromConsole(
  core: Core,
  memberId: number,
  input: { reference: string; text: string; lead: Party; dueDate: string | null },
): Promise<DecisionResult | { kind: 'forbidden' }> {
  const member = await core.unitOfWork.run((ports) => ports.members.findById(memberId));
  if (!member || member.revokedAt !== null || !may(member.role, 'decide')) return { kind: 'forbidden' };
  return recordDecisionNow(core, {
    ...input,
    by: member.displayName ?? `#${member.id}`,
    actor: { kind: 'member', id: member.id },
    // Another estate's ticket is not found.
    estateId: member.estateId,
  });
}
