import { expect, it } from 'vitest';
import type { EstateFields } from '../../../src/estates/estate.ts';
import { JOIN_WINDOW_MS, type Subject } from '../../../src/members/member.ts';
import { after, T0, type Backend } from './backends.ts';

const NO_SETTINGS = { emergencyNumbers: null, deadlines: null, workingHours: null };
const fields = (name: string, street: string | null = null): EstateFields => ({
  name,
  community: null,
  street,
  settings: NO_SETTINGS,
});

/** The EstateStore port's contract. */
export function estateStoreContract(b: Backend): void {
  it('has the estate `default` first, adds estates once per code and finds them', async () => {
    await b.ports(async ({ estates }) => {
      expect(await estates.list()).toMatchObject([{ id: 1, code: 'default', name: null, settings: NO_SETTINGS }]);
      const north = await estates.add('north', fields('北苑', '城关街道'), T0);
      expect(north).toMatchObject({ kind: 'added', estate: { code: 'north', name: '北苑', street: '城关街道' } });
      if (north.kind !== 'added') throw new Error('not added');
      expect(north.estate.createdAt).toEqual(T0);
      expect(await estates.add('north', fields('又一个'), T0)).toEqual({ kind: 'exists' });
      await estates.add('south', fields('南苑'), T0);
      expect((await estates.list()).map((e) => e.code)).toEqual(['default', 'north', 'south']);
      expect(await estates.findByCode('north')).toEqual(north.estate);
      expect(await estates.findById(north.estate.id)).toEqual(north.estate);
      expect(await estates.findByCode('nowhere')).toBeUndefined();
      expect(await estates.findById(9999)).toBeUndefined();
    });
  });

  it('changes only the fields given; a null clears one', async () => {
    await b.ports(async ({ estates }) => {
      await estates.add('north', { ...fields('北苑'), community: '城关社区' }, T0);
      const changed = await estates.update('north', {
        community: null,
        settings: { ...NO_SETTINGS, workingHours: '08:00-17:00' },
      });
      expect(changed).toMatchObject({
        name: '北苑',
        community: null,
        settings: { workingHours: '08:00-17:00', deadlines: null },
      });
      expect(await estates.update('north', {})).toEqual(changed);
      expect(await estates.findByCode('north')).toEqual(changed);
      expect(await estates.update('nowhere', { name: 'x' })).toBeUndefined();
    });
  });
}

/** The ResidentStore port's contract. */
export function residentStoreContract(b: Backend): void {
  const identity = { platform: 'test', platformUserId: 'u1', chatId: 'c1', displayName: 'Ann' };

  it('creates a resident on first contact and finds the same one after', async () => {
    await b.ports(async ({ residents }) => {
      const ann = await residents.findOrCreate(identity, T0);
      expect(ann).toMatchObject({ displayName: 'Ann', locale: null, estateId: null, createdAt: T0 });
      expect(await residents.findOrCreate({ ...identity, displayName: 'Other' }, after(1))).toEqual(ann);
      const bob = await residents.findOrCreate({ ...identity, platform: 'line' }, T0);
      expect(bob.id).not.toBe(ann.id);
      expect(await residents.findById(ann.id)).toEqual(ann);
      expect(await residents.findById(9999)).toBeUndefined();
      expect(await residents.addresses(9999)).toEqual([]);
    });
  });

  it("keeps an identity's latest chat and language hint, a locale and an estate", async () => {
    await b.ports(async ({ residents, estates }) => {
      const ann = await residents.findOrCreate({ ...identity, languageHint: 'zh' }, T0);
      expect(await residents.addresses(ann.id)).toEqual([
        { platform: 'test', platformUserId: 'u1', chatId: 'c1', languageHint: 'zh' },
      ]);
      await residents.findOrCreate({ ...identity, chatId: 'c2' }, after(1));
      expect((await residents.addresses(ann.id))[0]).toMatchObject({ chatId: 'c2', languageHint: 'zh' });
      await residents.findOrCreate({ ...identity, chatId: 'c2', languageHint: 'en' }, after(2));
      expect((await residents.addresses(ann.id))[0]).toMatchObject({ chatId: 'c2', languageHint: 'en' });
      await residents.setLocale(ann.id, 'zh-TW');
      const north = await estates.add('north', fields('北苑'), T0);
      if (north.kind !== 'added') throw new Error('not added');
      await residents.setEstate(ann.id, north.estate.id);
      expect(await residents.findById(ann.id)).toMatchObject({ locale: 'zh-TW', estateId: north.estate.id });
    });
  });
}

