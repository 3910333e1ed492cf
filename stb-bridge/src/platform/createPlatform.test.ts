import { deviceInfoSchema } from '@madoguchi/shared';
import { describe, expect, it, vi } from 'vitest';
import { createPlatform, UnknownProfileError } from './createPlatform.js';
import type { KeyRegistrationResult } from './keyRegistration.js';
import { KeyMapOverrideError } from './operatorKeyMap.js';
import type { Platform } from './Platform.js';
import { pickVoice } from './speech.js';

class FakeUtterance {
  lang = '';
  rate = 1;
  volume = 1;
  voice: unknown = null;
  constructor(readonly text: string) {}
}

interface FakeWindowOptions {
  localStorage?: 'works' | 'throws-on-access' | 'throws-on-write';
  speech?: boolean;
  globals?: Record<string, unknown>;
  userAgent?: string;
}

function fakeWindow(options: FakeWindowOptions = {}) {
  const stored = new Map<string, string>();
  const local = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (options.localStorage === 'throws-on-write') throw new Error('QuotaExceededError');
      stored.set(key, value);
    },
    removeItem: (key: string) => void stored.delete(key),
  };
  const spoken: FakeUtterance[] = [];
  const synth = {
    speak: (utterance: FakeUtterance) => spoken.push(utterance),
    cancel: vi.fn(),
    getVoices: () => [
      { lang: 'en-US', localService: true, name: 'English' },
      { lang: 'ja-JP', localService: false, name: 'Japanese (network)' },
      { lang: 'ja_JP', localService: true, name: 'Japanese' },
    ],
  };
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const win = Object.assign(new EventTarget(), {
    document,
    navigator: {
      userAgent: options.userAgent ?? 'Mozilla/5.0 (X11) Chrome/120',
      mediaDevices: { getUserMedia() {} },
    },
    screen: { width: 1920, height: 1080 },
    RTCPeerConnection: function RTCPeerConnection() {},
    ...(options.speech === false ? {} : { speechSynthesis: synth, SpeechSynthesisUtterance: FakeUtterance }),
    ...options.globals,
  });
  Object.defineProperty(win, 'localStorage', {
    get() {
      if (options.localStorage === 'throws-on-access') throw new Error('SecurityError');
      return local;
    },
  });
  return { win: win as unknown as Window, stored, spoken, synth, document };
}

