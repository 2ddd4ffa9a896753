// One lint config for the monorepo. The import rules keep DESIGN.md's dependency direction:
// web -> core, protocol; server -> core, store, protocol; store -> core, protocol; core -> protocol.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/build/**', '**/.svelte-kit/**', '**/node_modules/**', '**/.turbo/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // User text (questions, names, poll answers) must never be rendered as HTML.
      'svelte/no-at-html-tags': 'error',
      // Plain hrefs are fine in this app: paths are built from ids we control.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    files: ['packages/protocol/**/*.ts'],
    rules: restrict([
      { group: ['@jisr/*'], message: 'protocol is the bottom layer: it imports nothing of Jisr.' },
    ]),
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: restrict([
      { group: ['@jisr/store/*', '@jisr/server/*', '@jisr/web/*'], message: 'core is pure domain logic: it may import only protocol.' },
      { group: ['express', 'socket.io', 'socket.io-client', 'redis', 'libsql', 'node:*'], message: 'core does no I/O.' },
    ]),
  },
  {
    files: ['packages/store/**/*.ts'],
    rules: restrict([
      { group: ['@jisr/server/*', '@jisr/web/*'], message: 'store sits below the apps: it may import core and protocol only.' },
      { group: ['express', 'socket.io', 'socket.io-client'], message: 'store knows nothing of transport.' },
    ]),
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.svelte'],
    rules: restrict([
      { group: ['@jisr/store/*', '@jisr/server/*'], message: 'web talks to the server over /api and Socket.IO only.' },
    ]),
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: restrict([{ group: ['@jisr/web/*'], message: 'the server serves the built web app; it does not import its code.' }]),
  },
);
