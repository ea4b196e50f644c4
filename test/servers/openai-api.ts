import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded request to the fake endpoint. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body (`model`, `messages`, `response_format`…). */
  body: {
    model?: string;
    messages?: Array<{ role: string; content: string }>;
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
    [key: string]: unknown;
  };
}

/** What the fake endpoint does with one request. */
export type Reply =
  /** A transcription (`/audio/transcriptions`): `text` in the format the request asked for. */
  | { kind: 'transcript'; text: string; language?: string; duration?: number }
  /** A chat completion whose message content is `content` (an object is sent as JSON text). */
  | { kind: 'answer'; content: unknown; finishReason?: string }
  /** An error status with an OpenAI-style error body. */
  | { kind: 'error'; status: number; message: string; headers?: Record<string, string> }
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  /** Accept the request and answer only when {@link FakeOpenAiServer.release} is called. */
  | { kind: 'hold' };

/**
 * A local server speaking the OpenAI chat-completions protocol (`POST /v1/chat/completions` or
 * `POST /chat/completions`), for testing the real `openai` SDK through OPENAI_BASE_URL, and the
 * transcription protocol (`POST /v1/audio/transcriptions`: a multipart upload of `file`, `model`,
 * `language`, `response_format`, answered as `json`, `text` or `verbose_json` as asked; see `uploads`).
 *
 * Replies are scripted: `script` is consumed one reply per request, then `otherwise` answers. With
 * `refuseJsonSchema`, every request asking for `json_schema` gets the 400 DeepSeek sends, as an
 * endpoint that accepts only `json_object` would. Every request is recorded in `requests`.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  script: Reply[] = [];
  otherwise: Reply | ((request: RecordedRequest) => Reply);
  refuseJsonSchema = false;
  private server: Server | undefined;
  private held: Array<(reply: Reply) => void> = [];
  private port = 0;

  constructor(otherwise: Reply | ((request: RecordedRequest) => Reply) = { kind: 'answer', content: GOOD_ANSWER }) {
    this.otherwise = otherwise;
  }

  /** The base URL to give the SDK (OPENAI_BASE_URL). */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Answers every chat completion held (`hold`) with `reply`; returns how many were held. */
  release(reply: Reply): number {
    const held = this.held;
    this.held = [];
    for (const answer of held) answer(reply);
    return held.length;
  }

  /** The requests' `response_format.type`, in order. */
  get formats(): Array<string | undefined> {
    return this.requests.map((r) => r.body.response_format?.type);
  }

  /** The last user message of request `i` (default the last): the resident's text as sent. */
  sentText(i = this.requests.length - 1): string {
    return this.requests[i]?.body.messages?.at(-1)?.content ?? '';
  }

  /** The uploads received by `/audio/transcriptions`, in order: the form's fields and the file. */
  readonly uploads: Array<{ fields: Record<string, string>; file: { name: string; type: string; data: Buffer } }> = [];

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'POST' && (path === '/v1/audio/transcriptions' || path === '/audio/transcriptions')) {
      await this.transcribe(req, Buffer.concat(chunks), path, res);
      return;
    }
    if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/chat/completions')) {
      sendJson(res, 404, {
        error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error', code: null, param: null },
      });
      return;
    }
    let body: RecordedRequest['body'];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
    } catch {
      sendJson(res, 400, {
        error: {
          message: 'We could not parse the JSON body of your request.',
          type: 'invalid_request_error',
          code: null,
          param: null,
        },
      });
      return;
    }
    const request: RecordedRequest = { method: req.method, path, headers: req.headers, body };
    this.requests.push(request);

    if (this.refuseJsonSchema && body.response_format?.type === 'json_schema') {
      sendJson(res, 400, {
        error: {
          message: 'This response_format type is unavailable now',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_request_error',
        },
      });
      return;
    }
    const reply =
      this.script.shift() ?? (typeof this.otherwise === 'function' ? this.otherwise(request) : this.otherwise);
    this.answer(res, body, reply);
  }

  private answer(res: ServerResponse, body: RecordedRequest['body'], reply: Reply): void {
    switch (reply.kind) {
      case 'hang':
        return;
      case 'hold':
        this.held.push((later) => this.answer(res, body, later));
        return;
      case 'error':
        sendJson(
          res,
          reply.status,
          { error: { message: reply.message, type: 'api_error', code: null, param: null } },
          reply.headers,
        );
        return;
      case 'transcript':
        sendJson(res, 400, { error: { message: 'not a transcription request', type: 'invalid_request_error' } });
        return;
      case 'answer':
        sendJson(
          res,
          200,
          completion(
            body.model ?? 'unknown',
            typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content),
            reply.finishReason ?? 'stop',
          ),
        );
    }
  }

  private async transcribe(req: IncomingMessage, raw: Buffer, path: string, res: ServerResponse): Promise<void> {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data')) {
      sendJson(res, 400, {
        error: { message: 'expected multipart/form-data', type: 'invalid_request_error', code: null, param: null },
      });
      return;
    }
    const form = await new Request('http://localhost/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    }).formData();
    const fields: Record<string, string> = {};
    let file: { name: string; type: string; data: Buffer } | undefined;
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else if (name === 'file')
        file = { name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) };
    }
    if (!file || !fields.model) {
      sendJson(res, 400, {
        error: { message: "'file' and 'model' are required", type: 'invalid_request_error', code: null, param: null },
      });
      return;
    }
    this.uploads.push({ fields, file });
    const request: RecordedRequest = { method: 'POST', path, headers: req.headers, body: { ...fields } };
    this.requests.push(request);
    const reply =
      this.script.shift() ?? (typeof this.otherwise === 'function' ? this.otherwise(request) : this.otherwise);
    switch (reply.kind) {
      case 'hang':
        return;
      case 'error':
        sendJson(
          res,
          reply.status,
          { error: { message: reply.message, type: 'api_error', code: null, param: null } },
          reply.headers,
        );
        return;
      case 'answer':
        sendJson(res, 200, { text: String(reply.content) });
        return;
      case 'transcript': {
        const format = fields.response_format ?? 'json';
        if (format === 'text') {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`${reply.text}\n`);
          return;
        }
        if (format === 'verbose_json') {
          const duration = reply.duration ?? 3.5;
          sendJson(res, 200, {
            task: 'transcribe',
            language: reply.language ?? 'chinese',
            duration,
            text: reply.text,
            segments: [{ id: 0, seek: 0, start: 0, end: duration, text: reply.text, tokens: [], temperature: 0 }],
          });
          return;
        }
        sendJson(res, 200, { text: reply.text, usage: { type: 'duration', seconds: reply.duration ?? 3 } });
      }
    }
  }
}

/** A valid answer: no water in building 3, unit 2, the building written the way a model might. */
export const GOOD_ANSWER = {
  isComplaint: true,
  category: 'water_supply',
  urgency: 'normal',
  summary: '3号楼停水一天',
  place: { building: '三号楼', unit: '2单元', spot: null, text: '3号楼2单元' },
  language: 'zh-CN',
  confidence: 0.92,
};

let seq = 0;
function completion(model: string, content: string, finishReason: string) {
  return {
    id: `chatcmpl-test${++seq}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 40, total_tokens: 140 },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
