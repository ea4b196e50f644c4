import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A local Bot API server for tests: speaks https://core.telegram.org/bots/api at /bot<token>/<method>
 * (JSON, form or multipart bodies; answers {ok, result} or {ok:false, error_code, description,
 * parameters}) and serves files at /file/bot<token>/<file_path>. It records every request, enforces
 * the limits the real API enforces (4096-character text, 1024-character captions, 1-64-byte
 * callback_data, 200-character callback answers), long-polls getUpdates, and can be told to fail:
 * 429 with retry_after, 5xx, 403, 400, 409, or a request that never gets an answer.
 */

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Whether the token in the path was the right one. */
  authorized: boolean;
  at: number;
  /** What the server answered with, when it succeeded. */
  result?: unknown;
}

export type Fault =
  | { status: 429; retryAfter: number }
  | { status: 400 | 403 | 409 | 500 | 502; description?: string; migrateToChatId?: number }
  | { hang: true };

interface StoredFile {
  filePath: string;
  data: Buffer;
  /** What getFile reports (defaults to the real size). */
  reportedSize?: number;
  /** getFile knows it, but the download answers 404. */
  missing?: boolean;
  /** The download answers only after this long (a slow file server). */
  delayMs?: number;
}

const BOT_USER = { id: 7000001, is_bot: true, first_name: 'Linli', username: 'linli_test_bot' };

