import { describe, expect, it } from 'vitest';
import { ClassifierError } from '../../../src/classify/classifier-error.ts';
import { OpenAiClassifier, ResponseFormatMemory, retryAfterMs } from '../../../src/classify/openai-classifier.ts';
import { GOOD_ANSWER, type FakeOpenAiServer } from '../../servers/openai-api.ts';
import { startServer } from './fixtures.ts';

function classifierFor(
  server: FakeOpenAiServer,
  options: { maxInputChars?: number; formats?: ResponseFormatMemory; apiKey?: string } = {},
) {
  return OpenAiClassifier.create({
    apiKey: options.apiKey ?? 'sk-test',
    baseUrl: server.baseUrl,
    model: 'test-model',
    timeoutMs: 2000,
    formats: options.formats ?? new ResponseFormatMemory(),
    ...options,
  });
}

async function failureOf(work: Promise<unknown>): Promise<ClassifierError> {
  const error = await work.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  if (!(error instanceof ClassifierError)) throw error;
  return error;
}

describe('OpenAiClassifier', () => {
  it('asks for strict json_schema and turns a good answer into a normalised classification', async () => {
    const server = await startServer();
    const result = await (await classifierFor(server)).classify('3号楼2单元停水一天了');
    expect(result).toMatchObject({
      source: 'llm',
      model: 'test-model',
      category: 'water_supply',
      urgency: 'normal',
      isComplaint: true,
      place: { building: '3', unit: '2' },
      language: 'zh-CN',
    });
    expect(result.promptVersion).toMatch(/^classify-complaint\//);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body).toMatchObject({
      model: 'test-model',
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { strict: true } },
    });
    expect(server.sentText()).toBe('3号楼2单元停水一天了');
  });

  it('fails with invalid-answer on invalid JSON, a missing field, an empty or a truncated answer', async () => {
    const { urgency: _urgency, ...missing } = GOOD_ANSWER;
    const server = await startServer();
    server.script = [
      { kind: 'answer', content: '{"category": "water_supply", "urg' },
      { kind: 'answer', content: missing },
      { kind: 'answer', content: '' },
      { kind: 'answer', content: GOOD_ANSWER, finishReason: 'length' },
    ];
    const classifier = await classifierFor(server);
    const reasons: string[] = [];
    for (let i = 0; i < 4; i++) {
      const error = await failureOf(classifier.classify('停水了'));
      expect(error.failure).toBe('invalid-answer');
      reasons.push(error.message);
    }
    expect(reasons[0]).toContain('not JSON');
    expect(reasons[1]).toContain('urgency');
    expect(reasons[2]).toContain('empty');
    expect(reasons[3]).toContain('cut short');
  });

  it('switches to json_object with the schema in the prompt when json_schema is refused, and remembers it for the endpoint', async () => {
    const server = await startServer();
    server.refuseJsonSchema = true;
    const formats = new ResponseFormatMemory();
    const classifier = await classifierFor(server, { formats });
    expect((await classifier.classify('3号楼停水了')).source).toBe('llm');
    expect(server.formats).toEqual(['json_schema', 'json_object']);
    expect(server.requests[1]?.body.messages?.[0]?.content).toContain('"additionalProperties":false');

    expect((await classifier.classify('5栋也停水了')).category).toBe('water_supply');
    expect(server.formats).toEqual(['json_schema', 'json_object', 'json_object']);
    // A second classifier on the same endpoint and memory starts with json_object too.
    await (await classifierFor(server, { formats })).classify('还是停水');
    expect(server.formats.at(-1)).toBe('json_object');
  });

  it('does not remember json_object after a 400 about something else that json_object does not cure', async () => {
    const server = await startServer({ kind: 'error', status: 400, message: 'messages: too long' });
    const formats = new ResponseFormatMemory();
    const classifier = await classifierFor(server, { formats });
    expect((await failureOf(classifier.classify('停水'))).failure).toBe('rejected');
    await failureOf(classifier.classify('停水'));
    expect(server.formats).toEqual(['json_schema', 'json_object', 'json_schema', 'json_object']);
  });

  it('masks phone numbers, ID numbers and e-mail addresses before the text leaves', async () => {
    const server = await startServer();
    const text = '3号楼停水，联系我13800138000或zhang.san@example.com，身份证11010519491231002X';
    const result = await (await classifierFor(server)).classify(text);
    const sent = JSON.stringify(server.requests[0]?.body);
    for (const secret of ['13800138000', 'zhang.san@example.com', '11010519491231002X'])
      expect(sent).not.toContain(secret);
    expect(server.sentText()).toBe('3号楼停水，联系我[phone]或[email]，身份证[id]');
    expect(result.place?.building).toBe('3');
  });

  it('cuts a 100 KB message before sending it and records the truncation', async () => {
    const server = await startServer();
    const text = `3号楼2单元停水一天了。${'水'.repeat(100_000)}`;
    const result = await (await classifierFor(server, { maxInputChars: 4000 })).classify(text);
    expect(server.sentText()).toHaveLength(4000);
    expect(server.sentText().startsWith('3号楼2单元停水')).toBe(true);
    expect(result.truncated).toEqual({ from: text.length, to: 4000 });
    expect(result.source).toBe('llm');
  });

  it('translates HTTP errors: 429 with its retry-after, 500 unavailable, 401 rejected naming the key', async () => {
    const server = await startServer();
    server.script = [
      { kind: 'error', status: 429, message: 'Rate limit reached', headers: { 'retry-after': '3' } },
      { kind: 'error', status: 500, message: 'boom' },
      { kind: 'error', status: 401, message: 'Incorrect API key provided' },
    ];
    const classifier = await classifierFor(server);
    const limited = await failureOf(classifier.classify('停水'));
    expect(limited).toMatchObject({ failure: 'rate-limited', retryAfterMs: 3000, retryable: true });
    expect(await failureOf(classifier.classify('停水'))).toMatchObject({ failure: 'unavailable', retryable: true });
    const rejected = await failureOf(classifier.classify('停水'));
    expect(rejected).toMatchObject({ failure: 'rejected', retryable: false });
    expect(rejected.message).toContain('OPENAI_API_KEY');
    expect(server.requests).toHaveLength(3);
  });

  it('reports a server that cannot be reached as a connection failure', async () => {
    const server = await startServer();
    await server.stop();
    const error = await failureOf((await classifierFor(server)).classify('停水'));
    expect(error.failure).toBe('connection');
    expect(error.message).toContain('OPENAI_BASE_URL');
  });

  it('also works with a base URL without /v1', async () => {
    const server = await startServer();
    const classifier = await OpenAiClassifier.create({
      baseUrl: server.baseUrl.replace(/\/v1$/, ''),
      model: 'test-model',
      timeoutMs: 2000,
    });
    expect((await classifier.classify('停水')).source).toBe('llm');
    expect(server.requests[0]?.path).toBe('/chat/completions');
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms, retry-after in seconds and as an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '150' }))).toBe(150);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000)).toBe(6000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});
