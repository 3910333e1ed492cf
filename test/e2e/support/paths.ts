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
