// Lint rules, including the layer boundaries of ARCHITECTURE.md: a wrong import fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// The Electron side and the renderer may import cloud/contract and cloud/domain only.
const OUTSIDE_CLOUD = {
  group: [
    '**/cloud/db/**',
    '**/cloud/services/**',
    '**/cloud/adapters/**',
    '**/cloud/http/**',
    '**/cloud/local/**',
    '**/cloud/lambda/**',
    '**/cloud/infra/**',
  ],
  message: 'Only cloud/contract and cloud/domain may be imported outside cloud/.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'var/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // contract is a leaf: it imports nothing of ours.
  {
    files: ['cloud/contract/**'],
    rules: restrict([
      {
        group: [
          '**/domain/**',
          '**/db/**',
          '**/services/**',
          '**/adapters/**',
          '**/http/**',
          '**/local/**',
          '**/lambda/**',
        ],
        message: 'cloud/contract is a leaf.',
      },
    ]),
  },
  // domain: pure rules, no I/O, only contract below it.
  {
    files: ['cloud/domain/**'],
    rules: restrict([
      {
        group: ['**/db/**', '**/services/**', '**/adapters/**', '**/http/**', '**/local/**', '**/lambda/**'],
        message: 'cloud/domain is pure: it may import only cloud/contract.',
      },
      {
        group: ['pg', '@electric-sql/*', 'ws', 'hono', 'hono/*', 'node:fs', 'node:net', 'node:http'],
        message: 'cloud/domain does no I/O.',
      },
    ]),
  },
  {
    files: ['cloud/db/**'],
    rules: restrict([
      {
        group: ['**/services/**', '**/http/**', '**/local/**', '**/lambda/**', '**/adapters/**'],
        message: 'cloud/db sits below services.',
      },
    ]),
  },
  {
    files: ['cloud/services/**'],
    rules: restrict([
      {
        group: ['**/http/**', '**/local/**', '**/lambda/**', '**/adapters/**'],
        message: 'services declare ports; adapters implement them, not the other way round.',
      },
    ]),
  },
  {
    files: ['cloud/http/**'],
    rules: restrict([
      { group: ['**/local/**', '**/lambda/**'], message: 'http is used by local/lambda, not the reverse.' },
    ]),
  },
  // The Electron side and the renderer may import cloud/contract and cloud/domain only.
  {
    files: ['main/**', 'preload/**', 'renderer/**'],
    rules: restrict([OUTSIDE_CLOUD]),
  },
  // Electron glue stays thin: only main/app.ts, main/ipc.ts and preload/index.ts import electron.
  {
    files: ['main/**', 'preload/**', 'renderer/**'],
    ignores: ['main/app.ts', 'main/ipc.ts', 'preload/index.ts'],
    rules: restrict([
      OUTSIDE_CLOUD,
      { group: ['electron'], message: 'Only main/app.ts, main/ipc.ts and preload/index.ts touch Electron.' },
    ]),
  },
);
