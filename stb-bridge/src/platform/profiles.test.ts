import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIGIT_KEYS, REMOTE_KEYS } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { keyCodeMapOf } from './profileSchema.js';
import { PROFILE_FILES } from './profiles/index.js';
import { findProfile, loadProfiles, profileNames } from './profiles.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), 'profiles');

function keyMapOf(name: string) {
  const profile = findProfile(name);
  if (!profile) throw new Error(`no profile ${name}`);
  return keyCodeMapOf(profile);
}

describe('profiles', () => {
  it('lists every JSON file of the folder (run `npm run profiles -w @madoguchi/stb-bridge` if not)', () => {
    const files = readdirSync(folder)
      .filter((file) => file.endsWith('.json'))
      .sort();
    expect(Object.keys(PROFILE_FILES).sort()).toEqual(files);
  });

  it('validates every profile', () => {
    const { profiles, problems } = loadProfiles();
    expect(problems).toEqual([]);
    expect(profiles.size).toBe(Object.keys(PROFILE_FILES).length);
    expect(profileNames()).toEqual(expect.arrayContaining(['browser', 'hbbtv']));
  });

  it('reports a profile that misses keys or is misnamed, and does not use it', () => {
    const browser = PROFILE_FILES['browser.json'] as { keyMap: Record<string, string> };
    const withoutData = {
      ...browser,
      name: 'broken',
      keyMap: Object.fromEntries(Object.entries(browser.keyMap).filter(([, key]) => key !== 'Data')),
    };
    const { profiles, problems } = loadProfiles({ 'broken.json': withoutData, 'other.json': browser });
    expect(profiles.size).toBe(0);
    expect(problems).toEqual([
      { file: 'broken.json', problems: ['keyMap: no key code for Data'] },
      { file: 'other.json', problems: ['name "browser" does not match the file name'] },
    ]);
  });

  it('refuses key names that are not remote keys', () => {
    const browser = PROFILE_FILES['browser.json'] as { keyMap: Record<string, string> };
    const { problems } = loadProfiles({
      'browser.json': { ...browser, keyMap: { ...browser.keyMap, 77: 'Menu' } },
    });
    expect(problems[0]?.problems[0]).toMatch(/^keyMap\.77/);
  });

  it.each(profileNames())('%s maps every remote key', (name) => {
    const mapped = new Set(keyMapOf(name).values());
    const profile = findProfile(name);
    for (const key of Object.values(profile?.keyGlobals ?? {})) mapped.add(key);
    expect([...mapped].sort()).toEqual([...REMOTE_KEYS].sort());
  });
});

describe('browser profile', () => {
  const keys = keyMapOf('browser');

  it('maps arrows, Enter, and Backspace and Escape to Back', () => {
    expect([37, 38, 39, 40, 13].map((code) => keys.get(code))).toEqual([
      'Left',
      'Up',
      'Right',
      'Down',
      'Enter',
    ]);
    expect(keys.get(8)).toBe('Back');
    expect(keys.get(27)).toBe('Back');
  });

  it('maps the colour keys to r/g/y/b and to the VK codes', () => {
    expect([82, 71, 89, 66].map((code) => keys.get(code))).toEqual(['Red', 'Green', 'Yellow', 'Blue']);
    expect([403, 404, 405, 406].map((code) => keys.get(code))).toEqual(['Red', 'Green', 'Yellow', 'Blue']);
  });

  it('maps top-row and numpad digits', () => {
    for (let n = 0; n <= 9; n++) {
      expect(keys.get(48 + n)).toBe(DIGIT_KEYS[n]);
      expect(keys.get(96 + n)).toBe(DIGIT_KEYS[n]);
    }
  });

  it('maps d to Data', () => {
    expect(keys.get(68)).toBe('Data');
  });

  it('knows nothing of other codes', () => {
    for (const code of [0, 9, 32, 65, 112, 461, 10009]) expect(keys.get(code)).toBeUndefined();
  });
});

describe('hbbtv profile', () => {
  const keys = keyMapOf('hbbtv');

  it('maps VK_RED..VK_BLUE', () => {
    expect([403, 404, 405, 406].map((code) => keys.get(code))).toEqual(['Red', 'Green', 'Yellow', 'Blue']);
  });

  it('maps 461, 10009 and 8 to Back', () => {
    expect([461, 10009, 8].map((code) => keys.get(code))).toEqual(['Back', 'Back', 'Back']);
  });

  it('maps arrows, Enter, digits and the d button', () => {
    expect([37, 38, 39, 40, 13].map((code) => keys.get(code))).toEqual([
      'Left',
      'Up',
      'Right',
      'Down',
      'Enter',
    ]);
    for (let n = 0; n <= 9; n++) expect(keys.get(48 + n)).toBe(DIGIT_KEYS[n]);
    expect(keys.get(457)).toBe('Data');
  });

  it('knows nothing of keyboard letters or other codes', () => {
    for (const code of [27, 66, 68, 71, 82, 89, 96, 412, 10182]) expect(keys.get(code)).toBeUndefined();
  });
});
