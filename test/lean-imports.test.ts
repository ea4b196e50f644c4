import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Static imports that load a module when the importer loads: `import x from`, `import { a, type B } from`
// (kept whole under verbatimModuleSyntax), `import 'm'`, `export … from`. `import type` loads nothing;
// `await import()` loads when the code runs, which is the point.
const STATIC_IMPORT = /^(?:import(?!\s+type\s)(?:[^;'"]*?\sfrom)?|export\s[^;'"]*?\sfrom)\s*'([^']+)'/gm;

/** Every module `entry` loads at once: files of this repository (relative to it) and packages (by name). */
function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const key = file.slice(ROOT.length);
    if (seen.has(key)) return;
    seen.add(key);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (specifier!.startsWith('node:')) continue;
      if (specifier!.startsWith('.')) {
        const target = resolve(dirname(file), specifier!);
        if (!existsSync(target)) throw new Error(`${key} imports ${specifier}, which does not exist`);
        visit(target);
      } else {
        seen.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
      }
    }
  };
  visit(join(ROOT, entry));
  return seen;
}

describe('what loads at start-up', () => {
  it('the CLI loads no command, database, logger or configuration before it knows the command (help answers at once)', () => {
    const loaded = staticImports('src/cli.ts');
    for (const heavy of [
      'src/main.ts',
      'src/config.ts',
      'src/logger.ts',
      'src/store/database.ts',
      'src/store/migrate.ts',
      'kysely',
      'zod',
      'pino',
      'better-sqlite3',
      'pg',
    ]) {
      expect(loaded, heavy).not.toContain(heavy);
    }
  });

  it('the service loads no bot SDK, LLM client or chart renderer until a feature uses it', () => {
    const loaded = staticImports('src/main.ts');
    expect(loaded).toContain('src/store/database.ts');
    for (const lazy of [
      'telegraf',
      '@line/bot-sdk',
      'openai',
      '@resvg/resvg-js',
      'pg',
      'src/classify/openai-classifier.ts',
      'src/agenda/openai-narrative.ts',
      'src/llm/openai-client.ts',
      'bots/telegram/index.ts',
      'bots/line/index.ts',
      // prom-client's index, which loads its Pushgateway (http, https, tls, zlib): src/metrics.ts
      // requires the modules it uses one by one.
      'prom-client',
    ]) {
      expect(loaded, lazy).not.toContain(lazy);
    }
  });

  it('the service loads the staff web console (Hono, its pages, exceljs) only on the first /console request', () => {
    const loaded = staticImports('src/main.ts');
    expect(loaded).toContain('src/console/console-route.ts');
    for (const lazy of [
      'hono',
      '@hono/node-server',
      'exceljs',
      'src/console/console-wiring.ts',
      'src/console/console-app.tsx',
      'src/console/export-tickets.ts',
    ]) {
      expect(loaded, lazy).not.toContain(lazy);
    }
    expect(staticImports('src/console/console-wiring.ts')).toContain('hono');
  });

  it('finds the imports it is looking for (the check itself works)', () => {
    const loaded = staticImports('src/classify/openai-classifier.ts');
    expect(loaded).toContain('openai');
    expect(loaded).toContain('src/llm/openai-client.ts');
    expect(staticImports('bots/telegram/index.ts')).toContain('telegraf');
  });
});
