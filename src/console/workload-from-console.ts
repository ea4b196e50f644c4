import { WORKLOAD_DAYS, workloadFigures, type WorkloadRow } from '../staff/workload.ts';
import type { Core } from '../turn/core.ts';
import { may } from './console-roles.ts';

export type ConsoleWorkload = { kind: 'ok'; rows: WorkloadRow[]; days: number } | { kind: 'forbidden' };

/**
 * The console's workload page as the member sees it: the figures of `/workload` (`workloadFigures`,
 * the very computation the chat uses) for their estate, at the core's clock. Only a current admin
 * sees them; the member is looked up again, so a role revoked a moment ago sees nothing.
 */
export async function workloadForConsole(core: Core, memberId: number): Promise<ConsoleWorkload> {
  return core.unitOfWork.withoutTransaction(async (ports) => {
    const member = await ports.members.findById(memberId);
    if (!member || member.revokedAt !== null || !may(member.role, 'see-workload')) return { kind: 'forbidden' };
    const rows = await workloadFigures(ports, core, member.estateId, core.now());
    return { kind: 'ok', rows, days: WORKLOAD_DAYS };
  });
}
