import type { IncomingMessage } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { KyselyConsoleSessionStore } from '../store/console-session-store.ts';
import { KyselyConsoleTicketReader } from '../store/console-ticket-reader.ts';
import type { Database } from '../store/schema.ts';
import { createConsoleApp } from './console-app.tsx';
import type { ConsoleHandler } from './console-route.ts';

/**
 * The console's composition root, loaded with the console on its first request: builds the stores
 * and the app, and adapts Hono's fetch handler to the service's node:http server.
 */
export function wireConsole(deps: { db: Kysely<Database>; config: Config; log: Logger; now?: () => Date }): ConsoleHandler {
  const app = createConsoleApp({
    sessions: new KyselyConsoleSessionStore(deps.db),
    tickets: new KyselyConsoleTicketReader(deps.db),
    settings: {
      timeZone: deps.config.timezone,
      defaultLocale: deps.config.defaultLocale,
      publicUrl: deps.config.publicUrl,
      showResidentDetails: deps.config.showResidentDetails,
      idleMinutes: deps.config.consoleIdleMinutes,
      dataDir: deps.config.dataDir,
    },
    now: deps.now ?? (() => new Date()),
    log: deps.log,
  });
  // Our own Request and Response globals stay: other code (the SDKs' fetch) must not see Hono's lighter ones.
  const listener = getRequestListener((request, env) => app.fetch(request, env), { overrideGlobalObjects: false });
  return async (request, body, response) => {
    // The server has read the body already; @hono/node-server takes it from `rawBody`.
    (request as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    await listener(request, response);
  };
}
