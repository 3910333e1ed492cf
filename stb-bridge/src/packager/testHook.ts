import type { TarEntry } from './ustar.js';

/**
 * The global the TV app's test hook installs (`window.__madoguchi`, tv-app/src/testHook/): only
 * the hosted and dev builds have it, and a package must not. test/integration/packager.test.ts
 * checks that a build with the hook really names it, so a renamed hook cannot slip past.
 */
export const TEST_HOOK_MARKER = '__madoguchi';

/** The files of a built app that name the test hook's global (any file: scripts, pages, maps). */
export function filesWithTestHook(files: readonly TarEntry[]): string[] {
  const marker = Buffer.from(TEST_HOOK_MARKER);
  return files.filter((file) => Buffer.from(file.data).includes(marker)).map((file) => file.path);
}
