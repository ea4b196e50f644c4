import type { Locale } from '../i18n/index.ts';
import { deleteTemplate, listTemplates, saveTemplate, type SaveTemplateResult } from '../staff/canned-replies.ts';
import type { ReplyTemplate } from '../tickets/reply-template-store.ts';
import type { Core } from '../turn/core.ts';
import type { TurnPorts } from '../turn/unit-of-work.ts';
import { may, type ConsolePermission } from './console-roles.ts';

export type TemplateChange =
  { kind: 'save'; name: string; locale: Locale; text: string } | { kind: 'delete'; name: string; locale?: Locale };

export type TemplateChangeResult = SaveTemplateResult | { kind: 'deleted'; count: number } | { kind: 'forbidden' };

/**
 * Canned replies from the console, through the chat's own functions (`canned-replies.ts`): the same
 * store, the same name rules, the shipped defaults written on first use. The member is looked up
 * again each time, so a role revoked a moment ago reads and changes nothing.
 */
export async function templatesForConsole(
  core: Core,
  memberId: number,
): Promise<{ kind: 'ok'; templates: ReplyTemplate[] } | { kind: 'forbidden' }> {
  return core.unitOfWork.run(async (ports) => {
    if (!(await allowed(ports, memberId, 'act'))) return { kind: 'forbidden' };
    return { kind: 'ok', templates: await listTemplates(ports, core.now()) };
  });
}

/** `/tpl add` and `/tpl delete` of the console's templates page: admins only, as in the chat. */
export async function changeTemplateFromConsole(
  core: Core,
  memberId: number,
  change: TemplateChange,
): Promise<TemplateChangeResult> {
  return core.unitOfWork.run(async (ports) => {
    if (!(await allowed(ports, memberId, 'manage-templates'))) return { kind: 'forbidden' };
    const now = core.now();
    if (change.kind === 'save') return saveTemplate(ports, change, memberId, now);
    return { kind: 'deleted', count: await deleteTemplate(ports, change.name, change.locale, now) };
  });
}

async function allowed(ports: TurnPorts, memberId: number, permission: ConsolePermission): Promise<boolean> {
  const member = await ports.members.findById(memberId);
  return member !== undefined && member.revokedAt === null && may(member.role, permission);
}
