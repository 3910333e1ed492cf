import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The house rule that every query names its tenant (eslint.config.js): lints small files as if
// they sat at a path in window-server/src, with the repository's own configuration.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The files below do not exist, so the type-aware rules (which need them in a tsconfig) are off.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
});

async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-imports')
    .map((m) => `${m.ruleId}: ${m.message}`);
}

const LEAKY = `import type { Database } from '../db/index.js';

export class LeakyStore {
  constructor(private readonly db: Database) {}

  all(): Promise<unknown[]> {
    return this.db.kysely.selectFrom('devices').selectAll().execute();
  }
}
`;

const SCOPED = `import type { TenantDb } from '../db/index.js';

export class ScopedStore {
  constructor(private readonly db: TenantDb) {}

  all(): Promise<unknown[]> {
    return this.db.selectFrom('devices').selectAll().execute();
  }
}
`;

describe('every query through a tenant handle (lint)', () => {
  it('refuses a module that takes the Database or reaches for its raw Kysely', async () => {
    expect(await problems('window-server/src/counter/LeakyStore.ts', LEAKY)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*'Database'.*TenantDb/),
      expect.stringMatching(/^no-restricted-syntax: No raw Kysely outside window-server\/src\/db/),
    ]);
  });

  it("refuses a transaction's raw executor and Kysely's own classes in a module", async () => {
    const code = `import type { Kysely } from 'kysely';
import type { Executor } from '../db/index.js';
export type Both = [Kysely<object>, Executor];
`;
    expect(await problems('window-server/src/identity/Leaky.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*'Kysely'/),
      expect.stringMatching(/^no-restricted-imports: .*'Executor'/),
    ]);
  });

  it('lets a store on a TenantDb through', async () => {
    expect(await problems('window-server/src/counter/ScopedStore.ts', SCOPED)).toEqual([]);
  });

  it('lets the data layer and the whole-database tools use the raw handle', async () => {
    expect(
      await problems('window-server/src/db/Tool.ts', LEAKY.replace('../db/index.js', './index.js')),
    ).toEqual([]);
    expect(await problems('window-server/src/dbCopy.ts', LEAKY.replace('../db/', './db/'))).toEqual([]);
  });

  it('lets the composition root hold the Database, never its raw Kysely', async () => {
    expect(await problems('window-server/src/wiring/leaky.ts', LEAKY)).toEqual([
      expect.stringMatching(/^no-restricted-syntax: No raw Kysely/),
    ]);
  });
});
