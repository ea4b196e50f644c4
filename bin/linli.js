#!/usr/bin/env node
// The CLI, compiled: `npm run build` (which `npm install` and `npm ci` run) writes dist/. To run the
// TypeScript sources instead, while developing, use bin/linli-dev.js (`npm run dev -- <command>`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'linli: dist/ is missing; run "npm run build" (npm install runs it) or, with the sources, "npm run dev -- <command>".',
  );
  process.exit(1);
}
// Before anything else is loaded: V8 stays small while `linli serve` has no work (src/idle-start.ts).
(await import(new URL('../dist/src/idle-start.js', import.meta.url).href)).holdV8WhileIdle();
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
