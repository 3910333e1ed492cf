// Node only (it reads files): the packager, scripts and tests use it. The browser entry
// (`src/index.ts`) must not export it; the TV app gets the same files bundled by `profiles.ts`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from './profileSchema.js';
import { loadProfiles, type LoadedProfiles, type ProfileProblem } from './profiles.js';

/** `src/platform/profiles` when run from the sources, `dist/platform/profiles` once built. */
export const PROFILES_FOLDER = fileURLToPath(new URL('./profiles/', import.meta.url));

export interface ProfileFiles {
  /** Parsed JSON by file name (`"tizen.json"`). */
  files: Record<string, unknown>;
  /** Files that are not JSON at all. */
  problems: ProfileProblem[];
}

/** Every `*.json` of the folder, parsed; the same list the bundler builds with `import.meta.glob`. */
export function readProfileFiles(folder: string = PROFILES_FOLDER): ProfileFiles {
  const files: Record<string, unknown> = {};
  const problems: ProfileProblem[] = [];
  const names = readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort();
  for (const file of names) {
    try {
      files[file] = JSON.parse(readFileSync(join(folder, file), 'utf8')) as unknown;
    } catch (error) {
      problems.push({ file, problems: [`(root): not JSON (${(error as Error).message})`] });
    }
  }
  return { files, problems };
}

/** `loadProfiles` over a folder on disk: what a new profile file will look like once bundled. */
export function loadProfilesFromFolder(folder: string = PROFILES_FOLDER): LoadedProfiles {
  const read = readProfileFiles(folder);
  const loaded = loadProfiles(read.files);
  return {
    profiles: loaded.profiles,
    problems: [...read.problems, ...loaded.problems].sort((a, b) => a.file.localeCompare(b.file)),
  };
}

let shipped: LoadedProfiles | undefined;

function shippedProfiles(): LoadedProfiles {
  shipped ??= loadProfilesFromFolder();
  return shipped;
}

/** `profileNames()` of `profiles.ts`, for plain Node (the packager's command line). */
export function profileNames(): string[] {
  return [...shippedProfiles().profiles.keys()].sort();
}

/** `findProfile()` of `profiles.ts`, for plain Node (the packager's command line). */
export function findProfile(name: string): Profile | undefined {
  return shippedProfiles().profiles.get(name);
}
