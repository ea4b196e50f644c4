import type { IncomingMessage } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Kysely } from 'kysely';
import { KyselyConsoleAgendaReader } from '../store/console-agenda-reader.ts';
import { decideFromConsole } from './decide-from-console.ts';
import { inviteFromConsole, revokeFromConsole } from './manage-members.ts';
import { KyselyConsoleFiguresReader } from '../store/console-figures-reader.ts';
import { KyselyConsoleSessionStore } from '../store/console-session-store.ts';
import { KyselyConsoleTicketReader } from '../store/console-ticket-reader.ts';
import { KyselyEstateStore } from '../store/estate-store.ts';
import { KyselyMemberStore } from '../store/member-store.ts';
import type { Database } from '../store/schema.ts';
import type { Core } from '../turn/core.ts';
import { actOnTicket } from './act-on-ticket.ts';
import { createConsoleApp } from './console-app.tsx';
import type { ConsoleHandler } from './console-route.ts';
import { workloadForConsole } from './workload-from-console.ts';
import { changeTemplateFromConsole, templatesForConsole } from './templates-from-console.ts';

/**
 * The console's composition root, loaded with the console on its first request: builds the stores
 * and the app, and adapts Hono's fetch handler to the service's node:http server.
 */
export function wireConsole(deps: { db: Kysely<Database>; core: Core }): ConsoleHandler {
  const { config, log, now } = deps.core;
  const app = createConsoleApp({
    sessions: new KyselyConsoleSessionStore(deps.db),
    tickets: new KyselyConsoleTicketReader(deps.db),
    figures: new KyselyConsoleFiguresReader(deps.db),
    agendas: new KyselyConsoleAgendaReader(deps.db),
    estates: new KyselyEstateStore(deps.db),
    memberships: (platform, subjectId) =>
      new KyselyMemberStore(deps.db).select({ kind: 'subject', platform, subjectId }),
    decide: (memberId, input) => decideFromConsole(deps.core, memberId, input),
    invite: (memberId, role) => inviteFromConsole(deps.core, memberId, role),
    revoke: (memberId, targetId) => revokeFromConsole(deps.core, memberId, targetId),
    settings: {
      timeZone: config.timezone,
      defaultLocale: config.defaultLocale,
      publicUrl: config.publicUrl,
      showResidentDetails: config.showResidentDetails,
      idleMinutes: config.consoleIdleMinutes,
      dataDir: config.dataDir,
    },
    act: (memberId, ticketId, action) => actOnTicket(deps.core, memberId, ticketId, action),
    workload: (memberId) => workloadForConsole(deps.core, memberId),
    templates: (memberId) => templatesForConsole(deps.core, memberId),
    changeTemplate: (memberId, change) => changeTemplateFromConsole(deps.core, memberId, change),
    now,
    log,
  });
  // Our own Request and Response globals stay: other code (the SDKs' fetch) must not see Hono's lighter ones.
  const listener = getRequestListener((request, env) => app.fetch(request, env), { overrideGlobalObjects: false });
  return async (request, body, response) => {
    // The server has read the body already; @hono/node-server takes it from `rawBody`.
    (request as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    await listener(request, response);
  };
}
