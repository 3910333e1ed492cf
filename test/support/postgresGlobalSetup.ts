import type { TestProject } from 'vitest/node';
import { provideThrowawayPostgres } from './postgres.js';

/**
 * Global setup of the `postgres` vitest project: one throwaway cluster for the whole run,
 * provided to its tests as `inject('postgres')` ({ url, binDir, dataDir, port }; the typing is
 * declared in ./postgres.ts) and removed in teardown. Vitest calls a project's global setup only
 * when that project has test files queued, so a run that selects none starts no PostgreSQL.
 * Durable settings (fsync on): the project holds the fault tests that stop PostgreSQL mid-test.
 */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return provideThrowawayPostgres(project);
}
