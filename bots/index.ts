import type { AdapterDeps, PlatformAdapter } from '../src/platform.ts';

/** The platform adapters the configuration turns on (each loaded only when configured). */
export async function createPlatformAdapters(deps: AdapterDeps): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (deps.config.telegram.token) {
    const { createTelegramAdapter } = await import('./telegram/index.ts');
    adapters.push(createTelegramAdapter(deps));
  }
  if (deps.config.line.channelSecret && deps.config.line.channelAccessToken) {
    const { createLineAdapter } = await import('./line/index.ts');
    adapters.push(createLineAdapter(deps));
  }
  return adapters;
}
