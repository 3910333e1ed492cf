import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Unit tests beside the code and integration tests against a real server, real SQLite files
// and real socket.io clients. Workspace packages resolve to their TypeScript sources.
// Two projects, one per database engine: `sqlite` runs everything as before; `postgres` runs the
// files listed below against a real PostgreSQL that its global setup starts for the run.

/** Files that run against PostgreSQL too (the store and integration suites go here). */
const POSTGRES_SUITES: string[] = [
  'window-server/src/db/**/*.test.ts',
  'window-server/src/fleet/Fleet.test.ts',
  'window-server/src/staff/StaffAuth.test.ts',
  'test/integration/**/*.test.ts',
];
/** Integration files that never touch window-server's database: once is enough. */
const ENGINE_FREE = ['test/integration/packager.test.ts'];
/** What only one engine has: SQLite's files and single connection; PostgreSQL's restarts. */
const SQLITE_ONLY = ['window-server/src/db/sqliteFiles.test.ts'];
const POSTGRES_ONLY = ['test/integration/database-faults.test.ts'];

const vite = {
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
} satisfies TestProjectInlineConfiguration;

const common = {
  environment: 'node',
  testTimeout: 20_000,
  hookTimeout: 30_000,
  pool: 'forks',
} satisfies TestProjectInlineConfiguration['test'];

export default defineConfig({
  ...vite,
  test: {
    projects: [
      {
        ...vite,
        test: {
          ...common,
          name: 'sqlite',
          include: ['*/src/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...POSTGRES_ONLY],
          env: { MADOGUCHI_TEST_ENGINE: 'sqlite' },
        },
      },
      {
        ...vite,
        test: {
          ...common,
          name: 'postgres',
          include: ['test/pg/**/*.test.ts', ...POSTGRES_SUITES],
          exclude: [...configDefaults.exclude, ...ENGINE_FREE, ...SQLITE_ONLY],
          globalSetup: ['test/support/postgresGlobalSetup.ts'],
          env: { MADOGUCHI_TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
});
