// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'tv-app/dist-release/**',
      '**/node_modules/**',
      'data/**',
      'test-output/**',
      '**/public/**',
      'scripts/mediasoup-worker/subprojects/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['tv-app/src/**', 'staff-console/src/**', 'stb-bridge/src/platform/**', 'stb-bridge/src/agent/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Command-line scripts talk to a person through the console.
    files: ['scripts/**', '**/scripts/**', '**/cli.ts', 'test/bench/**', 'stb-bridge/src/package/**'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
