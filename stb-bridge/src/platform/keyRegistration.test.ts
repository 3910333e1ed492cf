import { describe, expect, it, vi } from 'vitest';
import { OIPF_KEYSET_NAMES } from './keyNames.js';
import { oipfKeysetMask, registerKeys } from './keyRegistration.js';
import type { Profile } from './profileSchema.js';
import { findProfile } from './profiles.js';

function profileOf(name: string): Profile {
  const profile = findProfile(name);
  if (!profile) throw new Error(`no profile ${name}`);
  return profile;
}

const TIZEN_KEYS = [
  'ColorF0Red',
  'ColorF1Green',
  'ColorF2Yellow',
  'ColorF3Blue',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  'Info',
];

/** RED + GREEN + YELLOW + BLUE + NAVIGATION + INFO + NUMERIC. */
const HBBTV_MASK = 0x1 + 0x2 + 0x4 + 0x8 + 0x10 + 0x80 + 0x100;

type ErrorCallback = ((error: unknown) => void) | null | undefined;

/**
 * tizen.tvinputdevice as Samsung implements it: registerKeyBatch throws before registering anything
 * when one name is not supported, registerKey throws for an unsupported name.
 */
function fakeTizen(
  options: { supported?: readonly string[]; batch?: 'works' | 'missing' | 'fails-later' } = {},
) {
  const supported = new Set(options.supported ?? TIZEN_KEYS);
  const registered: string[] = [];
  const batches: string[][] = [];
  let failLater: ErrorCallback;
  const tvinputdevice: Record<string, unknown> = {
    registerKey: vi.fn((name: string) => {
      if (!supported.has(name))
        throw Object.assign(new Error(`Invalid key name "${name}"`), { name: 'InvalidValuesError' });
      registered.push(name);
    }),
  };
  if (options.batch !== 'missing') {
    tvinputdevice['registerKeyBatch'] = vi.fn((names: string[], _success: unknown, error: ErrorCallback) => {
      batches.push([...names]);
      const unknown = names.find((name) => !supported.has(name));
      if (unknown)
        throw Object.assign(new Error(`Invalid key name: "${unknown}"`), { name: 'InvalidValuesError' });
      if (options.batch === 'fails-later') failLater = error;
      else registered.push(...names);
    });
  }
  const win = { tizen: { tvinputdevice } } as unknown as Window;
  return { win, tvinputdevice, registered, batches, failLater: () => failLater?.(new Error('UnknownError')) };
}

interface FakeElement {
  type?: string;
  parentNode: FakeBody | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  getOwnerApplication?: (document: unknown) => unknown;
}

interface FakeBody {
  children: FakeElement[];
  appendChild(element: FakeElement): FakeElement;
  removeChild(element: FakeElement): FakeElement;
}

function fakeElement(attributes: Record<string, string> = {}): FakeElement {
  const values = new Map(Object.entries(attributes));
  return {
    parentNode: null,
    getAttribute: (name) => values.get(name) ?? null,
    setAttribute: (name, value) => void values.set(name, value),
  };
}

/**
 * A page whose OIPF application manager objects come to life as a terminal would make them:
 * `terminal` says whether an `application/oipfApplicationManager` object gets its API.
 */
function fakeOipfWindow(
  options: {
    terminal?: boolean;
    inPage?: boolean;
    keysetName?: 'privateData' | 'private';
    setValue?: (mask: number) => unknown;
    getOwnerApplication?: () => unknown;
    globals?: Record<string, unknown>;
  } = {},
) {
  const setValue = vi.fn(options.setValue ?? ((mask: number) => mask));
  const application = { [options.keysetName ?? 'privateData']: { keyset: { setValue, value: 0 } } };
  const getOwnerApplication = vi.fn(options.getOwnerApplication ?? (() => application));
  const bringToLife = (element: FakeElement) => {
    const type = element.getAttribute('type') ?? '';
    if (options.terminal && type.toLowerCase() === 'application/oipfapplicationmanager')
      element.getOwnerApplication = getOwnerApplication;
  };
  const body: FakeBody = {
    children: [],
    appendChild(element) {
      this.children.push(element);
      element.parentNode = this;
      bringToLife(element);
      return element;
    },
    removeChild(element) {
      this.children = this.children.filter((child) => child !== element);
      element.parentNode = null;
      return element;
    },
  };
  if (options.inPage)
    body.appendChild(fakeElement({ type: 'application/oipfApplicationManager', id: 'appmgr' }));
  const document = {
    body,
    getElementsByTagName: (tag: string) => (tag === 'object' ? [...body.children] : []),
    createElement: vi.fn(() => fakeElement()),
  };
  const win = { document, ...options.globals } as unknown as Window;
  return { win, document, body, setValue, getOwnerApplication };
}