describe('createPlatform', () => {
  it('refuses an unknown profile and names the known ones', () => {
    expect(() => createPlatform({ profileName: 'nope', appVersion: '1.0.0' })).toThrow(UnknownProfileError);
    expect(() => createPlatform({ profileName: 'nope', appVersion: '1.0.0' })).toThrow(
      /known: .*browser, hbbtv, hybridcast, tizen, webos, wpe-rdk/,
    );
  });

  it('describes the device with the shared schema, without anything personal', () => {
    const { win } = fakeWindow({ userAgent: 'x'.repeat(500) });
    const info = createPlatform({ profileName: 'browser', appVersion: '0.1.0', window: win }).deviceInfo();
    expect(deviceInfoSchema.parse(info)).toEqual({
      profile: 'browser',
      appVersion: '0.1.0',
      capabilities: { camera: true, microphone: true, speech: true },
      screen: { width: 1920, height: 1080 },
      model: 'x'.repeat(200),
    });
  });

  it('takes capabilities only where the profile and the browser both have them', () => {
    const { win } = fakeWindow({ speech: false });
    const browser = createPlatform({ profileName: 'browser', appVersion: '0.1.0', window: win });
    expect(browser.capabilities).toEqual({ camera: true, microphone: true, speech: false, webrtc: true });
    expect(browser.speech.available).toBe(false);
    const hbbtv = createPlatform({ profileName: 'hbbtv', appVersion: '0.1.0', window: fakeWindow().win });
    expect(hbbtv.capabilities).toEqual({ camera: false, microphone: false, speech: false, webrtc: false });
  });

  it('adds the key constants the box defines as globals (Hybridcast VK_DBUTTON, OIPF KeyEvent)', () => {
    const { win } = fakeWindow({
      globals: { VK_DBUTTON: 20, VK_10: 410, KeyEvent: { VK_BACK: 166 }, VK_RED: 'not a number' },
    });
    const platform = createPlatform({ profileName: 'hybridcast', appVersion: '0.1.0', window: win });
    expect(platform.keyFor(20)).toBe('Data');
    expect(platform.keyFor(166)).toBe('Back');
    expect(platform.keyFor(457)).toBe('Data');
    expect(platform.keyFor(410)).toBe('Digit0');
    expect(platform.keyFor(403)).toBe('Red');
    expect(platform.keyFor(999)).toBeUndefined();
    const hbbtv = createPlatform({
      profileName: 'hbbtv',
      appVersion: '0.1.0',
      window: fakeWindow({ globals: { KeyEvent: { VK_INFO: 30 } } }).win,
    });
    expect(hbbtv.keyFor(30)).toBe('Data');
  });

  it("applies the operator's key map, which the box's key constants do not undo", () => {
    const { win } = fakeWindow({ globals: { VK_DBUTTON: 457, VK_BACK: 461 } });
    const platform = createPlatform({
      profileName: 'hybridcast',
      appVersion: '0.1.0',
      window: win,
      keyMapOverride: { '457': null, '68': 'Data', '8': 'Back' },
    });
    expect(platform.keyFor(457)).toBeUndefined();
    expect(platform.keyFor(68)).toBe('Data');
    expect(platform.keyFor(8)).toBe('Back');
    expect(platform.keyFor(461)).toBe('Back');
    expect(platform.profile.keyMap['457']).toBeUndefined();
    const inNode = createPlatform({
      profileName: 'tizen',
      appVersion: '0.1.0',
      keyMapOverride: { '27': 'Back' },
    });
    expect(inNode.keyFor(27)).toBe('Back');
    expect(inNode.keyFor(10009)).toBe('Back');
  });

  it('refuses an operator key map that leaves a key unreachable', () => {
    expect(() =>
      createPlatform({ profileName: 'webos', appVersion: '0.1.0', keyMapOverride: { '413': null } }),
    ).toThrow(KeyMapOverrideError);
    expect(() =>
      createPlatform({ profileName: 'webos', appVersion: '0.1.0', keyMapOverride: { '413': null } }),
    ).toThrow(/no key code for Data/);
  });

  it('works in Node without a window: memory storage, silent speech, the profile screen', () => {
    const platform = createPlatform({ profileName: 'hbbtv', appVersion: '0.1.0', model: 'integration test' });
    platform.storage.set('a', '1');
    expect(platform.storage.get('a')).toBe('1');
    platform.storage.remove('a');
    expect(platform.storage.get('a')).toBeNull();
    expect(platform.speech.available).toBe(false);
    expect(() => platform.speech.speak('x', { lang: 'ja-JP', rate: 1, volume: 1 })).not.toThrow();
    expect(platform.deviceInfo()).toMatchObject({
      screen: { width: 1280, height: 720 },
      model: 'integration test',
    });
  });
});

/** The platform keeps what registering keys did; the Platform interface does not (yet) show it. */
function keyRegistrationOf(platform: Platform): KeyRegistrationResult | undefined {
  return (platform as Platform & { keyRegistration?: KeyRegistrationResult }).keyRegistration;
}

describe('key registration', () => {
  function fakeTvInputDevice() {
    return { registerKeyBatch: vi.fn(), registerKey: vi.fn() };
  }

  it("asks a Tizen TV for the profile's keys when the platform is created", () => {
    const tvinputdevice = fakeTvInputDevice();
    const { win } = fakeWindow({ globals: { tizen: { tvinputdevice } } });
    const platform = createPlatform({ profileName: 'tizen', appVersion: '0.1.0', window: win });
    expect(tvinputdevice.registerKeyBatch).toHaveBeenCalledOnce();
    expect(tvinputdevice.registerKeyBatch.mock.calls[0]?.[0]).toEqual([
      'ColorF0Red',
      'ColorF1Green',
      'ColorF2Yellow',
      'ColorF3Blue',
      ...'0123456789',
      'Info',
    ]);
    expect(keyRegistrationOf(platform)).toMatchObject({ status: 'registered', kind: 'tizen-tvinputdevice' });
  });

  it('still registers when an operator key map changes the profile', () => {
    const tvinputdevice = fakeTvInputDevice();
    const { win } = fakeWindow({ globals: { tizen: { tvinputdevice } } });
    const platform = createPlatform({
      profileName: 'tizen',
      appVersion: '0.1.0',
      window: win,
      keyMapOverride: { '27': 'Back' },
    });
    expect(platform.keyFor(27)).toBe('Back');
    expect(tvinputdevice.registerKeyBatch).toHaveBeenCalledOnce();
  });

  it('starts the tizen and hbbtv profiles in a PC browser, which has neither API', () => {
    for (const profileName of ['tizen', 'hbbtv']) {
      const platform = createPlatform({ profileName, appVersion: '0.1.0', window: fakeWindow().win });
      expect(keyRegistrationOf(platform)).toMatchObject({ status: 'unavailable' });
    }
  });

  it('asks nothing where the profile names no keys, nor in Node', () => {
    const tvinputdevice = fakeTvInputDevice();
    const { win } = fakeWindow({ globals: { tizen: { tvinputdevice } } });
    const browser = createPlatform({ profileName: 'browser', appVersion: '0.1.0', window: win });
    expect(keyRegistrationOf(browser)).toEqual({ status: 'not-configured' });
    expect(tvinputdevice.registerKeyBatch).not.toHaveBeenCalled();
    expect(keyRegistrationOf(createPlatform({ profileName: 'tizen', appVersion: '0.1.0' }))).toBeUndefined();
  });
});

