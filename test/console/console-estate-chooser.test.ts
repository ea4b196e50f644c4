import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { twoEstates } from '../support/estates.ts';
import { startInProcessConsole, type InProcessConsole } from './console-in-process.ts';
import { ConsoleClient } from './console-support.ts';

/*
 * A person with roles in two estates signs in to the console (by the link `/console` sends in their
 * private chat, naming no estate): they choose the estate to work in, and can switch; a person of one
 * estate goes straight to the tickets.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: console estate chooser (real HTTP)`, () => {
    let store: TestStore;
    let h: Harness;
    let web: InProcessConsole;
    let north: number;
    let south: number;
    let northTicket: Ticket;
    let southTicket: Ticket;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(async () => {
      await store.cleanup();
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store, { env: { WORKING_HOURS: '00:00-24:00' } });
      ({ north, south, northTicket, southTicket } = await twoEstates(store.db, h));
      await new KyselyMemberStore(store.db).grant(
        { platform: PLATFORM, kind: 'user', id: 'wang', displayName: 'wang' },
        'admin',
        h.clock.now(),
        south,
      );
      web = await startInProcessConsole(store, h);
      return () => web.close();
    });

    /** Signs in with the link the bot sends for `/console` in the person's private chat. */
    const signInFromChat = async (user: string): Promise<{ client: ConsoleClient; location: string | null }> => {
      await h.say(user, '/console');
      const url = /https?:\/\/\S+/.exec(h.inbox(user).at(-1)!)![0];
      const client = new ConsoleClient(web.url, { 'accept-language': 'zh-CN' });
      const signedIn = await client.signIn(url);
      expect(signedIn.status).toBe(303);
      return { client, location: signedIn.headers.get('location') };
    };

    it('lets a person of two estates choose where to work after signing in, and switch, each estate with its own role', async () => {
      const { client: wang, location } = await signInFromChat('wang');
      expect(location).toBe('/console/estates');
      const chooser = await (await wang.request('/console/estates')).text();
      expect(chooser).toContain('北苑');
      expect(chooser).toContain('南苑');
      expect(chooser).toContain('href="/console/estates"');
      const members = new KyselyMemberStore(store.db);
      const inSouth = (await members.find(PLATFORM, 'user', 'wang', 'admin', south))!;

      const switched = await wang.request('/console/estates', {
        form: { csrf: ConsoleClient.csrfOf(chooser), member: String(inSouth.id) },
      });
      expect(switched.status).toBe(303);
      expect(switched.headers.get('location')).toBe('/console/');
      const list = await (await wang.request('/console/')).text();
      expect(list).toContain(southTicket.reference);
      expect(list).not.toContain(northTicket.reference);
      expect(list).toContain('南苑'); // the header says where the session works
      // With the role held there: an admin of the south acts on its tickets and sees its admin pages.
      expect(list).toContain('href="/console/members"');
      const page = await (await wang.request(`/console/tickets/${southTicket.reference}`)).text();
      expect(page).toContain(`action="/console/tickets/${southTicket.reference}/act"`);
      expect((await wang.request(`/console/tickets/${northTicket.reference}`)).status).toBe(404);

      // Back to the north: its ticket, the staff role, no admin pages.
      const again = await (await wang.request('/console/estates')).text();
      const inNorth = (await members.find(PLATFORM, 'user', 'wang', 'staff', north))!;
      await wang.request('/console/estates', {
        form: { csrf: ConsoleClient.csrfOf(again), member: String(inNorth.id) },
      });
      const northList = await (await wang.request('/console/')).text();
      expect(northList).toContain(northTicket.reference);
      expect(northList).not.toContain(southTicket.reference);
      expect(northList).not.toContain('href="/console/members"');
    });

    it('refuses a role that is not the person’s, and ends the old session when switching', async () => {
      const { client: wang } = await signInFromChat('wang');
      const chooser = await (await wang.request('/console/estates')).text();
      const csrf = ConsoleClient.csrfOf(chooser);
      const li = (await new KyselyMemberStore(store.db).find(PLATFORM, 'user', 'li', 'staff', south))!;
      expect((await wang.request('/console/estates', { form: { csrf, member: String(li.id) } })).status).toBe(404);

      const old = new ConsoleClient(web.url);
      for (const [name, value] of wang.cookies) old.cookies.set(name, value);
      const inSouth = (await new KyselyMemberStore(store.db).find(PLATFORM, 'user', 'wang', 'admin', south))!;
      await wang.request('/console/estates', { form: { csrf, member: String(inSouth.id) } });
      expect((await wang.request('/console/')).status).toBe(200);
      expect((await old.request('/console/')).status).toBe(303);
    });

    it('sends a street member from the chat to every estate of the street, read only', async () => {
      await store.db.updateTable('estates').set({ street: '临城街道' }).where('id', 'in', [north, south]).execute();
      await new KyselyMemberStore(store.db).grant(
        { platform: PLATFORM, kind: 'user', id: 'zhou', displayName: 'zhou' },
        'street',
        h.clock.now(),
        undefined,
        '临城街道',
      );
      const { client: zhou, location } = await signInFromChat('zhou');
      expect(location).toBe('/console/');
      const list = await (await zhou.request('/console/')).text();
      expect(list).toContain(northTicket.reference);
      expect(list).toContain(southTicket.reference);
      const page = await (await zhou.request(`/console/tickets/${southTicket.reference}`)).text();
      expect(page).not.toContain(`action="/console/tickets/${southTicket.reference}/act"`);
    });

    it('sends a person of one estate straight to the tickets, with no chooser', async () => {
      const { client: li, location } = await signInFromChat('li');
      expect(location).toBe('/console/');
      const list = await (await li.request('/console/')).text();
      expect(list).toContain(southTicket.reference);
      expect(list).not.toContain('href="/console/estates"');
      const chooser = await li.request('/console/estates');
      expect(chooser.status).toBe(303);
      expect(chooser.headers.get('location')).toBe('/console/');
    });
  });
}
