import type { DeviceInfo, RemoteKey } from '@madoguchi/shared';
import { registerKeys, type KeyRegistrationResult } from './keyRegistration.js';
import { BrowserLifecycle, ManualLifecycle } from './lifecycle.js';
import { applyKeyMapOverride, type KeyMapOverride } from './operatorKeyMap.js';
import type { KeyValueStorage, Lifecycle, Platform, PlatformCapabilities, SpeechOutput } from './Platform.js';
import { keyCodeMapOf, type KeyCodeMap, type Profile } from './profileSchema.js';
import { findProfile, profileNames } from './profiles.js';
import { SilentSpeech, WebSpeech } from './speech.js';
import { BrowserStorage, MemoryStorage } from './storage.js';

export interface CreatePlatformOptions {
  profileName: string;
  appVersion: string;
  /** The browser window; leave it out in Node (memory storage, no speech, manual lifecycle). */
  window?: Window;
  /** Replaces the platform's own storage (integration tests). */
  storage?: KeyValueStorage;
  /** Free text standing in for the user agent when there is no window. */
  model?: string;
  /**
   * The operator's changes to the profile's key map (operator package). Applied and validated
   * with `applyKeyMapOverride`, which throws `KeyMapOverrideError`; codes it names are not
   * changed again by the browser's key constants (`keyGlobals`).
   */
  keyMapOverride?: KeyMapOverride;
}

export class UnknownProfileError extends Error {
  constructor(name: string) {
    super(`unknown set-top box profile "${name}"; known: ${profileNames().join(', ')}`);
    this.name = 'UnknownProfileError';
  }
}

const MODEL_MAX_LENGTH = 200;

class StbPlatform implements Platform {
  readonly profile: Profile;
  readonly keyMap: KeyCodeMap;
  readonly capabilities: PlatformCapabilities;
  readonly storage: KeyValueStorage;
  readonly speech: SpeechOutput;
  readonly lifecycle: Lifecycle;
  /**
   * What asking the box for its keys did (`profile.keyRegistration`, see `keyRegistration.ts`);
   * undefined in Node, where there is no box to ask.
   */
  readonly keyRegistration: KeyRegistrationResult | undefined;
  private readonly appVersion: string;
  private readonly win: Window | undefined;
  private readonly model: string;

  constructor(profile: Profile, options: CreatePlatformOptions) {
    const win = options.window;
    this.profile = profile;
    this.appVersion = options.appVersion;
    this.win = win;
    const pinned = new Set(Object.keys(options.keyMapOverride ?? {}).map(Number));
    this.keyMap = win ? withKeyGlobals(profile, win, pinned) : keyCodeMapOf(profile);
    // Tizen and HbbTV deliver the colour keys, digits (and on HbbTV even Back) only once asked for.
    this.keyRegistration = win ? registerKeys(profile, win) : undefined;
    this.speech = win && profile.capabilities.speech ? webSpeechOf(win) : new SilentSpeech();
    this.capabilities = win ? browserCapabilities(profile, win, this.speech) : nodeCapabilities(profile);
    this.storage = options.storage ?? (win ? new BrowserStorage(win) : new MemoryStorage());
    this.lifecycle = win ? new BrowserLifecycle(win) : new ManualLifecycle();
    this.model = (win?.navigator.userAgent ?? options.model ?? 'unknown').slice(0, MODEL_MAX_LENGTH);
  }

  keyFor(keyCode: number): RemoteKey | undefined {
    return this.keyMap.get(keyCode);
  }

  deviceInfo(): DeviceInfo {
    const { camera, microphone, speech } = this.capabilities;
    return {
      profile: this.profile.name,
      appVersion: this.appVersion,
      capabilities: { camera, microphone, speech },
      screen: this.screen(),
      model: this.model,
    };
  }

  private screen(): DeviceInfo['screen'] {
    const width = Math.round(this.win?.screen?.width ?? 0);
    const height = Math.round(this.win?.screen?.height ?? 0);
    const plausible = (n: number) => n >= 1 && n <= 10000;
    return plausible(width) && plausible(height) ? { width, height } : { ...this.profile.screen };
  }
}

export function createPlatform(options: CreatePlatformOptions): Platform {
  const shipped = findProfile(options.profileName);
  if (!shipped) throw new UnknownProfileError(options.profileName);
  const profile = options.keyMapOverride ? applyKeyMapOverride(shipped, options.keyMapOverride) : shipped;
  return new StbPlatform(profile, options);
}

/** The profile's codes plus the values of the box's key constants, except codes the operator pinned. */
function withKeyGlobals(profile: Profile, win: Window, pinned: ReadonlySet<number>): KeyCodeMap {
  const map = keyCodeMapOf(profile);
  // A box's key constants (KeyEvent, VK_*) are globals the DOM's Window type does not know.
  const globals = win as unknown as Record<string, unknown>;
  const keyEvent = globals['KeyEvent'] as Record<string, unknown> | undefined;
  for (const [name, key] of Object.entries(profile.keyGlobals ?? {})) {
    const code = globals[name] ?? keyEvent?.[name];
    if (typeof code === 'number' && Number.isInteger(code) && code > 0 && !pinned.has(code))
      map.set(code, key);
  }
  return map;
}

function webSpeechOf(win: Window): SpeechOutput {
  const synth = win.speechSynthesis as SpeechSynthesis | undefined;
  const Utterance = (win as Window & { SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance })
    .SpeechSynthesisUtterance;
  return synth && Utterance ? new WebSpeech(synth, Utterance) : new SilentSpeech();
}

function browserCapabilities(profile: Profile, win: Window, speech: SpeechOutput): PlatformCapabilities {
  const media = typeof win.navigator.mediaDevices?.getUserMedia === 'function';
  const webrtc = typeof (win as Window & { RTCPeerConnection?: unknown }).RTCPeerConnection === 'function';
  return {
    camera: profile.capabilities.camera && media,
    microphone: profile.capabilities.microphone && media,
    speech: speech.available,
    webrtc: profile.capabilities.webrtc && webrtc,
  };
}

/** Without a browser there is nothing to probe: the profile speaks for the device, but nothing speaks. */
function nodeCapabilities(profile: Profile): PlatformCapabilities {
  return { ...profile.capabilities, speech: false };
}