describe('storage', () => {
  it('uses localStorage', () => {
    const { win, stored } = fakeWindow();
    const { storage } = createPlatform({ profileName: 'browser', appVersion: '0.1.0', window: win });
    storage.set('madoguchi.deviceToken', 't1');
    expect(stored.get('madoguchi.deviceToken')).toBe('t1');
    expect(storage.get('madoguchi.deviceToken')).toBe('t1');
    storage.remove('madoguchi.deviceToken');
    expect(stored.has('madoguchi.deviceToken')).toBe(false);
  });

  it('reads what an earlier page load stored', () => {
    const { win, stored } = fakeWindow();
    stored.set('k', 'from before');
    expect(
      createPlatform({ profileName: 'browser', appVersion: '0.1.0', window: win }).storage.get('k'),
    ).toBe('from before');
  });

  it.each(['throws-on-access', 'throws-on-write'] as const)(
    'falls back to memory when localStorage %s',
    (mode) => {
      const { win } = fakeWindow({ localStorage: mode });
      const { storage } = createPlatform({ profileName: 'browser', appVersion: '0.1.0', window: win });
      storage.set('k', 'v');
      expect(storage.get('k')).toBe('v');
      storage.remove('k');
      expect(storage.get('k')).toBeNull();
    },
  );
});

describe('speech', () => {
  it('speaks with the language, rate, volume and a matching local voice', () => {
    const { win, spoken, synth } = fakeWindow();
    const { speech } = createPlatform({ profileName: 'browser', appVersion: '0.1.0', window: win });
    speech.speak('ホームの画面です。', { lang: 'ja-JP', rate: 0.8, volume: 0.5 });
    speech.cancel();
    expect(spoken).toHaveLength(1);
    expect(spoken[0]).toMatchObject({ text: 'ホームの画面です。', lang: 'ja-JP', rate: 0.8, volume: 0.5 });
    expect(spoken[0]?.voice).toMatchObject({ name: 'Japanese' });
    expect(synth.cancel).toHaveBeenCalledOnce();
  });

  it('picks a voice by exact tag, then by primary language, else none', () => {
    const voices = [
      { lang: 'en-GB', localService: true },
      { lang: 'en-US', localService: false },
    ];
    expect(pickVoice(voices, 'en-US')).toBe(voices[1]);
    expect(pickVoice(voices, 'en-AU')).toBe(voices[0]);
    expect(pickVoice(voices, 'ja-JP')).toBeUndefined();
  });
});

describe('lifecycle', () => {
  it('suspends when the page is hidden or left, and resumes once when shown', () => {
    const { win, document } = fakeWindow();
    const { lifecycle } = createPlatform({ profileName: 'browser', appVersion: '0.1.0', window: win });
    const events: string[] = [];
    lifecycle.on('suspend', () => events.push('suspend'));
    const off = lifecycle.on('resume', () => events.push('resume'));
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('pagehide'));
    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('pageshow'));
    off();
    win.dispatchEvent(new Event('pagehide'));
    win.dispatchEvent(new Event('pageshow'));
    expect(events).toEqual(['suspend', 'resume', 'suspend']);
  });
});
