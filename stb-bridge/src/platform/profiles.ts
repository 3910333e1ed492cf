import { PROFILE_FILES } from './profiles/index.js';
import { profileSchema, type Profile } from './profileSchema.js';

export const DEFAULT_PROFILE_NAME = 'browser';

export interface ProfileProblem {
  file: string;
  problems: string[];
}

interface LoadedProfiles {
  profiles: ReadonlyMap<string, Profile>;
  problems: ProfileProblem[];
}

/** Validate every profile file; a broken file is reported, never half-used. */
export function loadProfiles(files: Readonly<Record<string, unknown>> = PROFILE_FILES): LoadedProfiles {
  const profiles = new Map<string, Profile>();
  const problems: ProfileProblem[] = [];
  for (const [file, data] of Object.entries(files)) {
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
