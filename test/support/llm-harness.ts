import { loadConfig } from '../../src/config.ts';
import { createClassifier } from '../../src/main.ts';
import { FakeOpenAiServer } from '../servers/openai-api.ts';
import { createHarness, sharedClassifier, type Harness } from './core-harness.ts';
import type { TestStore } from './databases.ts';

/**
 * A harness whose classifier is the LLM one (CLASSIFIER=llm) pointed at a local OpenAI-compatible
 * server answering `answer` to every request: `llm.requests` counts the classifier's calls. Stop
 * `llm` when done.
 */
export async function llmHarness(
  store: TestStore,
  answer: unknown,
  env: Record<string, string> = {},
): Promise<{ h: Harness; llm: FakeOpenAiServer }> {
  const llm = await new FakeOpenAiServer({ kind: 'answer', content: answer }).start();
  const settings = {
    CLASSIFIER: 'llm',
    OPENAI_BASE_URL: llm.baseUrl,
    OPENAI_MODEL: 'test-model',
    OPENAI_TIMEOUT_MS: '2000',
    ...env,
  };
  const classifier = await createClassifier(loadConfig({ LOG_FORMAT: 'json', ...settings }), {
    offline: await sharedClassifier(),
  });
  return { h: await createHarness(store, { env: settings, classifier }), llm };
}