describe('registerKeys on Samsung Tizen (tizen.tvinputdevice)', () => {
  it("registers the tizen profile's keys in one batch", () => {
    const tizen = fakeTizen();
    const result = registerKeys(profileOf('tizen'), tizen.win);
    expect(tizen.batches).toEqual([TIZEN_KEYS]);
    expect(tizen.registered).toEqual(TIZEN_KEYS);
    expect(tizen.tvinputdevice['registerKey']).not.toHaveBeenCalled();
    expect(result).toEqual({
      status: 'registered',
      kind: 'tizen-tvinputdevice',
      method: 'batch',
      registered: TIZEN_KEYS,
      unsupported: [],
    });
  });

  it('registers the others one by one when the set does not know one name', () => {
    const tizen = fakeTizen({ supported: TIZEN_KEYS.filter((key) => key !== 'Info') });
    const result = registerKeys(profileOf('tizen'), tizen.win);
    expect(tizen.batches).toHaveLength(1);
    expect(tizen.tvinputdevice['registerKey']).toHaveBeenCalledTimes(TIZEN_KEYS.length);
    expect(tizen.registered).toEqual(TIZEN_KEYS.filter((key) => key !== 'Info'));
    expect(result).toEqual({
      status: 'registered',
      kind: 'tizen-tvinputdevice',
      method: 'one-by-one',
      registered: TIZEN_KEYS.filter((key) => key !== 'Info'),
      unsupported: ['Info'],
    });
  });

  it('registers one by one when the batch fails later (its error callback)', () => {
    const tizen = fakeTizen({ batch: 'fails-later' });
    expect(registerKeys(profileOf('tizen'), tizen.win)).toMatchObject({
      status: 'registered',
      method: 'batch',
    });
    expect(tizen.registered).toEqual([]);
    expect(() => tizen.failLater()).not.toThrow();
    expect(tizen.registered).toEqual(TIZEN_KEYS);
  });

  it('uses registerKey where there is no registerKeyBatch (sets before 2016)', () => {
    const tizen = fakeTizen({ batch: 'missing' });
    expect(registerKeys(profileOf('tizen'), tizen.win)).toMatchObject({
      status: 'registered',
      method: 'one-by-one',
      registered: TIZEN_KEYS,
      unsupported: [],
    });
  });

  it('reports a set that refuses every key as failed, without throwing', () => {
    const tizen = fakeTizen({ supported: [] });
    const result = registerKeys(profileOf('tizen'), tizen.win);
    expect(result).toMatchObject({ status: 'failed', kind: 'tizen-tvinputdevice' });
    expect(tizen.registered).toEqual([]);
  });
});

