import type { Estate } from '../estates/estate.ts';
import type { ConsoleSession } from './console-session-store.ts';

/**
 * The estates a console session reads (DESIGN §5): a member of an estate reads that estate; a `street`
 * member reads every estate of its street, or the one its sign-in link named (`--estate`). Acting and
 * deciding stay with the member's own estate and role (`console-roles.ts`); this is what may be read.
 */
export interface ConsoleScope {
  /** In the order the install lists them; empty for a street with no estate yet. */
  estates: Estate[];
  ids: number[];
  /** More than one estate: pages show which estate each row belongs to and offer the estate filter. */
  several: boolean;
}

export function scopeOf(session: ConsoleSession, estates: readonly Estate[]): ConsoleScope {
  const { member } = session;
  const mine =
    member.role === 'street'
      ? estates.filter(
          (e) =>
            e.street !== null && e.street === member.street && (session.estate === null || e.code === session.estate),
        )
      : estates.filter((e) => e.id === member.estateId);
  return { estates: mine, ids: mine.map((e) => e.id), several: mine.length > 1 };
}

/** How an estate is named in the console: its name, else its code (`default` has no name of its own). */
export function estateLabel(estate: Pick<Estate, 'name' | 'code'>): string {
  return estate.name ?? estate.code;
}
