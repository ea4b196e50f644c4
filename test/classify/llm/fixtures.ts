import { afterEach } from 'vitest';
import { loadConfig, type Config } from '../../../src/config.ts';
import { FakeOpenAiServer, type Reply, type RecordedRequest } from '../../servers/openai-api.ts';

/** Starts a fake endpoint for one test; it is stopped after the test. */
export async function startServer(
  otherwise?: Reply | ((request: RecordedRequest) => Reply),
): Promise<FakeOpenAiServer> {
  const server = await new FakeOpenAiServer(otherwise).start();
  running.push(server);
  return server;
}

const running: FakeOpenAiServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** A configuration pointing the LLM classifier at `server` through OPENAI_BASE_URL. */
export function llmConfig(server: FakeOpenAiServer, env: Record<string, string> = {}): Config {
  return loadConfig({
    LOG_FORMAT: 'json',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: server.baseUrl,
    OPENAI_MODEL: 'test-model',
    OPENAI_TIMEOUT_MS: '2000',
    ...env,
  });
}
