import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Folders of use cases and domain: they talk to the ports they declare, never to the store's Kysely classes. */
const CORE = [
  'src/intake',
  'src/staff',
  'src/meeting',
  'src/revisit',
  'src/agenda',
  'src/tickets',
  'src/residents',
  'src/members',
  'src/classify',
  'src/understand',
  'src/privacy',
  'src/i18n',
  'src/calendar',
  'src/turn',
  'src/router',
  'src/inbox',
  'src/outbox',
  'src/estates',
  'src/http',
  'src/voice',
  'src/work-queue.ts',
  'src/queue-worker.ts',
  'src/scheduler.ts',
];
const SDKS = ['telegraf', 'telegraf/*', '@line/bot-sdk', '@line/bot-sdk/*'];
const level = 'error';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.js', 'scripts/**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The shape of the code, enforced: no import cycles; arrows only from the adapters into the core and
  // from the store into the core's ports.
  {
    files: ['src/**/*.{ts,tsx}', 'bots/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': [level, { ignoreExternal: true }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    // The composition roots (the service, the CLI) wire the adapters and the store into the core.
    ignores: ['src/main.ts', 'src/cli.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        level,
        {
          zones: [
            {
              target: 'src',
              from: 'bots',
              message: 'src/ is platform-neutral: adapters plug into it; only src/main.ts wires them.',
            },
            ...CORE.map((target) => ({
              target,
              from: 'src/store',
              message:
                'A use case talks to the ports it declares (TicketStore, UnitOfWork…); src/main.ts wires the Kysely classes.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['bots/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-restricted-paths': [
        level,
        {
          zones: [
            {
              target: 'bots',
              from: 'src/store',
              message: "Adapters use the core's public surface (use cases, events, the Sender port), not the store.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        level,
        { patterns: [{ group: SDKS, message: 'src/ is platform-neutral: SDKs live in bots/<platform>.' }] },
      ],
    },
  },
);
