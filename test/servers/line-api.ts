import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One request the fake received, as the bot sent it. */
export interface RecordedRequest {
  api: 'api' | 'data';
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body (undefined for GET). */
  body: unknown;
}

/** A scripted answer instead of the normal one: an HTTP error, or no answer at all. */
export type LineFault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Never answers. With `accept`, a push is accepted first (its retry key is taken): an answer lost on the way. */
  | { hang: true; accept?: boolean };

interface ScriptedFault {
  path: string;
  fault: LineFault;
  times: number;
}

interface SentMessage {
  id: string;
  quoteToken: string;
}

/** A message as the fake stored it, with the chat it went to and how. */
export interface DeliveredMessage {
  via: 'reply' | 'push';
  to: string;
  message: Record<string, unknown>;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': randomUUID(), ...headers });
  response.end(body);
}

/** Checks messages the way the Messaging API does (the limits a bot can break); returns the errors. */
function validateMessages(messages: unknown): Array<{ message: string; property: string }> {
  if (!Array.isArray(messages) || messages.length === 0)
    return [{ message: 'Must not be empty', property: 'messages' }];
  const errors: Array<{ message: string; property: string }> = [];
  if (messages.length > 5) errors.push({ message: 'Size must be between 1 and 5', property: 'messages' });
  messages.forEach((m: Record<string, unknown>, i) => {
    const at = `messages[${i}]`;
    if (m.type === 'text' && (typeof m.text !== 'string' || m.text === '' || m.text.length > 5000))
      errors.push({ message: 'Length must be between 1 and 5000', property: `${at}.text` });
    if (m.type === 'flex' && (typeof m.altText !== 'string' || m.altText === '' || m.altText.length > 1500))
      errors.push({ message: 'Length must be between 1 and 1500', property: `${at}.altText` });
    if (
      m.type === 'image' &&
      !(String(m.originalContentUrl).startsWith('https://') && String(m.previewImageUrl).startsWith('https://'))
    )
      errors.push({ message: 'Must be a https URL', property: `${at}.originalContentUrl` });
    if (m.type === 'audio') {
      // LINE fetches the audio itself: an https URL of at most 2000 characters, and its length in whole milliseconds.
      const url = m.originalContentUrl;
      if (typeof url !== 'string' || !url.startsWith('https://') || url.length > 2000)
        errors.push({
          message: 'Must be a https URL of at most 2000 characters',
          property: `${at}.originalContentUrl`,
        });
      if (typeof m.duration !== 'number' || !Number.isInteger(m.duration) || m.duration <= 0)
        errors.push({ message: 'Must be a positive integer', property: `${at}.duration` });
    }
    if (!['text', 'flex', 'image', 'audio'].includes(String(m.type)))
      errors.push({ message: 'Unexpected message type for this bot', property: `${at}.type` });
    const items = (m.quickReply as { items?: Array<{ action?: { label?: string; data?: string } }> } | undefined)
      ?.items;
    if (items) {
      if (items.length > 13)
        errors.push({ message: 'Size must be between 1 and 13', property: `${at}.quickReply.items` });
      items.forEach((item, j) => {
        if (!item.action?.label || Array.from(item.action.label).length > 20)
          errors.push({
            message: 'Length must be between 1 and 20',
            property: `${at}.quickReply.items[${j}].action.label`,
          });
        if (!item.action?.data || item.action.data.length > 300)
          errors.push({
            message: 'Length must be between 1 and 300',
            property: `${at}.quickReply.items[${j}].action.data`,
          });
      });
    }
  });
  return errors;
}

/**
 * A local Messaging API that speaks LINE's protocol closely enough for the real @line/bot-sdk clients:
 * reply (tokens issued here, usable once), push (with `X-Line-Retry-Key`: a repeat of an accepted key
 * is a 409 carrying the first `sentMessages`), profiles, bot info, and — on a second port, as
 * api-data.line.me — message content. It records every request and plays scripted faults.
 */
export class FakeLineApi {
  readonly requests: RecordedRequest[] = [];
  readonly delivered: DeliveredMessage[] = [];
  readonly profiles = new Map<string, { displayName: string; language?: string }>();
  /** Message content on the data API; `delayMs`: it answers only after this long (a slow server). */
  readonly contents = new Map<string, { data: Buffer; mimeType: string; delayMs?: number }>();
  private readonly faults: ScriptedFault[] = [];
  private readonly replyTokens = new Map<string, { chatId: string; used: boolean }>();
  private readonly acceptedKeys = new Map<string, SentMessage[]>();
  private nextId = 600_000_000_000_000;

  private constructor(
    private readonly api: Server,
    private readonly data: Server,
    readonly apiBaseUrl: string,
    readonly dataApiBaseUrl: string,
    private readonly accessToken: string,
  ) {}

