// Lint rules, including the architecture: who may import whom (see ../shared/DESIGN.md and README).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layers are sibling folders, so a cross-layer import always climbs out with '../'.
const layer = (name) => [
  `../${name}`,
  `../${name}/**`,
  `../../${name}`,
  `../../${name}/**`,
  `**/src/${name}`,
  `**/src/${name}/**`,
];
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'child_process', 'stream'];

/** Import restrictions per folder: the layers of the design. */
const restrict = (files, patterns, message, extra = []) => ({
  files,
  ignores: ['**/__tests__/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: patterns, message }, ...extra.map((regex) => ({ regex, message }))] },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-server',
      'dist-e2e',
      'test-results',
      'playwright-report',
      'public',
      'training',
      'coverage',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  restrict(
    ['src/core/**/*.ts'],
    [
      ...layer('db'),
      ...layer('orchestrator'),
      ...layer('app'),
      ...layer('workers'),
      ...layer('server'),
      'react',
      'react-dom',
      'dexie',
      'onnxruntime-*',
      '@mlc-ai/*',
      ...nodeBuiltins,
    ],
    'src/core is pure TypeScript shared by page, worker and proxy: no DOM, Node, storage or UI imports.',
  ),
  restrict(
    ['src/db/**/*.ts'],
    [...layer('orchestrator'), ...layer('app'), ...layer('workers'), ...layer('server'), 'react'],
    'src/db may import only src/core.',
  ),
  restrict(
    ['src/orchestrator/**/*.ts'],
    [...layer('app'), ...layer('server'), 'react', '@mlc-ai/*'],
    'The orchestrator may use core, db and the worker/cloud clients, never the UI or the proxy.',
  ),
  restrict(
    ['src/app/**/*.{ts,tsx}'],
    [...layer('server'), '@mlc-ai/*', 'onnxruntime-*', '**/*.worker', '**/*.worker.ts'],
    'The UI goes through the orchestrator and db hooks; it never imports the proxy or model runtimes.',
  ),
  restrict(
    ['workers/**/*.ts'],
    [...layer('db'), ...layer('orchestrator'), ...layer('app'), ...layer('server'), 'react'],
    'Workers may import only src/core (and their own modules).',
  ),
  restrict(
    ['server/**/*.ts'],
    [...layer('db'), ...layer('orchestrator'), ...layer('app'), 'react', 'dexie'],
    'The proxy may import only src/core (and the NER session module, workers/ner/ort-session).',
    // Any of workers/ except the NER model's session module (no DOM, no Node APIs), shared with
    // the browser worker and the CLIs so that RESCAN_MODEL=1 runs the very runtime the browser runs.
    ['^(\\.\\./)+workers(/(?!ner/ort-session$).*)?$', '/src/workers(/|$)'],
  ),
);
