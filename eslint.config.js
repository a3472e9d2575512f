// Lint with type information: the rules that catch real bugs (a promise nobody awaits, an async
// function where a callback must return void) need the TypeScript program, not just the syntax.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'bench-results/**',
      'migrations/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and benches read JSON answers as `any` on purpose: their assertions are the type check.
    files: ['**/test/**', '**/test-restart/**', '**/e2e/**', '**/bench/**', '**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Fastify plugins and route files are `async function (app) { ... }` by convention: Fastify
    // (avvio) treats an async plugin as done when its promise settles, and one that registers routes
    // without awaiting anything is still correct. Making them sync would need the `done` callback
    // style instead, which is easier to get wrong. Everywhere else an async function without an
    // await is a smell, and the rule stays on.
    files: ['apps/api/src/plugins/**/*.ts', 'apps/api/src/modules/**/*.routes.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
