import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startService } from '../src/main.ts';
import { KyselyInboxStore } from '../src/store/inbox-store.ts';
import { FakeTelegramApi } from './servers/telegram-api.ts';
import { createTestStore } from './support/databases.ts';
import { complaintUpdate, postUpdate, telegramEnv, TELEGRAM_TOKEN } from './reliability/traffic.ts';

const log = pino({ level: 'silent' });

// `linli serve` keeps V8 small until the service's first piece of work (src/idle-start.ts); this is
// when the service says that work has come.
describe("the service's first piece of work", () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    cleanups.length = 0;
  });

  async function start(prepare?: (store: Awaited<ReturnType<typeof createTestStore>>) => Promise<void>) {
    const store = await createTestStore('sqlite');
    cleanups.push(() => store.cleanup());
    await prepare?.(store);
    const api = await FakeTelegramApi.start(TELEGRAM_TOKEN);
    cleanups.push(() => api.close());
    let calls = 0;
    const service = await startService(
      loadConfig({ ...telegramEnv(api, store.config.url), PORT: '0', HOST: '127.0.0.1' }),
      log,
      { onFirstWork: () => calls++ },
    );
    cleanups.push(() => service.stop());
    return { url: `http://127.0.0.1:${service.port}`, calls: () => calls };
  }

  it('is not the probes; it is the first webhook, said once', async () => {
    const { url, calls } = await start();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await (await fetch(`${url}/metrics`)).text();
    expect(calls()).toBe(0);
    expect(await postUpdate(url, complaintUpdate(7_001, 71))).toBe(200);
    expect(calls()).toBe(1);
    expect(await postUpdate(url, complaintUpdate(7_002, 72))).toBe(200);
    await (await fetch(`${url}/console`)).text();
    expect(calls()).toBe(1);
  });

  it('is a request to the web console', async () => {
    const { url, calls } = await start();
    await (await fetch(`${url}/console`)).text();
    expect(calls()).toBe(1);
  });

  it('is already there when the inbox holds an event at start', async () => {
    const { calls } = await start(async (store) => {
      await new KyselyInboxStore(store.db).save(
        {
          platform: 'telegram',
          eventId: '1',
          kind: 'message',
          chat: { id: '5', type: 'private' },
          sender: { id: '5' },
          text: '3号楼停水了',
          occurredAt: new Date().toISOString(),
        },
        new Date(),
      );
    });
    expect(calls()).toBe(1);
  });
});
