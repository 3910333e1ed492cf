import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIGIT_KEYS, REMOTE_KEYS, type RemoteKey } from '@madoguchi/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findProfile as findProfileOnDisk,
  loadProfilesFromFolder,
  PROFILES_FOLDER,
  profileNames as profileNamesOnDisk,
  readProfileFiles,
} from './nodeProfiles.js';
import { keyCodeMapOf, type Profile } from './profileSchema.js';
import { bundledProfileFiles, findProfile, loadProfiles, profileNames } from './profiles.js';

/** The boxes operators run; more may be added as files, with no change here. */
const SHIPPED = ['android-tv', 'browser', 'hbbtv', 'hybridcast', 'tizen', 'webos', 'wpe-rdk'];
const ON_DISK = Object.keys(readProfileFiles().files)
  .map((file) => file.replace(/\.json$/, ''))
  .sort();

function profileOf(name: string): Profile {
  const profile = findProfile(name);
  if (!profile) throw new Error(`no profile ${name}`);
  return profile;
}

function keyMapOf(name: string) {
  return keyCodeMapOf(profileOf(name));
}

/** A shipped profile file as raw JSON data, to break on purpose. */
function rawProfile(name: string): Record<string, unknown> & { keyMap: Record<string, string> } {
  const data = bundledProfileFiles()[`${name}.json`];
  if (!data) throw new Error(`no file ${name}.json`);
  return structuredClone(data) as Record<string, unknown> & { keyMap: Record<string, string> };
}

function without(keyMap: Record<string, string>, key: RemoteKey): Record<string, string> {
  return Object.fromEntries(Object.entries(keyMap).filter(([, mapped]) => mapped !== key));
}

/** VK_RED..VK_BLUE, the colour key codes of OIPF/HbbTV that most boxes send. */
const VK_COLOUR_CODES = [403, 404, 405, 406];

/** The codes, in order, give Red, Green, Yellow and Blue. */
function expectColourKeys(keys: ReadonlyMap<number, RemoteKey>, codes: readonly number[]): void {
  expect(codes.map((code) => keys.get(code))).toEqual(['Red', 'Green', 'Yellow', 'Blue']);
}

/** None of the codes is in the key map. */
function expectUnmapped(keys: ReadonlyMap<number, RemoteKey>, codes: readonly number[]): void {
  for (const code of codes) expect(keys.get(code)).toBeUndefined();
}

describe('shipped profiles', () => {
  it('include the seven boxes operators run', () => {
    expect(profileNames()).toEqual(expect.arrayContaining(SHIPPED));
  });

  it('all validate against the schema, one profile per file', () => {
    const { profiles, problems } = loadProfiles();
    expect(problems).toEqual([]);
    expect([...profiles.keys()].sort()).toEqual(ON_DISK);
    expect(profileNames()).toEqual(ON_DISK);
  });

  it('are found at build time exactly as they are on disk (no list to keep up to date)', () => {
    const onDisk = readProfileFiles();
    expect(onDisk.problems).toEqual([]);
    const bundled = bundledProfileFiles();
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(onDisk.files).sort());
    expect(bundled).toEqual(onDisk.files);
  });

  it('read by the Node loader give the same profiles as the bundled ones', () => {
    expect(profileNamesOnDisk()).toEqual(profileNames());
    for (const name of ON_DISK) expect(findProfileOnDisk(name)).toEqual(findProfile(name));
  });

  it.each(ON_DISK)('%s says where its values come from', (name) => {
    expect(profileOf(name).notes?.length).toBeGreaterThan(0);
  });

  it.each(ON_DISK)('%s maps every remote key', (name) => {
    const mapped = new Set(keyMapOf(name).values());
    for (const key of Object.values(profileOf(name).keyGlobals ?? {})) mapped.add(key);
    expect([...mapped].sort()).toEqual([...REMOTE_KEYS].sort());
  });

  it.each(ON_DISK.filter((name) => name !== 'browser'))(
    '%s maps arrows, OK and the digits as every remote sends them',
    (name) => {
      const keys = keyMapOf(name);
      expect([37, 38, 39, 40, 13].map((code) => keys.get(code))).toEqual([
        'Left',
        'Up',
        'Right',
        'Down',
        'Enter',
      ]);
      for (let n = 0; n <= 9; n++) expect(keys.get(48 + n)).toBe(DIGIT_KEYS[n]);
    },
  );
});

