export { CitizenStore, type CitizenRecord, type DeviceAuthorizationRecord } from './CitizenStore.js';
export { ConsentStore } from './ConsentStore.js';
export { DeviceSignIn, formatUserCode, normaliseUserCode, type PollResult } from './DeviceSignIn.js';
export type { CitizenDirectory, DirectoryEntry } from './directory.js';
export { Identity, type Actor, type IdentityEvents } from './Identity.js';
export { OidcRelyingParty, type PendingSignIn, type SignedInCitizen } from './OidcRelyingParty.js';
