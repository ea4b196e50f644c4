import { setFlagsFromString } from 'node:v8';

/** What the operator gave node (on its command line or in NODE_OPTIONS): flags set there are left alone. */
const OPERATOR_FLAGS = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');

/** The flags held while idle, with V8's defaults to give back (the flags have no getter to read them). */
const IDLE_FLAGS = [
  {
    operator: /semi[-_]space[-_]growth[-_]factor/,
    idle: '--semi-space-growth-factor=1',
    normal: '--semi-space-growth-factor=2',
  },
  { operator: /--(no[-_])?(opt|turbofan)\b/, idle: '--no-opt', normal: '--opt' },
].filter((flag) => !flag.operator.test(OPERATOR_FLAGS));

let held = false;

/**
 * Keeps V8 small while the process has no work yet, until {@link releaseV8}: its young generation
 * stays at its initial size and its optimizing compiler is off. The CLI holds it from its first line;
 * `linli serve` lets it go at its first piece of work (see startService's `onFirstWork`), every other
 * command at once.
 *
 * - V8 doubles the young generation (the two semi-spaces new objects are born in) whenever enough of
 *   what it holds survives collections. Start-up is nearly all survivors — the modules, the offline
 *   classifier's model, the list of migrations — and so is the work that follows it (a missed weekly
 *   agenda looked for minute by minute over a week): left alone, it grows from 2 to 8 MiB, resident in
 *   a service that then sits idle allocating next to nothing.
 * - Start-up runs hot loops once (resolving some 250 module paths, migrations, checking the model):
 *   optimizing them pages in the optimizing compiler (about 5 MiB of node's binary, resident from
 *   then on) for code that will not run again.
 *
 * Under the service's real load (webhooks, the console, the weekly agenda) both are back: a larger
 * young generation saves collections, and the hot code is optimized as usual. A flag the operator
 * gave node (--semi-space-growth-factor, --opt or --no-opt, on its command line or in NODE_OPTIONS) is
 * left alone.
 */
export function holdV8WhileIdle(): void {
  if (held) return;
  held = true;
  for (const flag of IDLE_FLAGS) setFlagsFromString(flag.idle);
}

/** Gives V8 its defaults back (nothing when it is not held). */
export function releaseV8(): void {
  if (!held) return;
  held = false;
  for (const flag of IDLE_FLAGS) setFlagsFromString(flag.normal);
}