/** The MemberStore port's contract. */
export function memberStoreContract(b: Backend): void {
  const wang: Subject = { platform: 'test', kind: 'user', id: 'wang', displayName: 'Wang' };
  const room: Subject = { platform: 'test', kind: 'group', id: 'room' };

  it('grants a role once per estate, revokes by subject or id, and grants it again on the same row', async () => {
    await b.ports(async ({ members, estates }) => {
      const north = await estates.add('north', fields('北苑'), T0);
      if (north.kind !== 'added') throw new Error('not added');
      const staff = await members.grant(wang, 'staff', T0);
      expect(staff).toMatchObject({
        subjectKind: 'user',
        role: 'staff',
        displayName: 'Wang',
        estateId: 1,
        street: null,
      });
      expect(staff.revokedAt).toBeNull();
      expect(await members.grant({ ...wang, displayName: 'W' }, 'staff', after(1))).toEqual(staff);
      const there = await members.grant(wang, 'staff', T0, north.estate.id);
      expect(there.id).not.toBe(staff.id);
      const admin = await members.grant(wang, 'admin', T0);
      expect((await members.rolesOf('test', 'wang')).sort()).toEqual(['admin', 'staff', 'staff']);
      expect(await members.find('test', 'user', 'wang')).toEqual(staff);
      expect(await members.find('test', 'user', 'wang', 'admin')).toEqual(admin);
      expect(await members.find('test', 'user', 'wang', 'staff', north.estate.id)).toEqual(there);
      expect(await members.find('test', 'group', 'wang')).toBeUndefined();

      expect((await members.revoke({ kind: 'id', id: admin.id }, after(2))).map((m) => m.id)).toEqual([admin.id]);
      expect(await members.revoke({ kind: 'id', id: admin.id }, after(3))).toEqual([]);
      const revoked = await members.revoke({ kind: 'subject', platform: 'test', subjectId: 'wang' }, after(4));
      expect(revoked.map((m) => m.id)).toEqual([staff.id, there.id]);
      expect(revoked[0]!.revokedAt).toEqual(after(4));
      expect(await members.find('test', 'user', 'wang')).toBeUndefined();
      expect(await members.rolesOf('test', 'wang')).toEqual([]);
      expect((await members.list()).map((m) => m.id)).toEqual([staff.id, there.id, admin.id]);
      expect((await members.select({ kind: 'subject', platform: 'test', subjectId: 'wang' })).length).toBe(3);
      expect(await members.findById(admin.id)).toMatchObject({ revokedAt: after(2) });

      const again = await members.grant(wang, 'staff', after(5));
      expect(again).toMatchObject({ id: staff.id, revokedAt: null, grantedAt: after(5) });
    });
  });

  it('lists the group chats of a role, of an estate and of a street', async () => {
    await b.ports(async ({ members, estates }) => {
      const north = await estates.add('north', fields('北苑'), T0);
      if (north.kind !== 'added') throw new Error('not added');
      const staffRoom = await members.grant(room, 'staff', T0);
      await members.grant(wang, 'staff', T0);
      const northRoom = await members.grant({ ...room, id: 'north-room' }, 'staff', T0, north.estate.id);
      const gone = await members.grant({ ...room, id: 'gone' }, 'staff', T0);
      await members.revoke({ kind: 'id', id: gone.id }, T0);
      const street = await members.grant({ ...room, id: 'street-room' }, 'street', T0, undefined, '城关街道');
      expect((await members.groups('staff')).map((m) => m.id)).toEqual([staffRoom.id, northRoom.id]);
      expect((await members.groups('staff', north.estate.id)).map((m) => m.id)).toEqual([northRoom.id]);
      expect(await members.groups('committee')).toEqual([]);
      expect(await members.streetGroups('城关街道')).toEqual([street]);
      expect(street.street).toBe('城关街道');
      expect(await members.streetGroups('别的街道')).toEqual([]);
    });
  });

  it('finds a person by display name in any letter case, of the roles and estate asked', async () => {
    await b.ports(async ({ members }) => {
      const staff = await members.grant(wang, 'staff', T0);
      expect(await members.findByName('test', 'WANG', ['staff', 'admin'])).toEqual(staff);
      expect(await members.findByName('test', 'wang', ['committee'])).toBeUndefined();
      expect(await members.findByName('test', 'wang', ['staff'], 2)).toBeUndefined();
      expect(await members.findByName('line', 'wang', ['staff'])).toBeUndefined();
    });
  });

  it('redeems an invite once, before it expires; an existing member keeps the code unused', async () => {
    await b.ports(async ({ members }) => {
      const invite = await members.createInvite('committee', after(60), T0);
      expect(invite.expiresAt).toEqual(after(60));
      const granted = await members.redeem(invite.code.toLowerCase(), wang, after(1));
      expect(granted).toMatchObject({ kind: 'granted', member: { role: 'committee', subjectId: 'wang', estateId: 1 } });
      expect(await members.redeem(invite.code, room, after(2))).toEqual({ kind: 'invalid' });

      const second = await members.createInvite('committee', after(60), T0);
      expect(await members.redeem(second.code, wang, after(3))).toMatchObject({ kind: 'already-member' });
      expect(await members.redeem(second.code, room, after(4))).toMatchObject({ kind: 'granted' });

      const expired = await members.createInvite('staff', after(10), T0);
      expect(await members.redeem(expired.code, room, after(10))).toEqual({ kind: 'invalid' });
      expect(await members.redeem('ABCD-EFGH-JK', room, after(1))).toEqual({ kind: 'invalid' });

      const street = await members.createStreetInvite('城关街道', after(60), T0);
      expect(await members.redeem(street.code, room, after(5))).toMatchObject({
        kind: 'granted',
        member: { role: 'street', street: '城关街道', subjectKind: 'group' },
      });
    });
  });

  it("counts a chat's failed /join attempts within the window and remembers its last refusal", async () => {
    await b.ports(async ({ members }) => {
      await members.recordJoinAttempt('test', 'c1', 'failed', T0);
      await members.recordJoinAttempt('test', 'c1', 'failed', after(1));
      await members.recordJoinAttempt('test', 'c2', 'failed', after(1));
      await members.recordJoinAttempt('test', 'c1', 'refused', after(2));
      expect(await members.joinFailuresSince('test', 'c1', new Date(T0.getTime() - 1))).toEqual([T0, after(1)]);
      expect(await members.joinFailuresSince('test', 'c1', T0)).toEqual([after(1)]);
      expect(await members.lastJoinRefusalSince('test', 'c1', after(2))).toEqual(after(2));
      expect(await members.lastJoinRefusalSince('test', 'c1', after(3))).toBeUndefined();
      expect(await members.lastJoinRefusalSince('test', 'c2', T0)).toBeUndefined();
      // A new attempt forgets the chat's attempts older than the window.
      const later = new Date(after(1).getTime() + JOIN_WINDOW_MS + 1);
      await members.recordJoinAttempt('test', 'c1', 'failed', later);
      expect(await members.joinFailuresSince('test', 'c1', new Date(0))).toEqual([later]);
      expect(await members.joinFailuresSince('test', 'c2', new Date(0))).toEqual([after(1)]);
    });
  });
}
