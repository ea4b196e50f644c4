import { DEFAULT_ESTATE_ID } from '../estates/estate.ts';
import { messages } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { Member } from '../members/member.ts';
import { forViewer, placeForViewer } from '../privacy/for-viewer.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { WorkContext } from './turn.ts';

/** How a member is named to colleagues: their display name, else their member id. */
export function memberName(member: Pick<Member, 'id' | 'displayName'>): string {
  return member.displayName ?? `#${member.id}`;
}

/**
 * The people who take new tickets in turn: everyone holding the staff role in a private capacity (not a
 * group, not revoked), once each, in the order they joined.
 */
export function rotation(members: readonly Member[]): Member[] {
  const seen = new Set<string>();
  return members
    .filter((m) => m.role === 'staff' && m.subjectKind === 'user' && m.revokedAt === null)
    .sort((a, b) => a.id - b.id)
    .filter((m) => {
      const key = `${m.platform}:${m.subjectId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Round-robin assignment (AUTO_ASSIGN=round-robin): gives a new ticket to the next staff member in
 * the rotation, records it in the history (by the system) and tells them in their private chat, masked
 * as staff see it. The turn counter lives in the database, so several instances share one rotation.
 * Returns the assignee, or undefined when assignment is off or nobody is on the rotation.
 */
export async function assignInTurn(ctx: WorkContext, ticket: Ticket): Promise<Member | undefined> {
  const config = ctx.core.config;
  if (config.autoAssign !== 'round-robin' || ticket.assigneeId !== null) return undefined;
  // The ticket's estate's staff only, each estate with its own turn counter.
  const people = rotation((await ctx.ports.members.list()).filter((m) => m.estateId === ticket.estateId));
  if (people.length === 0) return undefined;
  const turn = await ctx.ports.workload.nextTurn(
    ticket.estateId === DEFAULT_ESTATE_ID ? 'round-robin' : `round-robin:${ticket.estateId}`,
  );
  const assignee = people[(turn - 1) % people.length]!;
  if (!(await ctx.ports.workload.claim(ticket.id, assignee.id, ctx.now))) return undefined;
  await ctx.ports.tickets.addEvent(
    ticket.id,
    'assigned',
    { kind: 'system' },
    { to: assignee.id, name: assignee.displayName, via: 'round-robin' },
    ctx.now,
  );
  const m = messages(config.defaultLocale);
  const viewer = { showResidentDetails: config.showResidentDetails };
  const due =
    ticket.urgency === 'urgent' || ticket.firstResponseAt === null ? ticket.responseDueAt : ticket.resolutionDueAt;
  // A person's private chat with the bot has the person's id on Telegram and LINE alike.
  ctx.replies.to(
    assignee.platform,
    assignee.subjectId,
    {
      text: m.workload.assignedToYou({
        reference: ticket.reference,
        category: m.categoryName[ticket.category],
        place: placeForViewer(ticket.place, config.defaultLocale, 'staff', viewer),
        summary: forViewer(ticket.summary, 'staff', viewer),
        due: formatLocalDateTime(due, config.timezone),
      }),
      ...(ticket.urgency === 'urgent' && { urgent: true }),
    },
    ticket.id,
  );
  return assignee;
}
