export type {
  KeyValueStorage,
  Lifecycle,
  LifecycleEvent,
  Platform,
  PlatformCapabilities,
  SpeakOptions,
  SpeechOutput,
} from './platform/Platform.js';
export {
  createPlatform,
  UnknownProfileError,
  type CreatePlatformOptions,
} from './platform/createPlatform.js';
export {
  profileSchema,
  keyCodeMapOf,
  type KeyCodeMap,
  type MemoryClass,
  type Profile,
  type ProfileCapabilities,
} from './platform/profileSchema.js';
export { DEFAULT_PROFILE_NAME, findProfile, loadProfiles, profileNames } from './platform/profiles.js';
export {
  applyKeyMapOverride,
  keyMapOverrideSchema,
  KeyMapOverrideError,
  type KeyMapOverride,
} from './platform/operatorKeyMap.js';
export { registerKeys, type KeyRegistrationResult } from './platform/keyRegistration.js';
export { BrowserStorage, MemoryStorage } from './platform/storage.js';
export { ManualLifecycle } from './platform/lifecycle.js';
export { SilentSpeech, WebSpeech, pickVoice } from './platform/speech.js';
export { DeviceChannelClosedError, DeviceRequestError } from './agent/errors.js';
// The emitter every service of the TV app extends; the one window-server uses too.
export { TypedEmitter } from '@madoguchi/shared';
export {
  DeviceChannel,
  DEVICE_TOKEN_KEY,
  type DeviceChannelEvents,
  type DeviceChannelOptions,
  type DeviceChannelState,
} from './agent/DeviceChannel.js';
