import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signInWithLink } from '../../src/console/sign-in-with-link.ts';
import { consoleMessages } from '../../src/i18n/console-messages.ts';
import { KyselyConsoleSessionStore } from '../../src/store/console-session-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /console in the chat`, () => {
    let store: TestStore;
    let h: Harness;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    afterAll(async () => {
      await store.cleanup();
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store, {
        env: { PUBLIC_URL: 'https://linli.example.org', TELEGRAM_WEBHOOK_SECRET: 's' },
      });
      await h.registerStaff('staff-room', ['wang']);
    });

    it('sends a staff member a one-time link in their private chat, in their language, that signs them in once', async () => {
      await h.say('wang', '/lang en');
      await h.say('wang', '/console');
      const text = h.inbox('wang').at(-1)!;
      expect(text).toContain('valid 10 minutes, works once');
      const url = new URL(/https:\/\/\S+/.exec(text)![0]);
      expect(url.origin + url.pathname).toBe('https://linli.example.org/console/login');
      const sessions = new KyselyConsoleSessionStore(store.db);
      const token = url.searchParams.get('token')!;
      expect((await signInWithLink(sessions, token, '10.0.0.1', h.clock.now())).kind).toBe('signed-in');
      expect((await signInWithLink(sessions, token, '10.0.0.1', h.clock.now())).kind).toBe('refused');
      const link = await store.db.selectFrom('console_links').select('member_id').executeTakeFirstOrThrow();
      const wang = await new KyselyMemberStore(store.db).find(PLATFORM, 'user', 'wang', 'staff');
      expect(link.member_id).toBe(wang!.id);
    });

    it('gives a resident no link, and never posts one in a group', async () => {
      await h.say('resident', '/console');
      expect(h.inbox('resident').at(-1)).toBe(consoleMessages('zh-CN').chat.membersOnly);
      await h.sayInGroup('staff-room', 'wang', '/console');
      expect(h.groupTexts('staff-room').at(-1)).toBe(consoleMessages('zh-CN').chat.privateOnly);
      expect(await store.db.selectFrom('console_links').selectAll().execute()).toEqual([]);
    });
  });
}
