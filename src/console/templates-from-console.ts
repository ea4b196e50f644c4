import type { Locale } from '../i18n/index.ts';
import type { Member } from '../members/member.ts';
import {
  deleteTemplate,
  saveTemplate,
  templateScope,
  templatesOf,
  type SaveTemplateResult,
} from '../staff/canned-replies.ts';
import type { ReplyTemplate } from '../tickets/reply-template-store.ts';
import type { Core } from '../turn/core.ts';
import type { TurnPorts } from '../turn/unit-of-work.ts';
import { may, type ConsolePermission } from './console-roles.ts';

export type TemplateChange =
  { kind: 'save'; name: string; locale: Locale; text: string } | { kind: 'delete'; name: string; locale?: Locale };

export type TemplateChangeResult = SaveTemplateResult | { kind: 'deleted'; count: number } | { kind: 'forbidden' };

/** The templates a console member uses, and whose templates they would write (`templateScope`). */
export interface ConsoleTemplates {
  kind: 'ok';
  /** The install's and the member's estate's own (`templatesOf`). */
  templates: ReplyTemplate[];
  /** The templates an admin of the member's estate writes: that estate's own (several estates), else the install's (null). */
  scope: number | null;
}

/**
 * Canned replies from the console, through the chat's own functions (`canned-replies.ts`): the same
 * store, the same name rules, the shipped defaults written on first use, the member's estate's
 * templates. The member is looked up again each time, so a role revoked a moment ago reads and
 * changes nothing.
 */
export async function templatesForConsole(
  core: Core,
  memberId: number,
): Promise<ConsoleTemplates | { kind: 'forbidden' }> {
  return core.unitOfWork.run(async (ports) => {
    const member = await allowed(ports, memberId, 'act');
    if (!member) return { kind: 'forbidden' };
    return {
      kind: 'ok',
      templates: await templatesOf(ports, member.estateId, core.now()),
      scope: await templateScope(ports, member.estateId),
    };
  });
}

/**
 * `/tpl add` and `/tpl delete` of the console's templates page: admins only, as in the chat, on their
 * estate's templates (the install's when it serves one estate).
 */
export async function changeTemplateFromConsole(
  core: Core,
  memberId: number,
  change: TemplateChange,
): Promise<TemplateChangeResult> {
  return core.unitOfWork.run(async (ports) => {
    const member = await allowed(ports, memberId, 'manage-templates');
    if (!member) return { kind: 'forbidden' };
    const now = core.now();
    const scope = await templateScope(ports, member.estateId);
    if (change.kind === 'save') return saveTemplate(ports, change, memberId, now, scope);
    return { kind: 'deleted', count: await deleteTemplate(ports, change.name, change.locale, now, scope) };
  });
}

async function allowed(ports: TurnPorts, memberId: number, permission: ConsolePermission): Promise<Member | undefined> {
  const member = await ports.members.findById(memberId);
  return member !== undefined && member.revokedAt === null && may(member.role, permission) ? member : undefined;
}
