import { setFlagsFromString } from 'node:v8';

// V8's default --semi-space-growth-factor (the flag has no getter to read it back).
const V8_GROWTH_FACTOR = 2;

let held = false;

/**
 * Holds V8's young generation at its initial size until {@link releaseYoungGeneration}. The CLI holds
 * it from its first line; `linli serve` lets it go at the first incoming event, every other command
 * at once.
 *
 * V8 doubles the young generation (the two semi-spaces new objects are born in) whenever enough of
 * what it holds survives collections. Start-up is nearly all survivors — the modules, the offline
 * classifier's model, the list of migrations — and so is the work that follows it (a missed weekly
 * agenda looked for minute by minute over a week): left alone, the young generation of a service that
 * then sits idle, allocating next to nothing, grows from 2 to 8 MiB, all of it resident. Under the
 * service's real load (webhooks, intake) the default growth is back, and a larger young generation
 * saves collections. A growth factor the operator set (node --semi-space-growth-factor,
 * NODE_OPTIONS) is left alone.
 */
export function holdYoungGeneration(): void {
  const operatorSet = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) =>
    /semi[-_]space[-_]growth[-_]factor/.test(arg),
  );
  if (operatorSet || held) return;
  setFlagsFromString('--semi-space-growth-factor=1');
  held = true;
}

/** Lets the young generation grow again (nothing when it is not held). */
export function releaseYoungGeneration(): void {
  if (!held) return;
  held = false;
  setFlagsFromString(`--semi-space-growth-factor=${V8_GROWTH_FACTOR}`);
}
