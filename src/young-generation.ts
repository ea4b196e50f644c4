import { setFlagsFromString } from 'node:v8';

// V8's default --semi-space-growth-factor (the flag has no getter to read it back).
const V8_GROWTH_FACTOR = 2;

/**
 * Runs `start` with V8's young generation held at its initial size, then lets it grow again.
 *
 * V8 doubles the young generation (the two semi-spaces new objects are born in) whenever enough of
 * what it holds survives a collection. Start-up is nearly all survivors — the modules, the offline
 * classifier's model, the list of migrations — so by the first /healthz the young generation has
 * grown from 2 to 16 MiB, resident in a process that then sits idle allocating next to nothing. With
 * the growth factor at 1 while the service starts, it stays at 2 MiB; afterwards the default factor
 * is back and it grows under the service's real load (webhooks, intake), where a larger young
 * generation saves collections. A growth factor the operator set (node --semi-space-growth-factor,
 * NODE_OPTIONS) is left alone.
 */
export async function withYoungGenerationHeld<T>(start: () => Promise<T>): Promise<T> {
  const operatorSet = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) =>
    /semi[-_]space[-_]growth[-_]factor/.test(arg),
  );
  if (operatorSet) return start();
  setFlagsFromString('--semi-space-growth-factor=1');
  try {
    return await start();
  } finally {
    setFlagsFromString(`--semi-space-growth-factor=${V8_GROWTH_FACTOR}`);
  }
}
