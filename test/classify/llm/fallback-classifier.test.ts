import { describe, expect, it } from 'vitest';
import type { Classification, Classifier } from '../../../src/classify/classifier.ts';
import { ClassifierError } from '../../../src/classify/classifier-error.ts';
import { FallbackClassifier } from '../../../src/classify/fallback-classifier.ts';
import { loadConfig } from '../../../src/config.ts';
import { createClassifier } from '../../../src/main.ts';
import { sharedClassifier } from '../../support/core-harness.ts';
import { GOOD_ANSWER } from '../../servers/openai-api.ts';
import { llmConfig, startServer } from './fixtures.ts';

const TEXT = '3号楼2单元停水一天了';

async function classifierFor(
  env: Parameters<typeof llmConfig>[1],
  server: Awaited<ReturnType<typeof startServer>>,
): Promise<Classifier> {
  return createClassifier(llmConfig(server, env), { offline: await sharedClassifier() });
}

describe('FallbackClassifier (LLM first, offline when it fails)', () => {
  it('returns the LLM answer with source, model and latency', async () => {
    const server = await startServer();
    const result = await (await classifierFor({}, server)).classify(TEXT);
    expect(result).toMatchObject({
      source: 'llm',
      model: 'test-model',
      category: 'water_supply',
      place: { building: '3', unit: '2' },
    });
    expect(result.latencyMs).toBeTypeOf('number');
    expect(result.fallbackReason).toBeUndefined();
  });

  it('falls back on invalid JSON, without a retry', async () => {
    const server = await startServer({ kind: 'answer', content: 'Sure! The category is water_supply.' });
    const result = await (await classifierFor({}, server)).classify(TEXT);
    expect(result).toMatchObject({ source: 'offline', category: 'water_supply' });
    expect(result.model).toBeUndefined();
    expect(result.fallbackReason).toMatch(/^invalid-answer: the answer is not JSON/);
    expect(server.requests).toHaveLength(1);
  });

  it('falls back on an answer missing a field', async () => {
    const { category: _category, ...missing } = GOOD_ANSWER;
    const server = await startServer({ kind: 'answer', content: missing });
    const result = await (await classifierFor({}, server)).classify(TEXT);
    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toContain('category');
  });

  it('waits as a 429 asks and retries once', async () => {
    const server = await startServer();
    server.script = [
      { kind: 'error', status: 429, message: 'Rate limit reached for requests', headers: { 'retry-after-ms': '30' } },
    ];
    const result = await (await classifierFor({}, server)).classify(TEXT);
    expect(result.source).toBe('llm');
    expect(server.requests).toHaveLength(2);
  });

  it('does not wait for a 429 whose retry-after passes the timeout: the offline classifier decides at once', async () => {
    const server = await startServer({
      kind: 'error',
      status: 429,
      message: 'Rate limit reached',
      headers: { 'retry-after': '60' },
    });
    const result = await (await classifierFor({ OPENAI_TIMEOUT_MS: '1000' }, server)).classify(TEXT);
    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toMatch(/^rate-limited: .*not retried/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 500 once, then falls back', async () => {
    const server = await startServer({
      kind: 'error',
      status: 500,
      message: 'The server had an error while processing your request.',
    });
    const result = await (await classifierFor({}, server)).classify(TEXT);
    expect(result).toMatchObject({ source: 'offline', category: 'water_supply' });
    expect(result.fallbackReason).toMatch(/^unavailable: .*answered 500/);
    expect(server.requests).toHaveLength(2);
  });

  it('falls back when the endpoint hangs, with the timeout as the reason', async () => {
    const server = await startServer({ kind: 'hang' });
    const result = await (await classifierFor({ OPENAI_TIMEOUT_MS: '300' }, server)).classify(TEXT);
    expect(result).toMatchObject({ source: 'offline', category: 'water_supply', place: { building: '3', unit: '2' } });
    expect(result.fallbackReason).toMatch(/^timeout: no answer .*within 300 ms$/);
    expect(server.requests).toHaveLength(1);
  });

  it('falls back when the endpoint cannot be reached', async () => {
    const server = await startServer();
    await server.stop();
    const result = await (await classifierFor({}, server)).classify(TEXT);
    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toMatch(/^connection: /);
  });

  it('abandons a primary that ignores the abort signal once the time is up', async () => {
    const deaf: Classifier = { classify: () => new Promise<Classification>(() => {}) };
    const result = await new FallbackClassifier(deaf, await sharedClassifier(), { timeoutMs: 100 }).classify(TEXT);
    expect(result.source).toBe('offline');
    expect(result.fallbackReason).toBe('timeout: no answer within 100 ms');
  });

  it('rejects without a fallback when the caller aborts', async () => {
    const primary: Classifier = { classify: () => Promise.reject(new ClassifierError('unavailable', 'down')) };
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(
      new FallbackClassifier(primary, await sharedClassifier(), { timeoutMs: 1000 }).classify(TEXT, {
        signal: controller.signal,
      }),
    ).rejects.toThrow('shutting down');
  });
});

describe('createClassifier', () => {
  it('CLASSIFIER=auto without OPENAI_API_KEY classifies offline, even with a base URL', async () => {
    const server = await startServer();
    const config = loadConfig({ OPENAI_BASE_URL: server.baseUrl });
    expect(config.classifier).toBe('auto');
    const result = await (await createClassifier(config, { offline: await sharedClassifier() })).classify(TEXT);
    expect(result.source).toBe('offline');
    expect(server.requests).toHaveLength(0);
  });

  it('CLASSIFIER=auto with OPENAI_API_KEY uses the LLM', async () => {
    const server = await startServer();
    const result = await (await classifierFor({ CLASSIFIER: 'auto' }, server)).classify(TEXT);
    expect(result.source).toBe('llm');
    expect(server.requests).toHaveLength(1);
  });

  it('CLASSIFIER=offline ignores the key; CLASSIFIER=llm works with a local server and no key', async () => {
    const server = await startServer();
    expect((await (await classifierFor({ CLASSIFIER: 'offline' }, server)).classify(TEXT)).source).toBe('offline');
    const keyless = loadConfig({ CLASSIFIER: 'llm', OPENAI_BASE_URL: server.baseUrl, OPENAI_MODEL: 'llama3' });
    expect((await (await createClassifier(keyless, { offline: await sharedClassifier() })).classify(TEXT)).model).toBe(
      'llama3',
    );
    expect(server.requests).toHaveLength(1);
  });
});
