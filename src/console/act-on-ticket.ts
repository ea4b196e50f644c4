import { messages } from '../i18n/index.ts';
import { toStaffGroups } from '../turn/notify-staff.ts';
import { showContactDetails, type ContactDetailsResult } from '../staff/contact-details.ts';
import {
  acknowledgeTicket,
  ACTING_ROLES,
  addInternalNote,
  assignTicket,
  mayActOn,
  mergeTickets,
  explainTicket,
  recategorizeTicket,
  replyToTicket,
  resolveTicket,
  startWork,
  type ActionResult,
  type StaffContext,
} from '../staff/staff-actions.ts';
import { findTemplate, templateReply } from '../staff/canned-replies.ts';
import type { Category } from '../tickets/category.ts';
import type { Core } from '../turn/core.ts';
import { Replies } from '../turn/replies.ts';

/** A staff action from the console's ticket page; the names are the chat's (`actionNames`). */
export type ConsoleAction =
  | { kind: 'ack' }
  | { kind: 'work' }
  | { kind: 'reply'; text: string }
  /** A canned reply (`/tpl NAME REF [DATE] [TIME]`): `date` as 2026-12-05, `time` as 14:00, either may be empty. */
  | { kind: 'template'; name: string; date: string; time: string }
  | { kind: 'resolve'; note?: string }
  | { kind: 'explain'; reason: string; plan: string }
  | { kind: 'recategorize'; category: Category }
  | { kind: 'assign'; assigneeId: number }
  | { kind: 'merge'; into: string }
  | { kind: 'note'; text: string }
  | { kind: 'contact' };

export type ConsoleActionResult =
  | ActionResult
  | ContactDetailsResult
  | { kind: 'forbidden' }
  | { kind: 'not-found' }
  /** `assign`: nobody of that id may act on tickets. */
  | { kind: 'no-such-assignee' }
  /** `merge`: no ticket has that reference. */
  | { kind: 'no-such-target' }
  /** `template`: no canned reply has that name. */
  | { kind: 'no-such-template' }
  /** `template`: the date or time is not one. */
  | { kind: 'bad-date-time' };

/**
 * Runs a staff action from the web console through the very use cases the chat uses
 * (`staff-actions.ts`), in one unit of work: the ticket's history records the member, reporters get
 * exactly the chat's messages in their own languages, and the staff group is told what was done, as
 * it is when the action happens in a private chat. `contact` shows the assignee the reporters' details
 * (`showContactDetails`: audited, and never told to the group). Only staff and admins act; the member is looked up
 * again here, so a role revoked a moment ago acts on nothing.
 */
export async function actOnTicket(
  core: Core,
  memberId: number,
  ticketId: number,
  action: ConsoleAction,
): Promise<ConsoleActionResult> {
  const now = core.now();
  const { result, queued } = await core.unitOfWork.run(async (ports) => {
    const member = await ports.members.findById(memberId);
    if (!member || member.revokedAt !== null || !(ACTING_ROLES as readonly string[]).includes(member.role))
      return { result: { kind: 'forbidden' } as const, queued: 0 };
    const ticket = await ports.tickets.findById(ticketId);
    if (!ticket || !mayActOn(member, ticket)) return { result: { kind: 'not-found' } as const, queued: 0 };
    const replies = new Replies(null);
    const ctx: StaffContext = { ports, core, replies, now, member };
    if (action.kind === 'contact') return { result: await showContactDetails(ctx, ticket), queued: 0 };
    let result: ActionResult;
    switch (action.kind) {
      case 'ack':
        result = await acknowledgeTicket(ctx, ticket);
        break;
      case 'work':
        result = await startWork(ctx, ticket);
        break;
      case 'reply':
        result = await replyToTicket(ctx, ticket, action.text);
        break;
      case 'template': {
        // The chat's canned reply: the same template, placeholders and languages (`sendTemplate`).
        const template = await findTemplate(ports, action.name, now, ticket.estateId);
        if (!template) return { result: { kind: 'no-such-template' } as const, queued: 0 };
        const given = [action.date, action.time].map((w) => w.trim()).filter((w) => w !== '');
        const made = templateReply(core.config, template, ticket, given, now);
        if (made.kind === 'bad') return { result: { kind: 'bad-date-time' } as const, queued: 0 };
        result = await replyToTicket(ctx, ticket, made.reply);
        break;
      }
      case 'resolve':
        result = await resolveTicket(ctx, ticket, action.note?.trim() || undefined);
        break;
      case 'explain':
        result = await explainTicket(ctx, ticket, action.reason, action.plan);
        break;
      case 'recategorize':
        result = await recategorizeTicket(ctx, ticket, action.category);
        break;
      case 'note':
        result = await addInternalNote(ctx, ticket, action.text);
        break;
      case 'assign': {
        const assignee = await ports.members.findById(action.assigneeId);
        if (
          !assignee ||
          assignee.revokedAt !== null ||
          assignee.subjectKind !== 'user' ||
          !mayActOn(assignee, ticket) ||
          !(ACTING_ROLES as readonly string[]).includes(assignee.role)
        )
          return { result: { kind: 'no-such-assignee' } as const, queued: 0 };
        result = await assignTicket(ctx, ticket, assignee);
        break;
      }
      case 'merge': {
        const into = await ports.tickets.findByReference(action.into.trim());
        if (!into || !mayActOn(member, into)) return { result: { kind: 'no-such-target' } as const, queued: 0 };
        result = await mergeTickets(ctx, ticket, into);
        break;
      }
    }
    if (result.kind === 'ok') {
      const s = messages(core.config.defaultLocale).staff;
      const text = s.done({
        reference: ticket.reference,
        action: s.actionNames[action.kind === 'template' ? 'reply' : action.kind],
        by: member.displayName ?? `#${member.id}`,
      });
      await toStaffGroups(ctx, () => ({ text }), ticket);
    }
    return { result, queued: await replies.flush(ports.outbox, now) };
  });
  if (queued > 0) core.wakeOutbox?.();
  return result;
}
