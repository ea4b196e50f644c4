import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  hashInviteCode,
  JOIN_WINDOW_MS,
  KyselyMemberStore,
  newInviteCode,
  parseMemberSelector,
} from '../../src/store/member-store.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-03-02T01:00:00.000Z');
const DAY = 86_400_000;
const IN_3_DAYS = new Date(T0.getTime() + 3 * DAY);

const alice = { platform: 'telegram', kind: 'user', id: '100', displayName: 'Alice' } as const;
const bob = { platform: 'telegram', kind: 'user', id: '200' } as const;
const staffGroup = { platform: 'telegram', kind: 'group', id: '-1001' } as const;

describe('invite codes', () => {
  it('are three dash-separated groups from an alphabet without look-alikes', () => {
    for (let i = 0; i < 50; i++)
      expect(newInviteCode()).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{2}$/);
  });

  it('hash the same whatever the case, spaces and dashes', () => {
    expect(hashInviteCode('k7qm 3xta pw')).toBe(hashInviteCode('K7QM-3XTA-PW'));
    expect(hashInviteCode('K7QM3XTAPW')).toBe(hashInviteCode('K7QM-3XTA-PW'));
    expect(hashInviteCode('K7QM-3XTA-PX')).not.toBe(hashInviteCode('K7QM-3XTA-PW'));
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: member store`, () => {
    let store: TestStore;
    let members: KyselyMemberStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
      members = new KyselyMemberStore(store.db);
    });
    beforeEach(() => store.reset());
    afterAll(() => store.cleanup());

    it('stores an invite only as a hash: the plain code is nowhere in the table', async () => {
      const { code, expiresAt } = await members.createInvite('staff', IN_3_DAYS, T0);
      expect(expiresAt).toEqual(IN_3_DAYS);
      const rows = await store.db.selectFrom('invites').selectAll().execute();
      expect(rows).toHaveLength(1);
      const stored = JSON.stringify(rows).toUpperCase();
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace(/-/g, ''));
      expect(rows[0]).toMatchObject({ code_hash: hashInviteCode(code), role: 'staff', used_at: null });
    });

    it('grants the role once: the same code does not work a second time', async () => {
      const { code } = await members.createInvite('staff', IN_3_DAYS, T0);
      const granted = await members.redeem(code, alice, T0);
      expect(granted).toMatchObject({
        kind: 'granted',
        member: {
          platform: 'telegram',
          subjectKind: 'user',
          subjectId: '100',
          role: 'staff',
          displayName: 'Alice',
          grantedAt: T0,
        },
      });
      expect(await members.redeem(code, bob, T0)).toEqual({ kind: 'invalid' });
      expect(await members.redeem(code, alice, T0)).toEqual({ kind: 'invalid' });
      expect(await members.rolesOf('telegram', '100')).toEqual(['staff']);
      expect(await members.rolesOf('telegram', '200')).toEqual([]);
      const invite = await store.db.selectFrom('invites').selectAll().executeTakeFirstOrThrow();
      expect(invite.used_at).toBe(T0.toISOString());
      expect(invite.used_by_member_id).toBe(granted.kind === 'granted' ? granted.member.id : -1);
    });

    it('accepts a code typed in lower case, without dashes or with spaces', async () => {
      const first = await members.createInvite('committee', IN_3_DAYS, T0);
      const second = await members.createInvite('party_branch', IN_3_DAYS, T0);
      expect((await members.redeem(first.code.toLowerCase(), alice, T0)).kind).toBe('granted');
      expect((await members.redeem(` ${second.code.replace(/-/g, ' ')} `, alice, T0)).kind).toBe('granted');
      expect((await members.rolesOf('telegram', '100')).sort()).toEqual(['committee', 'party_branch']);
    });

    it('calls an expired code and an unknown code invalid alike', async () => {
      const { code } = await members.createInvite('admin', IN_3_DAYS, T0);
      expect(await members.redeem(code, alice, IN_3_DAYS)).toEqual({ kind: 'invalid' });
      expect(await members.redeem(code, alice, new Date(IN_3_DAYS.getTime() + 1))).toEqual({ kind: 'invalid' });
      expect(await members.redeem('AAAA-BBBB-CC', alice, T0)).toEqual({ kind: 'invalid' });
      expect(await members.redeem('', alice, T0)).toEqual({ kind: 'invalid' });
      expect(await members.rolesOf('telegram', '100')).toEqual([]);
      // The expired invite is still unused: nothing was consumed.
      expect((await store.db.selectFrom('invites').select('used_at').executeTakeFirstOrThrow()).used_at).toBeNull();
    });

    it('tells an existing member so without using up the code', async () => {
      const first = await members.createInvite('staff', IN_3_DAYS, T0);
      const second = await members.createInvite('staff', IN_3_DAYS, T0);
      await members.redeem(first.code, alice, T0);
      expect(await members.redeem(second.code, alice, T0)).toMatchObject({
        kind: 'already-member',
        member: { subjectId: '100', role: 'staff' },
      });
      expect((await members.redeem(second.code, bob, T0)).kind).toBe('granted');
    });

    it('lets exactly one of two chats racing for one code win', async () => {
      const { code } = await members.createInvite('staff', IN_3_DAYS, T0);
      const elsewhere = new KyselyMemberStore(store.reopen().db);
      const results = await Promise.all([
        members.redeem(code, alice, T0),
        elsewhere.redeem(code, bob, T0),
        members.redeem(code, staffGroup, T0),
      ]);
      expect(results.filter((r) => r.kind === 'granted')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'invalid')).toHaveLength(2);
      expect(await store.db.selectFrom('members').selectAll().execute()).toHaveLength(1);
    });

    it('registers a group chat for a role', async () => {
      const { code } = await members.createInvite('staff', IN_3_DAYS, T0);
      const result = await members.redeem(code, staffGroup, T0);
      expect(result.kind).toBe('granted');
      expect((await members.groups('staff')).map((m) => [m.subjectKind, m.subjectId])).toEqual([['group', '-1001']]);
      expect(await members.groups('committee')).toEqual([]);
      // A group is not a person: it holds no personal roles.
      expect(await members.rolesOf('telegram', '-1001')).toEqual([]);
      expect(await members.find('telegram', 'group', '-1001', 'staff')).toEqual(
        result.kind === 'granted' ? result.member : undefined,
      );
      expect(await members.findById(result.kind === 'granted' ? result.member.id : -1)).toEqual(
        result.kind === 'granted' ? result.member : undefined,
      );
    });

    it('revokes by id or by platform:id; a revoked member is found nowhere but in the full list', async () => {
      const T1 = new Date(T0.getTime() + DAY);
      const a = await members.grant(alice, 'staff', T0);
      await members.grant(alice, 'admin', T0);
      const group = await members.grant(staffGroup, 'staff', T0);
      expect(await members.revoke({ kind: 'id', id: group.id }, T1)).toEqual([{ ...group, revokedAt: T1 }]);
      expect(await members.revoke({ kind: 'id', id: group.id }, T1)).toEqual([]);
      expect(await members.groups('staff')).toEqual([]);
      expect(await members.find('telegram', 'group', '-1001')).toBeUndefined();

      expect(
        (await members.revoke({ kind: 'subject', platform: 'telegram', subjectId: '100' }, T1)).map((m) => m.role),
      ).toEqual(['staff', 'admin']);
      expect(await members.rolesOf('telegram', '100')).toEqual([]);
      expect(await members.findByName('telegram', 'Alice', ['staff', 'admin'])).toBeUndefined();
      expect((await members.list()).map((m) => [m.id, m.revokedAt])).toEqual([
        [a.id, T1],
        [a.id + 1, T1],
        [group.id, T1],
      ]);
    });

    it('grants a revoked role again on the same row, by invite or directly', async () => {
      const T1 = new Date(T0.getTime() + DAY);
      const T2 = new Date(T0.getTime() + 2 * DAY);
      const first = await members.grant(alice, 'staff', T0);
      await members.revoke({ kind: 'id', id: first.id }, T1);
      const { code } = await members.createInvite('staff', IN_3_DAYS, T0);
      expect(await members.redeem(code, alice, T2)).toMatchObject({
        kind: 'granted',
        member: { id: first.id, grantedAt: T2, revokedAt: null },
      });
      await members.revoke({ kind: 'id', id: first.id }, T2);
      expect(await members.grant(alice, 'staff', T2)).toMatchObject({ id: first.id, revokedAt: null });
      expect(await store.db.selectFrom('members').selectAll().execute()).toHaveLength(1);
    });

    it('reads member selectors: ids and platform:id', () => {
      expect(parseMemberSelector('12')).toEqual({ kind: 'id', id: 12 });
      expect(parseMemberSelector(' #7 ')).toEqual({ kind: 'id', id: 7 });
      expect(parseMemberSelector('Telegram:-100123')).toEqual({
        kind: 'subject',
        platform: 'telegram',
        subjectId: '-100123',
      });
      expect(parseMemberSelector('line:U4af4980629')).toEqual({
        kind: 'subject',
        platform: 'line',
        subjectId: 'U4af4980629',
      });
      for (const bad of ['', 'wang', '#', '12 13', ':x']) expect(parseMemberSelector(bad), bad).toBeUndefined();
    });

    it("counts a chat's failed /join attempts within the window, and forgets older ones", async () => {
      for (let i = 0; i < 3; i++)
        await members.recordJoinAttempt('telegram', '1', 'failed', new Date(T0.getTime() + i * 60_000));
      await members.recordJoinAttempt('telegram', '2', 'failed', T0);
      await members.recordJoinAttempt('telegram', '1', 'refused', new Date(T0.getTime() + 3 * 60_000));
      expect(await members.joinFailuresSince('telegram', '1', new Date(T0.getTime() - 1))).toHaveLength(3);
      expect(await members.joinFailuresSince('telegram', '1', T0)).toHaveLength(2);
      expect(await members.lastJoinRefusalSince('telegram', '1', T0)).toEqual(new Date(T0.getTime() + 3 * 60_000));
      await members.recordJoinAttempt('telegram', '1', 'failed', new Date(T0.getTime() + JOIN_WINDOW_MS + 90_000));
      const left = await store.db
        .selectFrom('join_attempts')
        .select(['chat_id', 'attempted_at'])
        .orderBy('id')
        .execute();
      // Chat 1's attempts at T0 and T0+1 min left the window; chat 2's are left for chat 2 to prune.
      expect(left.map((r) => [r.chat_id, (new Date(r.attempted_at).getTime() - T0.getTime()) / 60_000])).toEqual([
        ['1', 2],
        ['2', 0],
        ['1', 3],
        ['1', 16.5],
      ]);
    });
  });
}
