import { describe, expect, it } from 'vitest';
import {
  applyKeyMapOverride,
  KeyMapOverrideError,
  keyMapOverrideSchema,
  type KeyMapOverride,
} from './operatorKeyMap.js';
import { keyCodeMapOf, type Profile } from './profileSchema.js';
import { findProfile } from './profiles.js';

function profileOf(name: string): Profile {
  const profile = findProfile(name);
  if (!profile) throw new Error(`no profile ${name}`);
  return profile;
}

function refusal(profile: Profile, override: unknown): KeyMapOverrideError {
  try {
    applyKeyMapOverride(profile, override as KeyMapOverride);
  } catch (error) {
    if (error instanceof KeyMapOverrideError) return error;
    throw error;
  }
  throw new Error('the override was accepted');
}

describe('keyMapOverrideSchema', () => {
  it('takes key codes to remote keys or null', () => {
    expect(keyMapOverrideSchema.parse({ '403': 'Yellow', '8': null })).toEqual({
      '403': 'Yellow',
      '8': null,
    });
  });

  it('refuses codes that are not key codes and names that are not remote keys', () => {
    const result = keyMapOverrideSchema.safeParse({ red: 'Red', '0': 'Red', '13': 'Menu', '14': 7 });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['red', '0', '13', '14']));
  });
});

describe('applyKeyMapOverride', () => {
  it('adds codes and changes what a code means', () => {
    // An RDK build that passes RDKShell's key codes to the page.
    const rdk = profileOf('wpe-rdk');
    const result = applyKeyMapOverride(rdk, {
      '403': 'Yellow',
      '404': 'Blue',
      '405': 'Red',
      '406': 'Green',
      '407': 'Back',
    });
    const keys = keyCodeMapOf(result);
    expect([403, 404, 405, 406, 407].map((code) => keys.get(code))).toEqual([
      'Yellow',
      'Blue',
      'Red',
      'Green',
      'Back',
    ]);
    expect(keys.get(8)).toBe('Back');
    expect(result.name).toBe('wpe-rdk');
    expect(result.capabilities).toEqual(rdk.capabilities);
  });

  it('removes codes with null', () => {
    const browser = profileOf('browser');
    const result = applyKeyMapOverride(browser, { '8': null, '27': null, '461': 'Back' });
    const keys = keyCodeMapOf(result);
    expect(keys.get(8)).toBeUndefined();
    expect(keys.get(27)).toBeUndefined();
    expect(keys.get(461)).toBe('Back');
  });

  it('does not change the shipped profile', () => {
    const browser = profileOf('browser');
    const before = structuredClone(browser);
    applyKeyMapOverride(browser, { '8': null, '77': 'Red', '461': 'Back' });
    expect(browser).toEqual(before);
    expect(profileOf('browser')).toEqual(before);
  });

  it('refuses an override that leaves a remote key without a code, naming the key', () => {
    const error = refusal(profileOf('tizen'), { '457': null });
    expect(error.message).toBe(
      'the operator key map for profile "tizen" cannot be used: keyMap: no key code for Data',
    );
    expect(error.problems).toEqual(['keyMap: no key code for Data']);
  });

  it('refuses moving the only code of a key elsewhere', () => {
    const error = refusal(profileOf('webos'), { '461': 'Blue' });
    expect(error.problems).toEqual(['keyMap: no key code for Back']);
  });

  it('refuses removing a code the profile does not map (a typo would go unnoticed)', () => {
    const error = refusal(profileOf('webos'), { '4610': null });
    expect(error.problems).toEqual([
      'keyMapOverride.4610: removes key code 4610, which the profile does not map',
    ]);
  });

  it('refuses an override that is not a key map, naming the field', () => {
    const error = refusal(profileOf('hbbtv'), { '13': 'Menu' });
    expect(error.problems[0]).toMatch(/^keyMapOverride\.13: /);
    expect(refusal(profileOf('hbbtv'), { abc: 'Red' }).problems[0]).toMatch(/^keyMapOverride\.abc: /);
  });
});