export class FakeTelegramApi {
  readonly calls: RecordedCall[] = [];
  /** Where setWebhook pointed, with its secret. */
  webhook: { url: string; secret: string | undefined } | undefined;
  private readonly faults = new Map<string, Array<{ fault: Fault; skip: number }>>();
  private readonly blocked = new Map<string, string>();
  private readonly files = new Map<string, StoredFile>();
  private readonly messageIds = new Map<string, number>();
  private updates: Array<{ update_id: number } & Record<string, unknown>> = [];
  private pollers = new Set<() => void>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly token: string,
    readonly url: string,
  ) {}

  /** Starts a server on a free local port that accepts `token`. `url` is what TELEGRAM_API_ROOT takes. */
  static async start(token: string): Promise<FakeTelegramApi> {
    const handlers: Array<(req: IncomingMessage, res: ServerResponse) => void> = [];
    const server = createServer((req, res) => handlers[0]!(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const api = new FakeTelegramApi(server, token, `http://127.0.0.1:${port}`);
    handlers.push((req, res) => void api.handle(req, res));
    return api;
  }

  /** The next `times` calls of `method` (after `skip` that succeed) fail with `fault`. */
  fail(method: string, fault: Fault, times = 1, options: { skip?: number } = {}): this {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push({ fault, skip: i === 0 ? (options.skip ?? 0) : 0 });
    this.faults.set(method, list);
    return this;
  }

  /** Forgets every scripted fault not yet played (Telegram is healthy again). */
  clearFaults(): this {
    this.faults.clear();
    return this;
  }

  private takeFault(method: string): Fault | undefined {
    const next = this.faults.get(method)?.[0];
    if (!next) return undefined;
    if (next.skip > 0) {
      next.skip--;
      return undefined;
    }
    return this.faults.get(method)!.shift()!.fault;
  }

  /** Every send to this chat fails with 403, as when a user blocked the bot. */
  block(chatId: string | number, description = 'Forbidden: bot was blocked by the user'): this {
    this.blocked.set(String(chatId), description);
    return this;
  }

  addFile(
    fileId: string,
    data: Buffer,
    filePath: string,
    options: { reportedSize?: number; missing?: boolean; delayMs?: number } = {},
  ): this {
    this.files.set(fileId, { filePath, data, ...options });
    return this;
  }

  /** Queues an update for getUpdates (and wakes a waiting long poll). */
  pushUpdate(update: { update_id: number } & Record<string, unknown>): this {
    this.updates.push(update);
    for (const wake of this.pollers) wake();
    return this;
  }

  /** Recorded calls of one method (authorized only), optionally filtered. */
  callsTo(method: string, where: (params: Record<string, unknown>) => boolean = () => true): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.authorized && where(c.params));
  }

  /** Messages sent to a chat (sendMessage and sendPhoto), in order. */
  sentTo(chatId: string | number): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        c.authorized &&
        (c.method === 'sendMessage' || c.method === 'sendPhoto') &&
        String(c.params.chat_id) === String(chatId),
    );
  }

  /** Resolves when `count` calls match, polling; rejects after `timeoutMs`. */
  async waitFor(
    method: string,
    where: (params: Record<string, unknown>) => boolean = () => true,
    options: { count?: number; timeoutMs?: number } = {},
  ): Promise<RecordedCall[]> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    const count = options.count ?? 1;
    for (;;) {
      const found = this.callsTo(method, where);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => `${c.method} ${JSON.stringify(c.params).slice(0, 160)}`).join('\n  ');
        throw new Error(`timed out waiting for ${count} × ${method}; saw ${found.length}. Calls:\n  ${seen}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    for (const wake of this.pollers) wake();
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.serveFile(file[1]!, decodeURIComponent(file[2]!), res);
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!call) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = call as unknown as [string, string, string];
    const params = { ...Object.fromEntries(url.searchParams), ...(await readParams(req)) };
    const authorized = token === this.token;
    const recorded: RecordedCall = { method, params, authorized, at: Date.now() };
    this.calls.push(recorded);
    if (!authorized) return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });

    const fault = this.takeFault(method);
    if (fault) {
      if ('hang' in fault) {
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
      if (fault.status === 429)
        return error(res, 429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter });
      if (fault.status >= 500)
        return json(res, fault.status, {
          ok: false,
          error_code: fault.status,
          description: fault.description ?? 'Internal Server Error',
        });
      return error(
        res,
        fault.status,
        fault.description ?? defaultDescription(fault.status),
        fault.migrateToChatId !== undefined ? { migrate_to_chat_id: fault.migrateToChatId } : undefined,
      );
    }
    try {
      const result = await this.run(method, params, res);
      if (result === NO_ANSWER) return;
      recorded.result = result;
      json(res, 200, { ok: true, result });
    } catch (e) {
      if (e instanceof ApiError) return error(res, e.code, e.message);
      throw e;
    }
  }

  private async run(method: string, p: Record<string, unknown>, res: ServerResponse): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return BOT_USER;
      case 'setWebhook':
        if (typeof p.url !== 'string')
          throw new ApiError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        this.webhook = p.url === '' ? undefined : { url: p.url, secret: p.secret_token as string | undefined };
        return true;
      case 'deleteWebhook':
        this.webhook = undefined;
        if (p.drop_pending_updates === true) this.updates = [];
        return true;
      case 'getWebhookInfo':
        return {
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.updates.length,
        };
      case 'getUpdates':
        return this.getUpdates(p, res);
      case 'sendMessage': {
        const chatId = this.chatOf(p);
        const text = typeof p.text === 'string' ? p.text : '';
        if (text.trim() === '') throw new ApiError(400, 'Bad Request: message text is empty');
        if (text.length > 4096) throw new ApiError(400, 'Bad Request: message is too long');
        checkMarkup(p.reply_markup);
        return { message_id: this.nextMessageId(chatId), date: now(), chat: chatOf(chatId), from: BOT_USER, text };
      }
      case 'sendPhoto': {
        const chatId = this.chatOf(p);
        if (p.photo === undefined || p.photo === '')
          throw new ApiError(400, 'Bad Request: there is no photo in the request');
        if (typeof p.caption === 'string' && p.caption.length > 1024)
          throw new ApiError(400, 'Bad Request: message caption is too long');
        if (typeof p.photo === 'string' && !this.files.has(p.photo) && !/^https?:/.test(p.photo))
          throw new ApiError(400, 'Bad Request: wrong file identifier/HTTP URL specified');
        checkMarkup(p.reply_markup);
        return {
          message_id: this.nextMessageId(chatId),
          date: now(),
          chat: chatOf(chatId),
          from: BOT_USER,
          photo: [{ file_id: 'sent-photo', file_unique_id: 'u', width: 1, height: 1 }],
          caption: p.caption,
        };
      }
      case 'sendVoice':
      case 'sendAudio': {
        // A file id goes back only as its own kind: a voice note's as voice, a music file's as audio.
        const chatId = this.chatOf(p);
        const field = method === 'sendVoice' ? 'voice' : 'audio';
        // An upload (multipart) is taken as it comes, named by its file name; a file id must be known.
        const upload = isUpload(p[field]) ? p[field] : undefined;
        const file = typeof p[field] === 'string' ? this.files.get(p[field]) : undefined;
        if (!file && !upload) throw new ApiError(400, 'Bad Request: wrong file identifier/HTTP URL specified');
        if (upload?.size === 0) throw new ApiError(400, 'Bad Request: file must be non-empty');
        const isVoice = /\.(oga|ogg)$/.test(file?.filePath ?? upload!.filename);
        if (isVoice !== (method === 'sendVoice')) throw new ApiError(400, 'Bad Request: type of file mismatch');
        checkMarkup(p.reply_markup);
        return {
          message_id: this.nextMessageId(chatId),
          date: now(),
          chat: chatOf(chatId),
          from: BOT_USER,
          [field]: { file_id: p[field], file_unique_id: 'u', duration: 1 },
        };
      }
      case 'answerCallbackQuery':
        if (typeof p.callback_query_id !== 'string' || p.callback_query_id === '')
          throw new ApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        if (typeof p.text === 'string' && p.text.length > 200) throw new ApiError(400, 'Bad Request: MESSAGE_TOO_LONG');
        return true;
      case 'getFile': {
        const f = this.files.get(String(p.file_id));
        if (!f) throw new ApiError(400, 'Bad Request: invalid file_id');
        return {
          file_id: p.file_id,
          file_unique_id: `u-${String(p.file_id)}`,
          file_size: f.reportedSize ?? f.data.length,
          file_path: f.filePath,
        };
      }
      default:
        throw new ApiError(404, 'Not Found: method not found');
    }
  }

  private async getUpdates(p: Record<string, unknown>, res: ServerResponse): Promise<unknown> {
    if (this.webhook)
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const offset = Number(p.offset ?? 0);
    // Calling with an offset confirms every update before it: they are gone for good.
    if (offset > 0) this.updates = this.updates.filter((u) => u.update_id >= offset);
    const limit = Number(p.limit ?? 100);
    const deadline = Date.now() + Math.min(Number(p.timeout ?? 0), 50) * 1000;
    // The client gave up (stopped, or timed out): nothing is delivered, nothing confirmed.
    let gone = false;
    res.once('close', () => (gone = true));
    while (this.updates.length === 0 && Date.now() < deadline && !gone) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.pollers.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
        this.pollers.add(wake);
        res.once('close', wake);
      });
    }
    if (gone) return NO_ANSWER;
    return this.updates.slice(0, limit);
  }

  private chatOf(p: Record<string, unknown>): string {
    const chatId = String(p.chat_id ?? '');
    if (chatId === '') throw new ApiError(400, 'Bad Request: chat_id is empty');
    const blocked = this.blocked.get(chatId);
    if (blocked) throw new ApiError(403, blocked);
    return chatId;
  }

  private nextMessageId(chatId: string): number {
    const id = (this.messageIds.get(chatId) ?? 100) + 1;
    this.messageIds.set(chatId, id);
    return id;
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    this.calls.push({ method: 'file', params: { path }, authorized: token === this.token, at: Date.now() });
    const f =
      token === this.token ? [...this.files.values()].find((x) => x.filePath === path && !x.missing) : undefined;
    if (!f) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const send = () => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.data.length });
      res.end(f.data);
    };
    if (f.delayMs) setTimeout(send, f.delayMs);
    else send();
  }
}

const NO_ANSWER = Symbol('no answer');

class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function defaultDescription(status: number): string {
  if (status === 403) return 'Forbidden: bot was blocked by the user';
  if (status === 409) return 'Conflict: terminated by other getUpdates request';
  return 'Bad Request: chat not found';
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function chatOf(chatId: string): { id: number; type: string } {
  return { id: Number(chatId), type: chatId.startsWith('-') ? 'supergroup' : 'private' };
}

function checkMarkup(markup: unknown): void {
  if (markup === undefined) return;
  const parsed = (typeof markup === 'string' ? JSON.parse(markup) : markup) as {
    inline_keyboard?: Array<Array<{ text?: string; callback_data?: string }>>;
  };
  for (const row of parsed.inline_keyboard ?? []) {
    for (const button of row) {
      if (!button.text) throw new ApiError(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
      const bytes = Buffer.byteLength(button.callback_data ?? '', 'utf8');
      if (bytes < 1 || bytes > 64) throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
    }
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function error(res: ServerResponse, code: number, description: string, parameters?: Record<string, unknown>): void {
  json(res, code, { ok: false, error_code: code, description, ...(parameters && { parameters }) });
}

async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (body.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  if (type.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  if (type.startsWith('multipart/form-data') && boundary) return parseMultipart(body, boundary);
  return {};
}

/** A file uploaded in a multipart body, as {@link parseMultipart} reads it. */
export interface Upload {
  filename: string;
  size: number;
  sha256: string;
}

function isUpload(value: unknown): value is Upload {
  return typeof value === 'object' && value !== null && 'filename' in value && 'sha256' in value;
}

/** Enough multipart parsing for telegraf's uploads: fields as strings, files as { filename, size, sha256 }. */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const text = body.toString('latin1');
  for (const section of text.split(`--${boundary}`)) {
    const split = section.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = section.slice(0, split);
    const content = section.slice(split + 4).replace(/\r\n$/, '');
    const name = /name="([^"]+)"/.exec(head)?.[1];
    if (!name) continue;
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    const value = Buffer.from(content, 'latin1');
    params[name] =
      filename !== undefined
        ? { filename, size: value.length, sha256: createHash('sha256').update(value).digest('hex') }
        : value.toString('utf8');
  }
  for (const key of ['reply_markup']) if (typeof params[key] === 'string') params[key] = JSON.parse(params[key]);
  return params;
}