describe('key registration in the shipped profiles', () => {
  it('is asked for on Tizen and HbbTV only (webOS needs packaging; Hybridcast is unconfirmed)', () => {
    const asking = ON_DISK.filter((name) => profileOf(name).keyRegistration);
    expect(asking).toEqual(['hbbtv', 'tizen']);
  });

  it('registers on Tizen the colour keys, the digits and Info, whose codes the key map has', () => {
    expect(profileOf('tizen').keyRegistration).toEqual({
      kind: 'tizen-tvinputdevice',
      keys: ['ColorF0Red', 'ColorF1Green', 'ColorF2Yellow', 'ColorF3Blue', ...'0123456789', 'Info'],
    });
    const keys = keyMapOf('tizen');
    expect([403, 404, 405, 406, 457].map((code) => keys.get(code))).toEqual([
      'Red',
      'Green',
      'Yellow',
      'Blue',
      'Data',
    ]);
  });

  it('asks HbbTV for colour, navigation (with Back), digits and Info', () => {
    const registration = profileOf('hbbtv').keyRegistration;
    expect(registration?.kind).toBe('oipf-keyset');
    expect([...(registration?.keys ?? [])].sort()).toEqual(
      ['BLUE', 'GREEN', 'INFO', 'NAVIGATION', 'NUMERIC', 'RED', 'YELLOW'].sort(),
    );
  });

  it.each(['hybridcast', 'webos'])('%s says in its notes why it registers nothing', (name) => {
    expect(profileOf(name).notes?.join(' ')).toMatch(/keyRegistration/);
  });
});

describe('profile validation', () => {
  it('refuses key names that are not remote keys, naming the field', () => {
    const tizen = rawProfile('tizen');
    const { profiles, problems } = loadProfiles({
      'tizen.json': { ...tizen, keyMap: { ...tizen.keyMap, 77: 'Menu' } },
    });
    expect(profiles.size).toBe(0);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('tizen.json');
    expect(problems[0]?.problems[0]).toMatch(/^keyMap\.77: /);
  });

  it('refuses a profile without a colour key, naming the key', () => {
    const webos = rawProfile('webos');
    const { profiles, problems } = loadProfiles({
      'webos.json': { ...webos, keyMap: without(webos.keyMap, 'Red') },
    });
    expect(profiles.size).toBe(0);
    expect(problems).toEqual([{ file: 'webos.json', problems: ['keyMap: no key code for Red'] }]);
  });

  it('counts the key constants of keyGlobals as mapped', () => {
    const hybridcast = rawProfile('hybridcast');
    const { problems } = loadProfiles({
      'hybridcast.json': { ...hybridcast, keyMap: without(hybridcast.keyMap, 'Data') },
    });
    expect(problems).toEqual([]);
    const { problems: withoutGlobal } = loadProfiles({
      'hybridcast.json': { ...hybridcast, keyMap: without(hybridcast.keyMap, 'Data'), keyGlobals: {} },
    });
    expect(withoutGlobal).toEqual([{ file: 'hybridcast.json', problems: ['keyMap: no key code for Data'] }]);
  });

  it('refuses bad key codes, screens, capabilities and unknown fields', () => {
    const browser = rawProfile('browser');
    const { problems } = loadProfiles({
      'browser.json': {
        ...browser,
        keyMap: { ...browser.keyMap, '013': 'Enter' },
        screen: { width: 100, height: 720 },
        capabilities: { camera: true, microphone: true, speech: true },
        remote: 'round',
      },
    });
    const messages = problems[0]?.problems ?? [];
    expect(messages.some((message) => message.startsWith('keyMap.013: '))).toBe(true);
    expect(messages.some((message) => message.startsWith('screen.width: '))).toBe(true);
    expect(messages.some((message) => message.startsWith('capabilities.webrtc: '))).toBe(true);
    expect(messages.some((message) => message.startsWith('(root): ') && message.includes('remote'))).toBe(
      true,
    );
  });

  it('refuses a key registration of an unknown kind, naming the field', () => {
    const { profiles, problems } = loadProfiles({
      'hbbtv.json': { ...rawProfile('hbbtv'), keyRegistration: { kind: 'lg-keyset', keys: ['RED'] } },
    });
    expect(profiles.size).toBe(0);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.problems).toHaveLength(1);
    expect(problems[0]?.problems[0]).toMatch(/^keyRegistration\.kind: .*oipf-keyset/);
  });

  it('refuses key names the kind does not know, naming the field and the name', () => {
    const { problems } = loadProfiles({
      'hbbtv.json': {
        ...rawProfile('hbbtv'),
        keyRegistration: { kind: 'oipf-keyset', keys: ['RED', 'PURPLE'] },
      },
      'tizen.json': {
        ...rawProfile('tizen'),
        keyRegistration: { kind: 'tizen-tvinputdevice', keys: ['ColorF0Red', 'RED', 'Back'] },
      },
    });
    expect(problems).toEqual([
      {
        file: 'hbbtv.json',
        problems: [
          expect.stringMatching(/^keyRegistration\.keys\.1: "PURPLE" is not an OIPF Keyset constant/),
        ],
      },
      {
        file: 'tizen.json',
        problems: [
          expect.stringMatching(/^keyRegistration\.keys\.1: "RED" is not a TVInputDevice key name/),
          expect.stringMatching(/^keyRegistration\.keys\.2: "Back" is not a TVInputDevice key name/),
        ],
      },
    ]);
  });

  it('refuses an empty key list, a key named twice and unknown fields in keyRegistration', () => {
    const tizen = rawProfile('tizen');
    const problemsOf = (keyRegistration: unknown) =>
      loadProfiles({ 'tizen.json': { ...tizen, keyRegistration } }).problems[0]?.problems;
    expect(problemsOf({ kind: 'tizen-tvinputdevice', keys: [] })).toEqual([
      expect.stringMatching(/^keyRegistration\.keys: /),
    ]);
    expect(problemsOf({ kind: 'tizen-tvinputdevice', keys: ['0', '1', '0'] })).toEqual([
      'keyRegistration.keys.2: "0" is named twice',
    ]);
    expect(problemsOf({ kind: 'oipf-keyset', keys: ['RED'], mask: 1 })).toEqual([
      expect.stringMatching(/^keyRegistration: .*mask/),
    ]);
  });

  it('refuses a file whose name is not the profile name', () => {
    const { profiles, problems } = loadProfiles({ 'other.json': rawProfile('browser') });
    expect(profiles.size).toBe(0);
    expect(problems).toEqual([
      { file: 'other.json', problems: ['name "browser" does not match the file name'] },
    ]);
  });
});

