// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { moduleBoundaries } from './scripts/eslint/moduleBoundaries.js';

/** The one clock (shared/src/clock.ts): nothing else reads the system's time. */
const CLOCK_RULE = [
  'error',
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Take a Clock (shared/src/clock.ts) instead of Date.now(); for durations, performance.now().',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Take a Clock (shared/src/clock.ts) instead of new Date().',
  },
];

/**
 * Every query names its tenant (issue 12): outside the data layer, a module gets only a TenantDb
 * (Database.forTenant), whose starters are filtered by the tenant. The raw handles are the data
 * layer's, the composition root's (to make TenantDbs) and the whole-database tools'.
 */
const RAW_KYSELY = {
  selector: "MemberExpression[property.name='kysely']",
  message:
    'No raw Kysely outside window-server/src/db: take a TenantDb (db.forTenant(id)) and query through it.',
};
const RAW_DATABASE_IMPORTS = [
  'error',
  {
    paths: [
      {
        name: 'kysely',
        importNames: ['Kysely', 'Transaction'],
        message: 'Stores query through a TenantDb / TenantTx (window-server/src/db/TenantDb.ts).',
      },
    ],
    patterns: [
      {
        regex: '(^|/)db/index\\.js$',
        importNames: ['Database', 'Executor', 'Tx'],
        message:
          'Only wiring/ and main.ts hold the Database; a module takes a TenantDb (every query filtered by its tenant).',
      },
    ],
  },
];
/** The whole-database tools (db:copy, audit:verify) and the data layer itself use the raw handle. */
const RAW_ALLOWED = [
  'window-server/src/db/**',
  'window-server/src/dbCopy.ts',
  'window-server/src/auditVerify.ts',
  '**/*.test.ts',
];

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
    // No import cycles anywhere: a cycle is two modules that are really one, or a missing leaf.
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      // How import-x reads the files it follows (it parses them itself).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['*/tsconfig.json', 'test/tsconfig.json'],
          noWarnOnMultipleProjects: true,
          conditionNames: ['source', 'types', 'import', 'default'],
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The data layer is async: a promise nobody awaits is a check that never happened (a consent
    // refused after the data went out) or a write nobody waits for. The type checker finds them.
    files: ['window-server/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['window-server/src/**/*.ts'],
    plugins: { madoguchi: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'madoguchi/module-boundaries': 'error' },
  },
  {
    files: ['*/src/**/*.ts', '*/src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'shared/src/clock.ts'],
    rules: { 'no-restricted-syntax': CLOCK_RULE },
  },
  {
    files: ['window-server/src/**/*.ts'],
    ignores: RAW_ALLOWED,
    // The clock rule's selectors too: a later no-restricted-syntax replaces an earlier one.
    rules: { 'no-restricted-syntax': [...CLOCK_RULE, RAW_KYSELY] },
  },
  {
    files: ['window-server/src/**/*.ts'],
    ignores: [
      ...RAW_ALLOWED,
      'window-server/src/wiring/**',
      'window-server/src/main.ts',
      'window-server/src/index.ts',
    ],
    rules: { 'no-restricted-imports': RAW_DATABASE_IMPORTS },
  },
  {
    files: ['tv-app/src/**', 'staff-console/src/**', 'stb-bridge/src/platform/**', 'stb-bridge/src/agent/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Command-line scripts talk to a person through the console.
    files: ['scripts/**', '**/scripts/**', '**/cli.ts', 'test/bench/**', 'stb-bridge/src/packager/**'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