describe('registerKeys on HbbTV / OIPF (keyset.setValue)', () => {
  it('computes the mask from the key names', () => {
    expect(oipfKeysetMask(['RED', 'GREEN', 'YELLOW', 'BLUE', 'NAVIGATION', 'NUMERIC', 'INFO'])).toBe(0x19f);
    expect(oipfKeysetMask(OIPF_KEYSET_NAMES)).toBe(0x7ff);
    expect(oipfKeysetMask(['NAVIGATION', 'NAVIGATION'])).toBe(0x10);
  });

  it("sets the hbbtv profile's mask on the page's application manager object", () => {
    const oipf = fakeOipfWindow({ terminal: true, inPage: true });
    const result = registerKeys(profileOf('hbbtv'), oipf.win);
    expect(oipf.getOwnerApplication).toHaveBeenCalledWith(oipf.document);
    expect(oipf.setValue).toHaveBeenCalledExactlyOnceWith(HBBTV_MASK);
    expect(oipf.document.createElement).not.toHaveBeenCalled();
    expect(result).toEqual({ status: 'registered', kind: 'oipf-keyset', mask: 415, granted: 415 });
  });

  it('adds the application manager object when the page has none, and reports what the terminal granted', () => {
    const oipf = fakeOipfWindow({ terminal: true, setValue: (mask) => mask & 0x1f });
    const result = registerKeys(profileOf('hbbtv'), oipf.win);
    expect(oipf.body.children).toHaveLength(1);
    expect(oipf.body.children[0]?.getAttribute('type')).toBe('application/oipfApplicationManager');
    expect(oipf.body.children[0]?.getAttribute('style')).not.toMatch(/display/);
    expect(oipf.setValue).toHaveBeenCalledExactlyOnceWith(HBBTV_MASK);
    expect(result).toEqual({ status: 'registered', kind: 'oipf-keyset', mask: HBBTV_MASK, granted: 0x1f });
  });

  it("uses OIPF's object factory when the terminal has one", () => {
    const setValue = vi.fn();
    const manager = { getOwnerApplication: () => ({ privateData: { keyset: { setValue, value: 0x19f } } }) };
    const oipf = fakeOipfWindow({
      globals: {
        oipfObjectFactory: {
          isObjectSupported: (type: string) => type === 'application/oipfApplicationManager',
          createApplicationManagerObject: () => manager,
        },
      },
    });
    expect(registerKeys(profileOf('hbbtv'), oipf.win)).toEqual({
      status: 'registered',
      kind: 'oipf-keyset',
      mask: HBBTV_MASK,
      granted: 0x19f,
    });
    expect(setValue).toHaveBeenCalledExactlyOnceWith(HBBTV_MASK);
    expect(oipf.body.children).toHaveLength(0);
  });

  it('falls back to the OIPF DAE 1.1 name application.private', () => {
    const oipf = fakeOipfWindow({ terminal: true, inPage: true, keysetName: 'private' });
    expect(registerKeys(profileOf('hbbtv'), oipf.win)).toMatchObject({
      status: 'registered',
      mask: HBBTV_MASK,
    });
    expect(oipf.setValue).toHaveBeenCalledOnce();
  });

  it('reports a terminal that throws as failed, without throwing', () => {
    const refusing = fakeOipfWindow({
      terminal: true,
      inPage: true,
      setValue: () => {
        throw new Error('SecurityError');
      },
    });
    expect(registerKeys(profileOf('hbbtv'), refusing.win)).toEqual({
      status: 'failed',
      kind: 'oipf-keyset',
      reason: 'keyset.setValue threw: SecurityError',
    });
    const noApplication = fakeOipfWindow({
      terminal: true,
      inPage: true,
      getOwnerApplication: () => {
        throw new Error('not a privileged application');
      },
    });
    expect(registerKeys(profileOf('hbbtv'), noApplication.win)).toMatchObject({ status: 'failed' });
  });
});

describe('registerKeys where the API is missing', () => {
  it('does not touch the window when the profile asks for nothing', () => {
    const untouchable = new Proxy(
      {},
      {
        get() {
          throw new Error('the window was read');
        },
      },
    ) as Window;
    expect(registerKeys(profileOf('browser'), untouchable)).toEqual({ status: 'not-configured' });
    expect(registerKeys(profileOf('webos'), untouchable)).toEqual({ status: 'not-configured' });
  });

  it('does nothing for the tizen profile in a PC browser', () => {
    expect(registerKeys(profileOf('tizen'), {} as Window)).toMatchObject({
      status: 'unavailable',
      kind: 'tizen-tvinputdevice',
    });
    expect(registerKeys(profileOf('tizen'), { tizen: {} } as unknown as Window)).toMatchObject({
      status: 'unavailable',
    });
    const throwingGetter = Object.defineProperty({}, 'tizen', {
      get() {
        throw new Error('ReferenceError');
      },
    }) as Window;
    expect(registerKeys(profileOf('tizen'), throwingGetter)).toMatchObject({ status: 'unavailable' });
  });

  it('does nothing for the hbbtv profile in a PC browser, and takes out the object it tried', () => {
    const pc = fakeOipfWindow({ terminal: false });
    expect(registerKeys(profileOf('hbbtv'), pc.win)).toMatchObject({
      status: 'unavailable',
      kind: 'oipf-keyset',
    });
    expect(pc.document.createElement).toHaveBeenCalledOnce();
    expect(pc.body.children).toEqual([]);
    expect(pc.setValue).not.toHaveBeenCalled();
    expect(registerKeys(profileOf('hbbtv'), {} as Window)).toMatchObject({ status: 'unavailable' });
    const bareDocument = { document: new EventTarget() } as unknown as Window;
    expect(registerKeys(profileOf('hbbtv'), bareDocument)).toMatchObject({ status: 'unavailable' });
  });

  it('reports an application manager whose application has no keyset as unavailable', () => {
    const oipf = fakeOipfWindow({ terminal: true, inPage: true, getOwnerApplication: () => null });
    expect(registerKeys(profileOf('hbbtv'), oipf.win)).toMatchObject({ status: 'unavailable' });
  });
});
