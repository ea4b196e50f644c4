import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyResidentStore } from '../../src/store/resident-store.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-11-23T02:00:00.000Z');
const NO_SETTINGS = { emergencyNumbers: null, deadlines: null, workingHours: null };

for (const dialect of DIALECTS) {
  describe(`${dialect}: estate store`, () => {
    let store: TestStore;
    let estates: KyselyEstateStore;
    beforeAll(async () => {
      store = await createTestStore(dialect);
      estates = new KyselyEstateStore(store.db);
    });
    beforeEach(() => store.reset());
    afterAll(() => store.cleanup());

    it('has the estate "default" from the start, unnamed so COMMUNITY_NAME names it', async () => {
      expect(await estates.list()).toMatchObject([{ id: 1, code: 'default', name: null, settings: NO_SETTINGS }]);
    });

    it('adds estates with their names and settings, refuses a code twice, and finds them by code and id', async () => {
      const added = await estates.add(
        'lincheng-1',
        {
          name: '临城一号院',
          community: '临城社区',
          street: '临城街道',
          settings: { emergencyNumbers: 'gas=96777', deadlines: null, workingHours: '08:30-17:30' },
        },
        T0,
      );
      expect(added).toMatchObject({ kind: 'added', estate: { code: 'lincheng-1', name: '临城一号院' } });
      expect(
        await estates.add('lincheng-1', { name: 'x', community: null, street: null, settings: NO_SETTINGS }, T0),
      ).toEqual({ kind: 'exists' });
      const found = await estates.findByCode('lincheng-1');
      expect(found).toEqual({
        id: expect.any(Number),
        code: 'lincheng-1',
        name: '临城一号院',
        community: '临城社区',
        street: '临城街道',
        settings: { emergencyNumbers: 'gas=96777', deadlines: null, workingHours: '08:30-17:30' },
        createdAt: T0,
      });
      expect(await estates.findById(found!.id)).toEqual(found);
      expect((await estates.list()).map((e) => e.code)).toEqual(['default', 'lincheng-1']);
      expect(await estates.findByCode('nowhere')).toBeUndefined();
    });

    it('changes only the fields given; a null setting follows the install again', async () => {
      await estates.add(
        'north',
        { name: 'North', community: null, street: 'S', settings: { ...NO_SETTINGS, workingHours: '08:00-17:00' } },
        T0,
      );
      const updated = await estates.update('north', { community: 'C', settings: { ...NO_SETTINGS, deadlines: '{}' } });
      expect(updated).toMatchObject({
        name: 'North',
        community: 'C',
        street: 'S',
        settings: { emergencyNumbers: null, deadlines: '{}', workingHours: null },
      });
      expect(await estates.update('default', { name: '幸福里' })).toMatchObject({ code: 'default', name: '幸福里' });
      expect(await estates.update('nowhere', { name: 'x' })).toBeUndefined();
    });

    it('gives an invite its estate, and the role redeemed with it the same estate', async () => {
      const { estate } = (await estates.add(
        'south',
        { name: 'South', community: null, street: null, settings: NO_SETTINGS },
        T0,
      )) as { estate: { id: number } };
      const members = new KyselyMemberStore(store.db);
      const { code } = await members.createInvite('staff', new Date(T0.getTime() + 86_400_000), T0, estate.id);
      const redeemed = await members.redeem(code, { platform: 'telegram', kind: 'group', id: '-5' }, T0);
      expect(redeemed).toMatchObject({ kind: 'granted', member: { estateId: estate.id } });
      const plain = await members.grant({ platform: 'telegram', kind: 'user', id: '9' }, 'admin', T0);
      expect(plain.estateId).toBe(1);
      const there = await members.grant({ platform: 'telegram', kind: 'user', id: '10' }, 'staff', T0, estate.id);
      expect(there.estateId).toBe(estate.id);
    });

    it("binds a resident to an estate; a new resident's estate is unknown", async () => {
      const { estate } = (await estates.add(
        'east',
        { name: 'East', community: null, street: null, settings: NO_SETTINGS },
        T0,
      )) as { estate: { id: number } };
      const residents = new KyselyResidentStore(store.db);
      const identity = { platform: 'telegram', platformUserId: '42', chatId: '42' };
      const resident = await residents.findOrCreate(identity, T0);
      expect(resident.estateId).toBeNull();
      await residents.setEstate(resident.id, estate.id);
      expect((await residents.findOrCreate(identity, T0)).estateId).toBe(estate.id);
      expect((await residents.findById(resident.id))?.estateId).toBe(estate.id);
    });
  });
}
