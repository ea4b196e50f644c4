#!/usr/bin/env node
// The CLI from the TypeScript sources through tsx (a development dependency): no build step, for
// development and for the tests that start the CLI. Production runs bin/linli.js, the compiled CLI.
import { register } from 'tsx/esm/api';

register();
(await import('../src/idle-start.ts')).holdV8WhileIdle();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
