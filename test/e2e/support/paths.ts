import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Screenshots and logs of a run; never committed. */
export function outputDir(...parts: string[]): string {
  const dir = join(REPO_ROOT, 'test-output', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * This run's folder (set by the global setup): server logs and the list of data folders that the
 * privacy scan reads when the suite is over.
 */
export function runDir(...parts: string[]): string {
  return outputDir(process.env.MADOGUCHI_E2E_RUN ?? 'e2e-run', ...parts);
}
