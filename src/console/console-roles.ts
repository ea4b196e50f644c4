import type { Role } from '../members/member.ts';
import { ACTING_ROLES } from '../staff/staff-actions.ts';

/** What a console member may do beyond reading (DESIGN §6, issue 16 "Roles"). */
export type ConsolePermission = 'act' | 'decide' | 'manage-members' | 'see-workload' | 'manage-templates';

/**
 * Who may do what in the console, in one place; every route checks it on the server (a hidden
 * button is a convenience, never the check). Staff and admins act on tickets; committee and Party
 * branch record the meeting's decisions; only admins manage members and canned replies and see each
 * person's workload (as `/workload` and `/tpl add|delete` in the chat). Everyone signed in reads.
 */
const GRANTS: Readonly<Record<ConsolePermission, readonly Role[]>> = {
  act: ACTING_ROLES,
  decide: ['committee', 'party_branch'],
  'manage-members': ['admin'],
  'see-workload': ['admin'],
  'manage-templates': ['admin'],
};

export function may(role: Role, permission: ConsolePermission): boolean {
  return GRANTS[permission].includes(role);
}
