import type { Estate } from '../estates/estate.ts';
import type { Member } from '../members/member.ts';
import { ROLE_ORDER } from './create-console-link.ts';
import type { ConsoleSessionStore } from './console-session-store.ts';
import { hashConsoleToken, newConsoleToken } from './console-tokens.ts';

/*
 * A person with roles in several estates (DESIGN §5) works in one estate at a time in the console, as
 * a staff group does in the chat: what a page reads and what an action does stay with one role. The
 * chooser lists the person's estates; choosing one starts a session with the role held there.
 */

/** One entry of the chooser: the role a session would act with, and where it reads. */
export interface EstateChoice {
  member: Member;
  /** The estate of an estate role; undefined for the street role (it reads its streets' estates). */
  estate?: Estate;
}

/**
 * The chooser's entries for the roles a person holds now (`held`: every member row of the person):
 * one per estate, with the widest role held there, and one for the street role (whatever streets it
 * covers: a street session reads them all). In the install's estate order, the street last.
 */
export function estateChoices(held: readonly Member[], estates: readonly Estate[]): EstateChoice[] {
  const active = held
    .filter((m) => m.subjectKind === 'user' && m.revokedAt === null)
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.id - b.id);
  const choices: EstateChoice[] = [];
  for (const estate of estates) {
    const member = active.find((m) => m.role !== 'street' && m.estateId === estate.id);
    if (member) choices.push({ member, estate });
  }
  const street = active.find((m) => m.role === 'street');
  if (street) choices.push({ member: street });
  return choices;
}

/** The streets a person reads as the street role: every street they hold that role for now. */
export function streetsHeld(held: readonly Member[]): string[] {
  const streets = held
    .filter((m) => m.subjectKind === 'user' && m.revokedAt === null && m.role === 'street' && m.street !== null)
    .map((m) => m.street!);
  return [...new Set(streets)];
}

/**
 * Moves a signed-in person to another of their roles: the current session ends and a new one starts
 * for `memberId` (reading every estate that role reaches). Returns the new session's token, for the
 * cookie. The caller checks that `memberId` is one of the person's {@link estateChoices}.
 */
export async function switchSession(
  sessions: Pick<ConsoleSessionStore, 'endSession' | 'createSession'>,
  sessionToken: string,
  memberId: number,
  now: Date,
): Promise<string> {
  await sessions.endSession(hashConsoleToken('session', sessionToken), now);
  const token = newConsoleToken();
  await sessions.createSession({ tokenHash: hashConsoleToken('session', token), memberId, estate: null, at: now });
  return token;
}