  static async start(options: { channelAccessToken: string }): Promise<FakeLineApi> {
    const holder: { fake?: FakeLineApi } = {};
    const api = createServer((req, res) => void holder.fake!.handle('api', req, res));
    const data = createServer((req, res) => void holder.fake!.handle('data', req, res));
    const listen = (server: Server) =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
      );
    const [apiPort, dataPort] = await Promise.all([listen(api), listen(data)]);
    holder.fake = new FakeLineApi(
      api,
      data,
      `http://127.0.0.1:${apiPort}`,
      `http://127.0.0.1:${dataPort}`,
      options.channelAccessToken,
    );
    return holder.fake;
  }

  /** A reply token as LINE puts in a webhook event from `chatId`; valid for one reply. */
  issueReplyToken(chatId: string): string {
    const token = randomUUID().replaceAll('-', '');
    this.replyTokens.set(token, { chatId, used: false });
    return token;
  }

  /** The next `times` requests to `path` (exact, or a prefix ending in `*`) get `fault` instead. */
  failNext(path: string, fault: LineFault, times = 1): void {
    this.faults.push({ path, fault, times });
  }

  /** Requests to a path (exact, or a prefix ending in `*`). */
  calls(path: string): RecordedRequest[] {
    return this.requests.filter((r) => matches(path, r.path));
  }

  /** Messages delivered to a chat, in order. */
  messagesTo(chatId: string): DeliveredMessage[] {
    return this.delivered.filter((d) => d.to === chatId);
  }

  /** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
  async waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 8_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}; requests: ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    for (const server of [this.api, this.data]) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private takeFault(path: string): LineFault | undefined {
    const index = this.faults.findIndex((f) => matches(f.path, path));
    if (index < 0) return undefined;
    const scripted = this.faults[index]!;
    if (--scripted.times <= 0) this.faults.splice(index, 1);
    return scripted.fault;
  }

  private sent(count: number): SentMessage[] {
    return Array.from({ length: count }, () => ({ id: String(++this.nextId), quoteToken: randomUUID() }));
  }

  private async handle(api: 'api' | 'data', req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        json(res, 400, {
          message: 'The request body has 1 error(s)',
          details: [{ message: 'Invalid JSON', property: '' }],
        });
        return;
      }
    }
    this.requests.push({ api, method: req.method ?? 'GET', path, headers: req.headers, body });

    if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
      json(res, 401, {
        message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
      });
      return;
    }
    const fault = this.takeFault(path);
    if (fault && 'hang' in fault) {
      if (fault.accept && path === '/v2/bot/message/push') this.accept(req, body);
      return; // no answer, ever
    }
    if (fault) {
      json(res, fault.status, fault.body ?? { message: `scripted ${fault.status}` }, fault.headers);
      return;
    }

    if (api === 'data') {
      const content = /^\/v2\/bot\/message\/([^/]+)\/content$/.exec(path);
      const file = content && this.contents.get(content[1]!);
      if (req.method !== 'GET' || !file) {
        json(res, 404, { message: 'Not found' });
        return;
      }
      const send = () => {
        res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.data.length });
        res.end(file.data);
      };
      if (file.delayMs) setTimeout(send, file.delayMs);
      else send();
      return;
    }

    const profile = /^\/v2\/bot\/profile\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && profile) {
      const found = this.profiles.get(profile[1]!);
      if (found) json(res, 200, { userId: profile[1], ...found });
      else json(res, 404, { message: 'Not found' });
      return;
    }
    // Group and room member profiles: LINE answers with the display name only (no language).
    const member = /^\/v2\/bot\/(group|room)\/([^/]+)\/member\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && member) {
      const found = this.profiles.get(member[3]!);
      if (found) json(res, 200, { userId: member[3], displayName: found.displayName });
      else json(res, 404, { message: 'Not found' });
      return;
    }
    if (req.method === 'GET' && path === '/v2/bot/info') {
      json(res, 200, {
        userId: 'Ubot',
        basicId: '@linli',
        displayName: 'Linli',
        chatMode: 'bot',
        markAsReadMode: 'auto',
      });
      return;
    }
    if (req.method === 'POST' && path === '/v2/bot/message/reply') {
      const { replyToken, messages } = (body ?? {}) as { replyToken?: string; messages?: unknown };
      const errors = validateMessages(messages);
      if (errors.length > 0) {
        json(res, 400, { message: `The request body has ${errors.length} error(s)`, details: errors });
        return;
      }
      const issued = typeof replyToken === 'string' ? this.replyTokens.get(replyToken) : undefined;
      if (!issued || issued.used) {
        json(res, 400, { message: 'Invalid reply token' });
        return;
      }
      issued.used = true;
      const sentMessages = this.sent((messages as unknown[]).length);
      (messages as Array<Record<string, unknown>>).forEach((message, i) =>
        this.delivered.push({ via: 'reply', to: issued.chatId, message, id: sentMessages[i]!.id }),
      );
      json(res, 200, { sentMessages });
      return;
    }
    if (req.method === 'POST' && path === '/v2/bot/message/push') {
      const key = req.headers['x-line-retry-key'];
      if (typeof key === 'string' && !UUID.test(key)) {
        json(res, 400, { message: 'The retry key must be a UUID' });
        return;
      }
      const errors = validateMessages((body as { messages?: unknown } | undefined)?.messages);
      if (errors.length > 0 || typeof (body as { to?: unknown } | undefined)?.to !== 'string') {
        json(res, 400, { message: `The request body has ${Math.max(1, errors.length)} error(s)`, details: errors });
        return;
      }
      if (typeof key === 'string' && this.acceptedKeys.has(key)) {
        json(
          res,
          409,
          { message: 'The retry key is already accepted', sentMessages: this.acceptedKeys.get(key) },
          { 'x-line-accepted-request-id': randomUUID() },
        );
        return;
      }
      json(res, 200, { sentMessages: this.accept(req, body) });
      return;
    }
    json(res, 404, { message: 'Not found' });
  }

  private accept(req: IncomingMessage, body: unknown): SentMessage[] {
    const { to, messages } = body as { to: string; messages: Array<Record<string, unknown>> };
    const sentMessages = this.sent(messages.length);
    const key = req.headers['x-line-retry-key'];
    if (typeof key === 'string') this.acceptedKeys.set(key, sentMessages);
    messages.forEach((message, i) => this.delivered.push({ via: 'push', to, message, id: sentMessages[i]!.id }));
    return sentMessages;
  }
}

function matches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}
