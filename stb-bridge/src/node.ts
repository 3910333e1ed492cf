// The Node entry (`@madoguchi/stb-bridge/node`): what reads the profile files from disk, for
// window-server (which hosts the TV app per profile) and the packager. Browsers use `./index.ts`.
export {
  findProfile,
  loadProfilesFromFolder,
  profileNames,
  PROFILES_FOLDER,
} from './platform/nodeProfiles.js';
export type { LoadedProfiles, ProfileProblem } from './platform/profiles.js';
