import { loadProfilesFromFolder } from '../platform/nodeProfiles.js';
import type { Profile } from '../platform/profileSchema.js';

/**
 * The shipped set-top box profiles read from the folder (plain Node has no `import.meta.glob`,
 * which the browser build uses). A broken profile file is left out here and reported by the
 * profile tests and the TV app build.
 */
let shipped: ReadonlyMap<string, Profile> | undefined;

function profiles(): ReadonlyMap<string, Profile> {
  shipped ??= loadProfilesFromFolder().profiles;
  return shipped;
}

export function shippedProfile(name: string): Profile | undefined {
  return profiles().get(name);
}

export function shippedProfileNames(): string[] {
  return [...profiles().keys()].sort();
}
