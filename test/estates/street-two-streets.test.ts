import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { publishStreetDigest } from '../../src/agenda/street-job.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { addEstate } from '../support/estates.ts';
import { startInProcessConsole } from '../console/console-in-process.ts';

const DAY = 86_400_000;

/*
 * One chat, or one person, serving two streets (街道): the second street's invite grants the role
 * for that street too (it used to find the first street's role and grant nothing); each street's
 * digest reaches the chat, and the console reads both streets' estates.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: the street role for two streets`, () => {
    let store: TestStore;
    let h: Harness;
    let dataDir: string;

    beforeAll(async () => {
      store = await createTestStore(dialect);
      dataDir = mkdtempSync(join(tmpdir(), 'linli-streets-'));
    });
    afterAll(async () => {
      await store.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store, { env: { WORKING_HOURS: '00:00-24:00', DATA_DIR: dataDir } });
      await addEstate(store.db, 'east', '东苑', h.clock.now(), { street: '东街道' });
      await addEstate(store.db, 'west', '西苑', h.clock.now(), { street: '西街道' });
      await h.say('amy', '/start east');
      await h.say('amy', '3号楼电梯坏了，一直停在5楼');
      await h.say('bob', '/start west');
      await h.say('bob', '7号楼门口路灯坏了');
    });

    /** `/join` with a street invite (as `linli invite --role street --street NAME` makes). */
    const joinStreet = async (street: string, say: (text: string) => Promise<void>) => {
      const { code } = await new KyselyMemberStore(store.db).createStreetInvite(
        street,
        new Date(h.clock.now().getTime() + DAY),
        h.clock.now(),
      );
      await say(`/join ${code}`);
    };

    it("registers a chat for a second street, and each street's digest reaches it", async () => {
      await joinStreet('东街道', (text) => h.sayInGroup('jiedao-room', 'zhang', text));
      await joinStreet('西街道', (text) => h.sayInGroup('jiedao-room', 'zhang', text));
      const members = new KyselyMemberStore(store.db);
      const groups = (await members.list()).filter((m) => m.subjectId === 'jiedao-room');
      expect(groups.map((m) => [m.role, m.street])).toEqual([
        ['street', '东街道'],
        ['street', '西街道'],
      ]);
      // A code for a street the chat already has grants nothing new.
      await joinStreet('西街道', (text) => h.sayInGroup('jiedao-room', 'zhang', text));
      expect((await members.list()).filter((m) => m.subjectId === 'jiedao-room')).toHaveLength(2);

      const deps = { unitOfWork: new KyselyUnitOfWork(store.db), config: h.core.config };
      h.clock.advance(7 * DAY);
      const now = h.clock.now();
      for (const street of ['东街道', '西街道'])
        expect(await publishStreetDigest(deps, street, '2026-W48', now)).toMatchObject({
          kind: 'published',
          chats: 1,
        });
      await h.settle();
      const received = h.groupTexts('jiedao-room').join('\n');
      expect(received).toContain('东苑');
      expect(received).toContain('西苑');
    });

    it("lets a person of two streets read both streets' estates in the console", async () => {
      await joinStreet('东街道', (text) => h.say('zhang', text));
      await joinStreet('西街道', (text) => h.say('zhang', text));
      const held = (await new KyselyMemberStore(store.db).list()).filter((m) => m.subjectId === 'zhang');
      expect(held.map((m) => m.street)).toEqual(['东街道', '西街道']);

      const web = await startInProcessConsole(store, h);
      try {
        const reader = await web.signIn(`${PLATFORM}:zhang`);
        const list = await (await reader.request('/console/?lang=zh-CN')).text();
        for (const ticket of await new KyselyTicketStore(store.db).list()) expect(list).toContain(ticket.reference);
        expect(list).toContain('东街道、西街道：2 个小区，只读');
      } finally {
        await web.close();
      }
    });
  });
}
