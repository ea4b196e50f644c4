import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest's global setup: builds dist/ (scripts/build.js, a few seconds; the classifier's model only
 * when the corpus or its code changed) before any test runs, however the tests are started. The tests
 * that start the CLI run the compiled bin/linli.js, as operators do, and never a stale build.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.js'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 300_000,
  });
}
