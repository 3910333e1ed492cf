import { defineConfig } from 'vitest/config';

// Benchmarks: measured against the built system in real Chromium, written to test-output/bench/
// and docs/benchmarks.md. They assert nothing about speed; `npm test` does not run them.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/bench/**/*.measure.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
