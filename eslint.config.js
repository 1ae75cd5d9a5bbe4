// Lint: typescript-eslint's recommended rules plus the layer rules of DESIGN.md ("Dependencies point
// down only"). Each block names what a layer must not import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const http = ['node:http', 'node:https', 'http', 'https', 'undici', 'node:net', 'node:tls'];
const crypto = ['node:crypto', 'crypto'];
const terminal = ['@inquirer/prompts', 'ora', 'chalk'];

const restrict = (paths, patterns = []) => ({
  'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message: 'This layer must not import it (DESIGN.md, Layers).' })), patterns }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.cache/', 'completions/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: {
      ...restrict([...http, ...crypto, ...terminal], [{ group: ['**/sandbox/*', '!**/sandbox/runtime-file.js', '!**/sandbox/server.js'], message: 'Commands reach the sandbox only through its server entry points.' }]),
      'no-restricted-globals': ['error', { name: 'process', message: 'Use deps (env, io) instead.' }, { name: 'console', message: 'Use deps.out / deps.io.' }],
    },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: restrict([], [{ group: ['**/commands/*', '**/commands/**', '**/domain/*', '**/domain/**', '**/plan/**', '**/ui/**'], message: 'The sandbox must not import the CLI layers.' }]),
  },
  {
    files: ['src/crypto/**/*.ts'],
    rules: restrict([...http, 'node:fs', 'fs', 'node:fs/promises'], [{ group: ['**/api/**', '**/config/**', '**/ui/**', '**/sandbox/**'], message: 'crypto is pure.' }]),
  },
  {
    files: ['src/api/**/*.ts'],
    rules: restrict([...terminal], [{ group: ['**/crypto/**', '**/ui/**', '**/commands/**', '**/domain/**'], message: 'api must not decrypt or format.' }]),
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: restrict([...http], [{ group: ['**/api/**', '**/sandbox/**'], message: 'ui must not know about HTTP.' }]),
  },
  {
    files: ['src/domain/**/*.ts', 'src/plan/**/*.ts'],
    rules: restrict(['@inquirer/prompts', 'ora'], [{ group: ['**/commands/**'], message: 'domain/plan must not depend on commands.' }]),
  },
  {
    files: ['src/config/**/*.ts'],
    rules: restrict([...http], [{ group: ['**/api/**', '**/sandbox/**'], message: 'config never talks to a server.' }]),
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: restrict([...http, ...crypto], [{ group: ['**/api/**', '**/sandbox/**', '**/crypto/**'], message: 'protocol holds schemas and enums only.' }]),
  },
);
