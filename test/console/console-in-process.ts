import pino from 'pino';
import { consoleRoutes } from '../../src/console/console-route.ts';
import { wireConsole } from '../../src/console/console-wiring.ts';
import { createConsoleLink } from '../../src/console/create-console-link.ts';
import { HttpServer } from '../../src/http/server.ts';
import { KyselyConsoleSessionStore } from '../../src/store/console-session-store.ts';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import type { Harness } from '../support/core-harness.ts';
import type { TestStore } from '../support/databases.ts';
import { ConsoleClient } from './console-support.ts';

/**
 * The console served over real HTTP in the test's own process, on a chat harness's core: the chat and
 * the console then share one database and one (fake) clock, so what one does the other sees at once.
 */
export interface InProcessConsole {
  url: string;
  /** A client signed in (by a one-time link, as `linli console-link --user NAME` makes) as `user`. */
  signIn(user: string): Promise<ConsoleClient>;
  close(): Promise<void>;
}

export async function startInProcessConsole(store: TestStore, h: Harness): Promise<InProcessConsole> {
  const server = new HttpServer(pino({ level: 'silent' }));
  for (const route of consoleRoutes(async () => wireConsole({ db: store.db, core: h.core }))) server.add(route);
  const { port } = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async signIn(user) {
      const link = await createConsoleLink(
        {
          sessions: new KyselyConsoleSessionStore(store.db),
          members: new KyselyMemberStore(store.db),
          estates: new KyselyEstateStore(store.db),
        },
        { user },
        h.clock.now(),
      );
      if (link.kind !== 'ok') throw new Error(`no console link for ${user}: ${link.kind}`);
      const client = new ConsoleClient(url);
      const response = await client.signIn(`${url}/console/login?token=${link.token}`);
      if (response.status !== 303) throw new Error(`sign-in as ${user} answered ${response.status}`);
      return client;
    },
    close: () => server.close(),
  };
}

/** The text of an HTML fragment: tags dropped, the entities the console writes decoded, spaces squeezed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
