import type { Estate } from '../estates/estate.ts';
import type { ConsoleSession } from './console-session-store.ts';

/**
 * The estates a console session reads (DESIGN §5): a member of an estate reads that estate; a `street`
 * member reads every estate of its streets (`streets`: every street the person holds that role for,
 * so a person serving two streets reads both; the session's own street when not given), or the one
 * its sign-in link named (`--estate`). Acting and deciding stay with the member's own estate and role
 * (`console-roles.ts`); this is what may be read.
 */
export interface ConsoleScope {
  /** In the order the install lists them; empty for a street with no estate yet. */
  estates: Estate[];
  ids: number[];
  /** More than one estate: pages show which estate each row belongs to and offer the estate filter. */
  several: boolean;
}

export function scopeOf(
  session: ConsoleSession,
  estates: readonly Estate[],
  streets: readonly string[] = session.member.street === null ? [] : [session.member.street],
): ConsoleScope {
  const { member } = session;
  const mine =
    member.role === 'street'
      ? estates.filter(
          (e) =>
            e.street !== null && streets.includes(e.street) && (session.estate === null || e.code === session.estate),
        )
      : estates.filter((e) => e.id === member.estateId);
  return { estates: mine, ids: mine.map((e) => e.id), several: mine.length > 1 };
}

/** How an estate is named in the console: its name, else its code (`default` has no name of its own). */
export function estateLabel(estate: Pick<Estate, 'name' | 'code'>): string {
  return estate.name ?? estate.code;
}
