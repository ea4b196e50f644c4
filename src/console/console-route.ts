import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../http/server.ts';

/** Handles a console request; the body has been read already (and size-checked) by the HTTP server. */
export type ConsoleHandler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => Promise<void>;

/** Forms are small; a larger body is refused before it is read. */
const CONSOLE_MAX_BODY = 64 * 1024;

/**
 * The routes of the staff web console under `/console`, loading the console (Hono, its pages,
 * exceljs) only on its first request: a service nobody opens the console of starts and idles as
 * lean as before. `load` runs once; a failed load is tried again on the next request.
 */
export function consoleRoutes(load: () => Promise<ConsoleHandler>): Route[] {
  let loading: Promise<ConsoleHandler> | undefined;
  const handler = async (request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void> => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    await (
      await loading
    )(request, body, response);
  };
  return [
    { method: 'GET', path: '/console*', handler },
    {
      method: 'POST',
      path: '/console*',
      handler,
      maxBodyBytes: CONSOLE_MAX_BODY,
    },
  ];
}
