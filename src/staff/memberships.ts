import type { Member } from '../members/member.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { Turn } from '../turn/turn.ts';
import { ACTING_ROLES, mayActOn } from './staff-actions.ts';
import type { StaffTurn } from './staff-turn.ts';

/**
 * The acting roles (staff, admin) the sender holds now, one per estate (staff before admin, as the
 * chat has always acted, then first granted first): a person may hold roles in several estates
 * (DESIGN §5). Checked when the event is handled, so a revoked role is gone at once.
 */
export async function actingMemberships(turn: Turn): Promise<Member[]> {
  const held = await turn.ports.members.select({
    kind: 'subject',
    platform: turn.event.platform,
    subjectId: turn.event.sender.id,
  });
  const acting = held
    .filter((m) => m.subjectKind === 'user' && m.revokedAt === null)
    .filter((m) => (ACTING_ROLES as readonly string[]).includes(m.role))
    .sort(
      (a, b) =>
        ACTING_ROLES.indexOf(a.role as (typeof ACTING_ROLES)[number]) -
          ACTING_ROLES.indexOf(b.role as (typeof ACTING_ROLES)[number]) || a.id - b.id,
    );
  const byEstate = new Map<number, Member>();
  for (const m of acting) if (!byEstate.has(m.estateId)) byEstate.set(m.estateId, m);
  return [...byEstate.values()];
}

/**
 * Who acts on a ticket for this turn: the turn's member when the ticket is of its estate; in the
 * person's private chat, their role in the ticket's estate if they hold one there. Never in a group:
 * a staff group is bound to one estate, and another estate's ticket must not show there.
 */
export async function memberForTicket(turn: StaffTurn, ticket: Pick<Ticket, 'estateId'>): Promise<Member | undefined> {
  if (mayActOn(turn.member, ticket)) return turn.member;
  if (turn.event.chat.type === 'group') return undefined;
  return (await actingMemberships(turn)).find((m) => mayActOn(m, ticket));
}

/**
 * The estates a staff member's lists cover in this chat: a staff group's own estate; in a private
 * chat, every estate the person holds an acting role in (DESIGN §5).
 */
export async function estatesInView(turn: StaffTurn): Promise<number[]> {
  if (turn.event.chat.type === 'group') return [turn.member.estateId];
  const estates = (await actingMemberships(turn)).map((m) => m.estateId);
  return estates.length > 0 ? estates : [turn.member.estateId];
}

/**
 * How a list line names a ticket's estate: by its name when the list spans several estates, else not
 * at all (`undefined` for every estate), so a person of one estate reads their lists as before.
 */
export async function estateNamer(
  turn: StaffTurn,
  estateIds: readonly number[],
): Promise<(estateId: number) => string | undefined> {
  if (estateIds.length < 2) return () => undefined;
  const estates = await turn.ports.estates.list();
  return (estateId) => {
    const estate = estates.find((e) => e.id === estateId);
    return estate && (estate.name ?? turn.core.config.communityName ?? estate.code);
  };
}
