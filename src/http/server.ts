import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** A route handler gets the raw body (webhook signatures are computed over the exact bytes). */
export type RouteHandler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST';
  /** Exact path, or a prefix ending in `*`. */
  path: string;
  handler: RouteHandler;
  /** Largest body accepted, in bytes (413 beyond). */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY = 1_000_000;

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * Reads a request body up to `limit` bytes. A larger body is still read to its end (and dropped) so
 * that the 413 reaches a client that is still uploading — closing the socket under it would leave it
 * with a connection reset instead of an answer — unless it passes `drainLimit`, when the connection
 * is given up on ('abandon').
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'abandon'> {
  const drainLimit = Math.max(limit * 16, 32 * 1024 * 1024);
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > drainLimit) {
      resolve('abandon');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > drainLimit) {
        request.removeAllListeners('data');
        resolve('abandon');
      } else if (size <= limit) {
        chunks.push(chunk);
      }
    });
    request.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * A small HTTP server over node:http: exact routes, raw bodies, a size limit, and an error boundary
 * that answers 500 without leaking details. `close()` stops accepting and waits for requests in hand.
 */
export class HttpServer {
  private readonly routes: Route[] = [];
  private readonly server: Server;
  private accepting = true;

  constructor(private readonly log: Logger) {
    this.server = createServer((request, response) => void this.dispatch(request, response));
    this.server.keepAliveTimeout = 5_000;
  }

  add(route: Route): this {
    this.routes.push(route);
    return this;
  }

  async listen(port: number, host: string): Promise<{ port: number; host: string }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address();
    return { port: typeof address === 'object' && address ? address.port : port, host };
  }

  /** Stops taking requests (new ones get 503) and resolves when those in hand are answered. */
  async close(): Promise<void> {
    this.accepting = false;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  private active = 0;
  private lastRequestAt = -Infinity;

  /** Requests being answered right now. */
  get activeRequests(): number {
    return this.active;
  }

  /**
   * Whether requests are coming in: one is being answered, or one started within `withinMs`. The
   * inbox worker gives way while this holds (a burst of webhooks leaves the server idle between
   * requests only for instants, and those must not count as calm).
   */
  busy(withinMs = 100): boolean {
    return this.active > 0 || performance.now() - this.lastRequestAt < withinMs;
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.active++;
    this.lastRequestAt = performance.now();
    response.once('close', () => this.active--);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (!this.accepting) {
      response.setHeader('connection', 'close');
      sendText(response, 503, 'shutting down\n');
      return;
    }
    // One path may have a route per method (the console has GET and POST under /console).
    const onPath = this.routes.filter((r) =>
      r.path.endsWith('*') ? path.startsWith(r.path.slice(0, -1)) : r.path === path,
    );
    if (onPath.length === 0) {
      sendText(response, 404, 'not found\n');
      return;
    }
    const route = onPath.find((r) => request.method === r.method || (r.method === 'GET' && request.method === 'HEAD'));
    if (!route) {
      response.setHeader('allow', onPath.map((r) => r.method).join(', '));
      sendText(response, 405, 'method not allowed\n');
      return;
    }
    try {
      const body =
        route.method === 'POST' ? await readBody(request, route.maxBodyBytes ?? DEFAULT_MAX_BODY) : Buffer.alloc(0);
      if (body === 'too-large' || body === 'abandon') {
        if (body === 'abandon') response.setHeader('connection', 'close');
        sendText(response, 413, 'body too large\n');
        return;
      }
      await route.handler(request, body, response);
    } catch (error) {
      this.log.error({ err: error, path }, 'request failed');
      if (!response.headersSent) sendText(response, 500, 'internal error\n');
      else response.destroy();
    }
  }
}
