// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.angular/**', 'test/bench/results/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error: the classic way money code fails silently.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/*/src/**', '../../libs/**'],
              message: 'Import a library through its @piazza/* alias.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/apps/**'], message: 'A library never imports an app (ARCHITECTURE.md).' }],
        },
      ],
    },
  },
  {
    files: ['libs/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@piazza/*', '**/apps/**'],
              message: 'core imports no other library (ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/identity/**/*.ts', 'libs/catalogue/**/*.ts', 'libs/notifications/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@piazza/*', '!@piazza/core', '**/apps/**'],
              message: 'identity, catalogue and notifications import only @piazza/core (ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/ledger/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@piazza/*', '!@piazza/core', '**/apps/**'],
              message: 'ledger imports only @piazza/core: every other library moves money through it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/vouchers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@piazza/*', '!@piazza/core', '!@piazza/ledger', '!@piazza/identity', '**/apps/**'],
              message: 'vouchers imports only core, ledger and identity (ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/commerce/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@piazza/reporting', '@piazza/notifications', '@piazza/commerce', '**/apps/**'],
              message: 'commerce builds on core, ledger, identity, catalogue and vouchers (ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/reporting/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@piazza/reporting', '**/apps/**'],
              message:
                'reporting reads from the other libraries; nothing imports it but apps (ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