describe('adding a box is adding a file', () => {
  let folder: string | undefined;
  afterEach(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it('takes a new profile object with the shipped ones', () => {
    const settop = { ...rawProfile('hbbtv'), name: 'settop-x', label: 'Set-top box X' };
    const { profiles, problems } = loadProfiles({ ...bundledProfileFiles(), 'settop-x.json': settop });
    expect(problems).toEqual([]);
    expect([...profiles.keys()].sort()).toEqual([...ON_DISK, 'settop-x'].sort());
    expect(profiles.get('settop-x')?.label).toBe('Set-top box X');
  });

  it('finds a JSON file dropped into the folder, and reports a broken one without using it', () => {
    folder = mkdtempSync(join(tmpdir(), 'stb-profiles-'));
    cpSync(PROFILES_FOLDER, folder, { recursive: true });
    const settop = { ...rawProfile('tizen'), name: 'settop-y', label: 'Set-top box Y' };
    writeFileSync(join(folder, 'settop-y.json'), JSON.stringify(settop));
    writeFileSync(join(folder, 'broken.json'), '{ "name": "broken", ');
    writeFileSync(join(folder, 'README.txt'), 'not a profile');

    const { profiles, problems } = loadProfilesFromFolder(folder);
    expect([...profiles.keys()].sort()).toEqual([...ON_DISK, 'settop-y'].sort());
    expect(profiles.get('settop-y')?.keyMap['10009']).toBe('Back');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('broken.json');
    expect(problems[0]?.problems[0]).toMatch(/^\(root\): not JSON/);
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
    expectColourKeys(keys, [82, 71, 89, 66]);
    expectColourKeys(keys, VK_COLOUR_CODES);
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
    expectUnmapped(keys, [0, 9, 32, 65, 112, 461, 10009]);
  });
});

describe('hbbtv profile (HbbTV 2.x)', () => {
  const keys = keyMapOf('hbbtv');

  it('maps VK_RED..VK_BLUE', () => {
    expectColourKeys(keys, VK_COLOUR_CODES);
  });

  it('maps 461, 10009 and 8 to Back', () => {
    expect([461, 10009, 8].map((code) => keys.get(code))).toEqual(['Back', 'Back', 'Back']);
  });

  it('has no d button: VK_INFO 457 stands in for Data', () => {
    expect(keys.get(457)).toBe('Data');
    expect(profileOf('hbbtv').keyGlobals?.['VK_INFO']).toBe('Data');
  });

  it('knows nothing of keyboard letters or other codes', () => {
    expectUnmapped(keys, [27, 66, 68, 71, 82, 89, 96, 410, 412, 10182]);
  });
});

describe('hybridcast profile', () => {
  const keys = keyMapOf('hybridcast');

  it('maps the ARIB colour keys, VK_BACK and VK_DBUTTON', () => {
    expectColourKeys(keys, VK_COLOUR_CODES);
    expect(keys.get(461)).toBe('Back');
    expect(keys.get(457)).toBe('Data');
  });

  it('reads the 10 key (VK_10) as 0 and ignores 11 and 12', () => {
    expect(keys.get(410)).toBe('Digit0');
    expect(keys.get(411)).toBeUndefined();
    expect(keys.get(412)).toBeUndefined();
  });

  it("takes the receiver's own VK_DBUTTON and VK_10 values", () => {
    expect(profileOf('hybridcast').keyGlobals).toMatchObject({
      VK_DBUTTON: 'Data',
      VK_10: 'Digit0',
      VK_BACK: 'Back',
    });
  });
});

describe('wpe-rdk profile', () => {
  const keys = keyMapOf('wpe-rdk');

  it('maps the colour keys as WebKit reports WPE_KEY_Red..Blue (0x193-0x196)', () => {
    expectColourKeys(keys, VK_COLOUR_CODES);
  });

  it('maps Backspace, Escape and VK_BROWSER_BACK to Back', () => {
    expect([8, 27, 166].map((code) => keys.get(code))).toEqual(['Back', 'Back', 'Back']);
  });

  it('has no d button: Home (36) and BrowserHome (172) stand in for Data', () => {
    expect([36, 172].map((code) => keys.get(code))).toEqual(['Data', 'Data']);
  });

  it('is a low-memory 720p box without camera, microphone or speech', () => {
    expect(profileOf('wpe-rdk')).toMatchObject({
      screen: { width: 1280, height: 720 },
      memoryClass: 'low',
      capabilities: { camera: false, microphone: false, speech: false },
    });
  });
});

describe('tizen profile', () => {
  const keys = keyMapOf('tizen');

  it('maps Back 10009 and the registered colour keys', () => {
    expect(keys.get(10009)).toBe('Back');
    expectColourKeys(keys, VK_COLOUR_CODES);
  });

  it('has no d button: Info 457 stands in for Data', () => {
    expect(keys.get(457)).toBe('Data');
  });

  it('knows nothing of the other boxes’ Back codes', () => {
    expectUnmapped(keys, [8, 27, 461]);
  });

  it('says which keys the app must register', () => {
    expect(profileOf('tizen').notes?.join(' ')).toMatch(/registerKey/);
  });

  it('has a microphone and no camera', () => {
    expect(profileOf('tizen').capabilities).toMatchObject({ camera: false, microphone: true });
  });
});

describe('webos profile', () => {
  const keys = keyMapOf('webos');

  it("maps LG's Back 461 and colour keys 403-406", () => {
    expect(keys.get(461)).toBe('Back');
    expectColourKeys(keys, VK_COLOUR_CODES);
  });

  it('has no d button: Stop 413 stands in for Data', () => {
    expect(keys.get(413)).toBe('Data');
  });

  it('knows nothing of the other boxes’ Back codes', () => {
    expectUnmapped(keys, [8, 27, 10009]);
  });
});

describe('android-tv profile', () => {
  const keys = keyMapOf('android-tv');

  it('maps what the launcher forwards: Escape for Back, OIPF codes for the colour and d keys', () => {
    expect([27, 8].map((code) => keys.get(code))).toEqual(['Back', 'Back']);
    expectColourKeys(keys, VK_COLOUR_CODES);
    expect(keys.get(457)).toBe('Data');
  });

  it('does not map raw Android key codes, which never reach a page', () => {
    expectUnmapped(keys, [4, 23, 183, 184, 185, 186, 230]);
  });

  it('sends sound without a camera', () => {
    expect(profileOf('android-tv').capabilities).toEqual({
      camera: false,
      microphone: true,
      speech: true,
      webrtc: true,
    });
  });
});
