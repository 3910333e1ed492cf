import type { DeviceCapabilities, DeviceInfo, RemoteKey } from '@madoguchi/shared';
import type { KeyCodeMap, Profile } from './profileSchema.js';
import type { KeyRegistrationResult } from './keyRegistration.js';

/** Small string store that survives a reload (localStorage in a browser). */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface SpeakOptions {
  /** BCP 47 tag, e.g. `ja-JP`. */
  lang: string;
  /** 1 is the voice's normal speed. */
  rate: number;
  /** 0 to 1. */
  volume: number;
}

/** Text-to-speech. Utterances queue; `cancel()` stops the current one and drops the queue. */
export interface SpeechOutput {
  /** False when the box or its browser cannot speak; `speak` then does nothing. */
  readonly available: boolean;
  speak(text: string, options: SpeakOptions): void;
  cancel(): void;
}

export type LifecycleEvent = 'suspend' | 'resume';

/** The box hides or shows the app (standby, another input, a broadcast app on top). */
export interface Lifecycle {
  /** Returns a function that removes the listener. */
  on(event: LifecycleEvent, listener: () => void): () => void;
}

export interface PlatformCapabilities extends DeviceCapabilities {
  webrtc: boolean;
}

/** Everything that differs between set-top boxes, behind one interface. */
export interface Platform {
  readonly profile: Profile;
  /** The profile's key map plus the key constants the box's browser defines. */
  readonly keyMap: KeyCodeMap;
  keyFor(keyCode: number): RemoteKey | undefined;
  /** What the profile allows and the browser really has. */
  readonly capabilities: PlatformCapabilities;
  deviceInfo(): DeviceInfo;
  readonly storage: KeyValueStorage;
  readonly speech: SpeechOutput;
  readonly lifecycle: Lifecycle;
  /** What asking the box for its colour and number keys did (Tizen, HbbTV); undefined without a window. */
  readonly keyRegistration?: KeyRegistrationResult | undefined;
}
