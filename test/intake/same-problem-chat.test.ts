import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createHarness, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

/** Two neighbours describing one problem in their own words, or two problems that look alike (issue 18). */
const PAIRS: ReadonlyArray<[first: string, second: string, same: boolean]> = [
  ['7号楼一单元楼梯间漏水，台阶上全是水', '7栋楼梯上一滩水，不知道哪来的', true],
  ['二十号楼楼道灯不亮', '20栋楼道的灯坏了好几天', true],
  ['6号楼2单元停水了，我是李阿姨，住302', '6号楼也没水了', true],
  ['北门垃圾桶满了没人倒', '北门口的垃圾箱溢出来了', true],
  ['Block 9 has had no water since noon', '9号楼中午开始停水', true],
  ['11号楼电梯坏了', '11号楼单元门坏了', false],
  ['3号楼电梯里有人被困', '3号楼电梯按钮不亮', false],
  // Places the matcher reads that the classifier does not keep: a zone or phase alone, a level under
  // ground (the car park), the side of the estate's wall; the candidates are looked for there too.
  ['五期H区的路灯不亮了', '五期H区那边的路灯坏了', true],
  ['五期H区的路灯不亮了', '六期H区的路灯不亮了', false],
  ['地库负二层B区的灯全灭了', '地下二层B区黑漆漆的 灯都不亮', true],
  ['地下二层B区黑漆漆的 灯都不亮', '地库负二层B区的灯全灭了', true],
  ['小区东侧围墙塌了一段', '东围墙倒了一截', true],
];

for (const dialect of DIALECTS) {
  describe(`${dialect}: a neighbour's report joins the open ticket of the same problem`, () => {
    let store: TestStore;
    let h: Harness;
    const tickets = () => new KyselyTicketStore(store.db);
    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it.each(PAIRS)('%s / %s → same problem: %s', async (first, second, same) => {
      await h.say('alice', first);
      await h.say('bob', second);
      const all = await tickets().list();
      expect(all).toHaveLength(same ? 1 : 2);
      if (same) {
        expect(await tickets().reporterCount(all[0]!.id)).toBe(2);
        expect(h.inbox('bob')[0]).toMatch(/1 位邻居|1 neighbour/);
      }
    });

    it('joins across categories when the object and fault agree, and keeps the first ticket', async () => {
      await h.say('alice', '7号楼一单元楼梯间漏水，台阶上全是水');
      const [ticket] = await tickets().list();
      await h.say('bob', '7栋楼梯上一滩水，不知道哪来的');
      await h.say('carol', '7号楼楼梯间的灯不亮');
      const all = await tickets().list();
      expect(all.map((t) => t.reference)).toContain(ticket!.reference);
      expect(await tickets().reporterCount(ticket!.id)).toBe(2);
      expect(all).toHaveLength(2);
    });
  });
}
