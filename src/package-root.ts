import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder, the one with package.json, corpus/ and prompts/: the nearest folder above
 * this module that has a package.json. The module is src/package-root.ts in a checkout, or part of a
 * file of dist/ once built (`npm run build`), and the files that are not code are found either way.
 */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** Whether this is the built code of dist/ (JavaScript) rather than the TypeScript sources. */
export const COMPILED = !import.meta.url.endsWith('.ts');

/** A path inside the package, e.g. `packagePath('corpus', 'train')`. */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
