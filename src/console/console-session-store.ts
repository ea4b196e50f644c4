import type { Role } from '../members/member.ts';

/** The member a console session acts as. */
export interface ConsoleMember {
  id: number;
  role: Role;
  displayName: string | null;
  platform: string;
  subjectId: string;
  /** The language the member chose in the chat (as a resident of the same account), if any. */
  locale: string | null;
  /** The estate the member holds the role in: the console shows and acts on its tickets only. */
  estateId: number;
  /** For the `street` role: the street whose estates the member reads; null for other roles. */
  street: string | null;
}

/** A live console session. */
export interface ConsoleSession {
  id: number;
  member: ConsoleMember;
  /** The estate code the sign-in link was made for, if any. */
  estate: string | null;
  lastSeenAt: Date;
}

/**
 * What the console's sign-in needs from storage: one-time links, sessions and failed attempts. Tokens
 * are only ever handed over hashed (see `console-tokens.ts`). Implemented by `KyselyConsoleSessionStore`.
 */
export interface ConsoleSessionStore {
  createLink(link: {
    tokenHash: string;
    memberId: number;
    estate: string | null;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<void>;
  /**
   * Marks an unused link that has not expired at `at` as used and returns whom it was for; undefined
   * for an unknown, used or expired link. Atomic: two requests racing for one link cannot both win.
   */
  claimLink(tokenHash: string, at: Date): Promise<{ memberId: number; estate: string | null } | undefined>;
  createSession(session: { tokenHash: string; memberId: number; estate: string | null; at: Date }): Promise<void>;
  /**
   * The session of a token if it may still be used: not ended, last used after `idleSince`, and its
   * member holds the role now and held it when the session began (a revoked member's sessions end at
   * once, and granting the role again does not revive them).
   */
  findSession(tokenHash: string, idleSince: Date): Promise<ConsoleSession | undefined>;
  /** Records that the session was used at `at` (what idle time is measured from). */
  touchSession(id: number, at: Date): Promise<void>;
  /** Ends a session (logout); ending an ended or unknown one does nothing. */
  endSession(tokenHash: string, at: Date): Promise<void>;
  /** Failed sign-ins from `ip` after `since`. */
  countLoginFailures(ip: string, since: Date): Promise<number>;
  /** Records a failed sign-in from `ip` and forgets that address's failures older than `forgetBefore`. */
  recordLoginFailure(ip: string, at: Date, forgetBefore: Date): Promise<void>;
}
