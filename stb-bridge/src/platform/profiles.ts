/// <reference types="vite/client" />
import { profileSchema, type Profile } from './profileSchema.js';

export const DEFAULT_PROFILE_NAME = 'browser';

export interface ProfileProblem {
  file: string;
  problems: string[];
}

export interface LoadedProfiles {
  profiles: ReadonlyMap<string, Profile>;
  problems: ProfileProblem[];
}

/**
 * The raw profile files shipped in `profiles/`, by file name (`"tizen.json"`). Vite and vitest
 * gather them at build time: a new `<name>.json` there is picked up by the next build, with no
 * code change and no generated list. Plain Node has no `import.meta.glob` (calling this throws
 * there): use `findProfile`, `profileNames` and `loadProfilesFromFolder` of `nodeProfiles.ts`,
 * which read the same folder with fs.
 */
export function bundledProfileFiles(): Record<string, unknown> {
  let modules: Record<string, unknown>;
  try {
    // The bundler replaces this call with the files' contents; it must stay a literal call.
    modules = import.meta.glob<unknown>('./profiles/*.json', { eager: true, import: 'default' });
  } catch (error) {
    throw new Error(
      'set-top box profiles are bundled by Vite (import.meta.glob); in plain Node import ' +
        'findProfile, profileNames or loadProfilesFromFolder from stb-bridge/src/platform/nodeProfiles.ts',
      { cause: error },
    );
  }
  return Object.fromEntries(
    Object.entries(modules).map(([path, data]) => [path.slice(path.lastIndexOf('/') + 1), data]),
  );
}

/** Validate every profile file; a broken file is reported, never half-used. */
export function loadProfiles(
  files: Readonly<Record<string, unknown>> = bundledProfileFiles(),
): LoadedProfiles {
  const profiles = new Map<string, Profile>();
  const problems: ProfileProblem[] = [];
  for (const [file, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const parsed = profileSchema.safeParse(data);
    if (!parsed.success) {
      problems.push({
        file,
        problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
      });
      continue;
    }
    if (`${parsed.data.name}.json` !== file) {
      problems.push({ file, problems: [`name "${parsed.data.name}" does not match the file name`] });
      continue;
    }
    profiles.set(parsed.data.name, parsed.data);
  }
  return { profiles, problems };
}

let loaded: LoadedProfiles | undefined;

function shippedProfiles(): LoadedProfiles {
  loaded ??= loadProfiles();
  return loaded;
}

export function profileNames(): string[] {
  return [...shippedProfiles().profiles.keys()].sort();
}

export function findProfile(name: string): Profile | undefined {
  return shippedProfiles().profiles.get(name);
}
