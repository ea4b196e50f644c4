import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleLink, WEB_PLATFORM } from '../../src/console/create-console-link.ts';
import { hashConsoleToken } from '../../src/console/console-tokens.ts';
import { resumeSession } from '../../src/console/resume-session.ts';
import { LOGIN_FAILURE_LIMIT, signInWithLink } from '../../src/console/sign-in-with-link.ts';
import { KyselyConsoleSessionStore } from '../../src/store/console-session-store.ts';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const ESTATE_FIELDS = {
  name: '林城一期',
  community: null,
  street: null,
  settings: { emergencyNumbers: null, deadlines: null, workingHours: null },
};

const T0 = new Date('2026-12-08T02:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const IDLE = 60 * 60_000;

for (const dialect of DIALECTS) {
  describe(`${dialect}: console sign-in (links, sessions, attempts)`, () => {
    let store: TestStore;
    let sessions: KyselyConsoleSessionStore;
    let members: KyselyMemberStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(async () => {
      await store.cleanup();
    });
    beforeEach(async () => {
      await store.reset();
      sessions = new KyselyConsoleSessionStore(store.db);
      members = new KyselyMemberStore(store.db);
    });

    async function link(user: string, at = T0): Promise<string> {
      const result = await createConsoleLink(
        { sessions, members, estates: new KyselyEstateStore(store.db) },
        { user },
        at,
      );
      if (result.kind !== 'ok') throw new Error(`no link: ${result.kind}`);
      return result.token;
    }

    it('signs in once with a link, and the session holds the member, the estate and their chat language', async () => {
      const added = await new KyselyEstateStore(store.db).add('lincheng-1', ESTATE_FIELDS, T0);
      const wang = await members.grant(
        { platform: 'telegram', kind: 'user', id: '100', displayName: 'Wang Li' },
        'staff',
        T0,
        added.kind === 'added' ? added.estate.id : undefined,
      );
      await store.db
        .insertInto('residents')
        .values({ display_name: 'Wang Li', locale: 'zh-TW', phone: null, unit: null, created_at: T0.toISOString() })
        .execute();
      const resident = await store.db.selectFrom('residents').select('id').executeTakeFirstOrThrow();
      await store.db
        .insertInto('resident_identities')
        .values({
          resident_id: resident.id,
          platform: 'telegram',
          platform_user_id: '100',
          chat_id: '100',
          language_hint: null,
          created_at: T0.toISOString(),
        })
        .execute();
      const result = await createConsoleLink(
        { sessions, members, estates: new KyselyEstateStore(store.db) },
        { user: 'wang li', estate: 'lincheng-1' },
        T0,
      );
      expect(result).toMatchObject({ kind: 'ok', member: { id: wang.id }, created: false });
      const token = (result as { token: string }).token;

      const first = await signInWithLink(sessions, token, '10.0.0.1', minutes(1));
      expect(first.kind).toBe('signed-in');
      expect(await signInWithLink(sessions, token, '10.0.0.1', minutes(2))).toEqual({ kind: 'refused' });

      const session = await resumeSession(sessions, (first as { sessionToken: string }).sessionToken, minutes(3), IDLE);
      expect(session).toMatchObject({
        estate: 'lincheng-1',
        member: { id: wang.id, role: 'staff', displayName: 'Wang Li', locale: 'zh-TW' },
      });
      // Only hashes are stored.
      const stored = await store.db.selectFrom('console_links').select('token_hash').executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(hashConsoleToken('link', token));
      expect(stored.token_hash).not.toContain(token);
    });

    it('refuses a link after ten minutes', async () => {
      const token = await link('office');
      expect(await signInWithLink(sessions, token, '10.0.0.1', minutes(10))).toEqual({ kind: 'refused' });
    });

    it('lets only one of two racing sign-ins with the same link win', async () => {
      const token = await link('office');
      const other = new KyselyConsoleSessionStore(store.reopen().db);
      const results = await Promise.all([
        signInWithLink(sessions, token, '10.0.0.1', minutes(1)),
        signInWithLink(other, token, '10.0.0.2', minutes(1)),
      ]);
      expect(results.map((r) => r.kind).sort()).toEqual(['refused', 'signed-in']);
    });

    it('ends a session on logout, after the idle time, and when the member is revoked (granting again does not revive it)', async () => {
      const signIn = async (at: Date) =>
        ((await signInWithLink(sessions, await link('office', at), '10.0.0.1', at)) as { sessionToken: string })
          .sessionToken;

      const loggedOut = await signIn(T0);
      await sessions.endSession(hashConsoleToken('session', loggedOut), minutes(1));
      expect(await resumeSession(sessions, loggedOut, minutes(2), IDLE)).toBeUndefined();

      const idle = await signIn(T0);
      expect(await resumeSession(sessions, idle, minutes(59), IDLE)).toBeDefined();
      // Used at minute 59, so the hour counts from there.
      expect(await resumeSession(sessions, idle, minutes(118), IDLE)).toBeDefined();
      expect(await resumeSession(sessions, idle, minutes(179), IDLE)).toBeUndefined();

      const revoked = await signIn(minutes(200));
      const office = (await members.list()).find((m) => m.platform === WEB_PLATFORM)!;
      await members.revoke({ kind: 'id', id: office.id }, minutes(201));
      expect(await resumeSession(sessions, revoked, minutes(202), IDLE)).toBeUndefined();
      await members.grant({ platform: WEB_PLATFORM, kind: 'user', id: 'office' }, 'staff', minutes(203));
      expect(await resumeSession(sessions, revoked, minutes(204), IDLE)).toBeUndefined();
    });

    it('turns an address away after too many failures, without looking at the link', async () => {
      const token = await link('office');
      for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++)
        expect((await signInWithLink(sessions, `wrong-token-${i}-xxxxxxxxxxxxxx`, '10.0.0.9', minutes(1))).kind).toBe(
          'refused',
        );
      expect(await signInWithLink(sessions, token, '10.0.0.9', minutes(2))).toEqual({ kind: 'rate-limited' });
      // Another address is not affected, and the link was not used up.
      expect((await signInWithLink(sessions, token, '10.0.0.10', minutes(2))).kind).toBe('signed-in');
      // Failures older than the window are forgotten.
      expect((await signInWithLink(sessions, 'x'.repeat(30), '10.0.0.9', minutes(20))).kind).toBe('refused');
      const left = await store.db
        .selectFrom('console_login_attempts')
        .select(sql<number>`count(*)`.as('n'))
        .where('ip', '=', '10.0.0.9')
        .executeTakeFirstOrThrow();
      expect(Number(left.n)).toBe(1);
    });

    it('finds members by id, platform:id or name; creates a console-only member; refuses groups, revoked members and bad estates', async () => {
      const li = await members.grant({ platform: 'line', kind: 'user', id: 'U1', displayName: 'Li' }, 'committee', T0);
      await members.grant({ platform: 'line', kind: 'user', id: 'U1', displayName: 'Li' }, 'admin', T0);
      const group = await members.grant({ platform: 'line', kind: 'group', id: 'G1' }, 'staff', T0);
      const deps = { sessions, members, estates: new KyselyEstateStore(store.db) };

      expect(await createConsoleLink(deps, { user: `#${li.id}` }, T0)).toMatchObject({
        kind: 'ok',
        member: { id: li.id },
      });
      // The widest role of a person holding several.
      expect(await createConsoleLink(deps, { user: 'line:U1' }, T0)).toMatchObject({
        kind: 'ok',
        member: { role: 'admin' },
      });
      expect(await createConsoleLink(deps, { user: 'Li', role: 'committee' }, T0)).toMatchObject({
        kind: 'ok',
        member: { role: 'committee' },
      });
      expect(await createConsoleLink(deps, { user: String(group.id) }, T0)).toEqual({
        kind: 'invalid',
        reason: 'group',
      });
      expect(await createConsoleLink(deps, { user: '#9999' }, T0)).toEqual({ kind: 'invalid', reason: 'name' });
      expect(await createConsoleLink(deps, { user: 'Li', estate: 'Bad_Code' }, T0)).toEqual({
        kind: 'invalid',
        reason: 'estate',
      });

      const created = await createConsoleLink(deps, { user: '前台 小张', role: 'staff' }, T0);
      expect(created).toMatchObject({
        kind: 'ok',
        created: true,
        member: { platform: WEB_PLATFORM, subjectId: '前台 小张', role: 'staff' },
      });
      expect(await createConsoleLink(deps, { user: '前台 小张' }, T0)).toMatchObject({ kind: 'ok', created: false });
      expect(await createConsoleLink(deps, { user: '<script>' }, T0)).toEqual({ kind: 'invalid', reason: 'name' });

      await members.revoke({ kind: 'id', id: li.id }, T0);
      expect(await createConsoleLink(deps, { user: `#${li.id}` }, T0)).toMatchObject({ kind: 'revoked' });
    });

    it('creates a console-only street member for a street only: one without a street would read no estate', async () => {
      const estates = new KyselyEstateStore(store.db);
      await estates.add('lincheng-1', { ...ESTATE_FIELDS, street: '临城街道' }, T0);
      await estates.add('hexi-1', { ...ESTATE_FIELDS, name: '河西一区', street: '河西街道' }, T0);
      const deps = { sessions, members, estates };

      expect(await createConsoleLink(deps, { user: '街道老李', role: 'street' }, T0)).toEqual({
        kind: 'invalid',
        reason: 'street',
      });
      expect(await createConsoleLink(deps, { user: '街道老李', role: 'street', street: '东城街道' }, T0)).toEqual({
        kind: 'unknown-street',
        streets: ['临城街道', '河西街道'],
      });
      expect(await createConsoleLink(deps, { user: '前台小张', role: 'staff', street: '临城街道' }, T0)).toEqual({
        kind: 'invalid',
        reason: 'street',
      });
      expect((await members.list()).filter((m) => m.platform === WEB_PLATFORM)).toEqual([]);

      const linCheng = await createConsoleLink(deps, { user: '街道老李', role: 'street', street: '临城街道' }, T0);
      expect(linCheng).toMatchObject({ kind: 'ok', created: true, member: { role: 'street', street: '临城街道' } });
      // The same person for a second street: a second role, and each link names its own.
      const heXi = await createConsoleLink(deps, { user: '街道老李', role: 'street', street: '河西街道' }, T0);
      expect(heXi).toMatchObject({ kind: 'ok', created: true, member: { role: 'street', street: '河西街道' } });
      expect(await createConsoleLink(deps, { user: '街道老李', role: 'street', street: '临城街道' }, T0)).toMatchObject(
        {
          kind: 'ok',
          created: false,
          member: { street: '临城街道' },
        },
      );
      const rows = (await members.list()).filter((m) => m.platform === WEB_PLATFORM);
      expect(rows.map((m) => m.street).sort()).toEqual(['临城街道', '河西街道']);
    });
  });
}
