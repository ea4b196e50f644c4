#!/usr/bin/env node
// `npm run bench`: the benchmarks are TypeScript, run through tsx; they measure the compiled service
// (`npm run bench` builds dist/ first).
import { register } from 'tsx/esm/api';

register();
await import('../bench/run.ts');
