// `npm run build` (npm install and npm ci run it through `prepare`): compiles the TypeScript into dist/
// and trains the offline classifier's model into dist/models, so that `linli serve` starts without
// compiling or training anything.
//
// esbuild, not tsc, writes dist/ (`npm run typecheck` checks the types): it bundles our modules and the
// pure-ESM libraries that are loaded at every start (Kysely's 260 files, zod's 95) into a few files,
// which halves the service's start-up time and saves ~30 MiB of memory. The packages with native code,
// worker threads or optional parts (better-sqlite3, pg, pino, the bot SDKs, openai, resvg…) stay in
// node_modules and are imported from there; the SDKs, openai and resvg only when a feature uses them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BUNDLED = new Set(['kysely', 'zod']);
const external = Object.keys(packageJson.dependencies).filter((name) => !BUNDLED.has(name));

// The hash of the classifier's code, which names its model file (src/classify/model-file.ts).
const classifyDir = join(root, 'src', 'classify');
const codeHash = createHash('sha256');
for (const name of readdirSync(classifyDir)
  .filter((n) => n.endsWith('.ts'))
  .sort()) {
  codeHash
    .update(`${name}\0`)
    .update(readFileSync(join(classifyDir, name)))
    .update('\0');
}

const started = performance.now();
const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: [
    'src/cli.ts',
    // Its own file, so that bin/linli.js holds V8 small before it loads anything else.
    'src/idle-start.ts',
    'src/classify/offline-classifier.ts',
    ...readdirSync(join(root, 'migrations'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `migrations/${name}`),
  ],
  outdir: 'dist',
  outbase: '.',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: 'linked',
  define: { LINLI_CLASSIFIER_CODE_HASH: JSON.stringify(codeHash.digest('hex')) },
  logLevel: 'warning',
  metafile: true,
});
// Files of earlier builds go only now, after the new ones are written: a CLI started meanwhile (the
// tests build before they run) finds either build whole.
const written = new Set(Object.keys(metafile.outputs));
for (const dir of ['dist/src', 'dist/chunks', 'dist/migrations', 'dist/src/classify']) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const file = relative(root, join(root, dir, entry.name));
    if (entry.isFile() && !written.has(file)) rmSync(join(root, file));
  }
}
console.log(`dist/ compiled in ${Math.round(performance.now() - started)} ms`);

const { BUILT_MODEL_DIR, openOfflineClassifier } = await import(
  new URL('../dist/src/classify/offline-classifier.js', import.meta.url).href
);
const trainStarted = performance.now();
const classifier = await openOfflineClassifier({ cacheDir: BUILT_MODEL_DIR });
console.log(
  `offline classifier: ${classifier.featureCount} features, model in ${BUILT_MODEL_DIR} (${Math.round(performance.now() - trainStarted)} ms)`,
);
