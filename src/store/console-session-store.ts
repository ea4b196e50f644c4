import type { Kysely } from 'kysely';
import type { ConsoleSession, ConsoleSessionStore } from '../console/console-session-store.ts';
import type { Role } from './member-store.ts';
import type { Database } from './schema.ts';
import { toDbTime } from './time.ts';

/** The console's links, sessions and failed sign-ins on Kysely (SQLite or PostgreSQL). */
export class KyselyConsoleSessionStore implements ConsoleSessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createLink(link: {
    tokenHash: string;
    memberId: number;
    estate: string | null;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<void> {
    await this.db
      .insertInto('console_links')
      .values({
        token_hash: link.tokenHash,
        member_id: link.memberId,
        estate: link.estate,
        created_at: toDbTime(link.createdAt),
        expires_at: toDbTime(link.expiresAt),
        used_at: null,
      })
      .execute();
  }

  async claimLink(tokenHash: string, at: Date): Promise<{ memberId: number; estate: string | null } | undefined> {
    // One conditional update: of two requests with the same link, only one finds it unused.
    const row = await this.db
      .updateTable('console_links')
      .set({ used_at: toDbTime(at) })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', toDbTime(at))
      .returning(['member_id', 'estate'])
      .executeTakeFirst();
    return row && { memberId: row.member_id, estate: row.estate };
  }

  async createSession(session: {
    tokenHash: string;
    memberId: number;
    estate: string | null;
    at: Date;
  }): Promise<void> {
    const at = toDbTime(session.at);
    await this.db
      .insertInto('console_sessions')
      .values({
        token_hash: session.tokenHash,
        member_id: session.memberId,
        estate: session.estate,
        created_at: at,
        last_seen_at: at,
        ended_at: null,
      })
      .execute();
  }

  async findSession(tokenHash: string, idleSince: Date): Promise<ConsoleSession | undefined> {
    const row = await this.db
      .selectFrom('console_sessions as s')
      .innerJoin('members as m', 'm.id', 's.member_id')
      .select([
        's.id',
        's.estate',
        's.last_seen_at',
        'm.id as member_id',
        'm.role',
        'm.display_name',
        'm.platform',
        'm.subject_id',
        'm.estate_id',
        'm.street',
      ])
      .select((eb) =>
        eb
          .selectFrom('resident_identities as ri')
          .innerJoin('residents as r', 'r.id', 'ri.resident_id')
          .select('r.locale')
          .whereRef('ri.platform', '=', 'm.platform')
          .whereRef('ri.platform_user_id', '=', 'm.subject_id')
          .limit(1)
          .as('locale'),
      )
      .where('s.token_hash', '=', tokenHash)
      .where('s.ended_at', 'is', null)
      .where('s.last_seen_at', '>', toDbTime(idleSince))
      .where('m.revoked_at', 'is', null)
      // A role granted again after the session began is a new grant: the old session stays dead.
      .whereRef('m.granted_at', '<=', 's.created_at')
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      estate: row.estate,
      lastSeenAt: new Date(row.last_seen_at),
      member: {
        id: row.member_id,
        role: row.role as Role,
        displayName: row.display_name,
        platform: row.platform,
        subjectId: row.subject_id,
        locale: row.locale ?? null,
        estateId: row.estate_id,
        street: row.street,
      },
    };
  }

  async touchSession(id: number, at: Date): Promise<void> {
    await this.db
      .updateTable('console_sessions')
      .set({ last_seen_at: toDbTime(at) })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
  }

  async endSession(tokenHash: string, at: Date): Promise<void> {
    await this.db
      .updateTable('console_sessions')
      .set({ ended_at: toDbTime(at) })
      .where('token_hash', '=', tokenHash)
      .where('ended_at', 'is', null)
      .execute();
  }

  async countLoginFailures(ip: string, since: Date): Promise<number> {
    const row = await this.db
      .selectFrom('console_login_attempts')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('ip', '=', ip)
      .where('attempted_at', '>', toDbTime(since))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async recordLoginFailure(ip: string, at: Date, forgetBefore: Date): Promise<void> {
    await this.db
      .deleteFrom('console_login_attempts')
      .where('ip', '=', ip)
      .where('attempted_at', '<', toDbTime(forgetBefore))
      .execute();
    await this.db
      .insertInto('console_login_attempts')
      .values({ ip, attempted_at: toDbTime(at) })
      .execute();
  }
}
