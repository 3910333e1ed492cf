import { OIPF_KEYSET_BITS, type OipfKeysetName, type TizenInputKeyName } from './keyNames.js';
import type { KeyRegistration, Profile } from './profileSchema.js';

/*
 * Some boxes give a web app only a few keys until it asks for more: the colour keys, digits, Back
 * (HbbTV) and the d/Info key never arrive otherwise, whatever the key map says. The profile says
 * what to ask for (`keyRegistration`, data); this file asks the box. Each call is feature-detected
 * (a PC browser running the tizen or hbbtv profile has none of these APIs) and nothing here throws:
 * the result says what was done, for tests and logs.
 */

export type KeyRegistrationKind = KeyRegistration['kind'];

export type KeyRegistrationResult =
  /** The profile asks for nothing. */
  | { status: 'not-configured' }
  /** The box's API is not there (a PC browser, or not that kind of box); nothing was done. */
  | { status: 'unavailable'; kind: KeyRegistrationKind; reason: string }
  | {
      status: 'registered';
      kind: 'tizen-tvinputdevice';
      /**
       * `batch`: one registerKeyBatch call (a failure it reports later, to its error callback, is
       * answered by registering one by one then, and not shown here); `one-by-one`: registerKey per
       * key, after the batch threw.
       */
      method: 'batch' | 'one-by-one';
      registered: string[];
      /** Names the set refused (it has no such key). */
      unsupported: string[];
    }
  | {
      status: 'registered';
      kind: 'oipf-keyset';
      /** The mask passed to `keyset.setValue`. */
      mask: number;
      /** What the terminal says it granted (setValue's return value or `keyset.value`), if it says. */
      granted?: number;
    }
  /** The API is there but refused. */
  | { status: 'failed'; kind: KeyRegistrationKind; reason: string };

/** The Keyset mask for these key names (OR of their OIPF constants). */
export function oipfKeysetMask(keys: readonly OipfKeysetName[]): number {
  let mask = 0;
  for (const key of keys) mask |= OIPF_KEYSET_BITS[key];
  return mask;
}

/**
 * Ask the box for the keys the profile names (`profile.keyRegistration`). Does nothing when the
 * profile names none or the box's API is missing; never throws. Call it once the page's document
 * exists (the OIPF application manager object may have to be added to it).
 */
export function registerKeys(profile: Pick<Profile, 'keyRegistration'>, win: Window): KeyRegistrationResult {
  const registration = profile.keyRegistration;
  if (!registration) return { status: 'not-configured' };
  try {
    switch (registration.kind) {
      case 'tizen-tvinputdevice':
        return registerTizenKeys(registration.keys, win);
      case 'oipf-keyset':
        return registerOipfKeyset(registration.keys, win);
    }
  } catch (error) {
    // Only reached if a box's object misbehaves in a way not caught below (a throwing getter, say).
    return { status: 'failed', kind: registration.kind, reason: reasonOf(error) };
  }
}

// --- Samsung Tizen: tizen.tvinputdevice -------------------------------------------------------

interface TvInputDevice {
  registerKey?: (keyName: string) => void;
  registerKeyBatch?: (
    keyNames: string[],
    successCallback?: (() => void) | null,
    errorCallback?: ((error: unknown) => void) | null,
  ) => void;
}

/**
 * `registerKeyBatch` checks every name first and throws (InvalidValuesError) if the set does not
 * know one, registering none; it registers the rest later and reports a failure to `errorCallback`
 * (Samsung's TVInputDevice web API implementation, tvinputdevice_api.js). Either way the keys are
 * then registered one by one, skipping those the set refuses.
 */
function registerTizenKeys(keys: readonly TizenInputKeyName[], win: Window): KeyRegistrationResult {
  const kind = 'tizen-tvinputdevice';
  const device = propertyOf(propertyOf(win, 'tizen'), 'tvinputdevice') as TvInputDevice | undefined;
  if (!device || typeof device !== 'object') {
    return {
      status: 'unavailable',
      kind,
      reason: 'tizen.tvinputdevice is not there (not a Tizen TV web app)',
    };
  }
  const names = [...keys];
  if (typeof device.registerKeyBatch === 'function') {
    try {
      device.registerKeyBatch(names, null, () => {
        registerOneByOne(device, names);
      });
      return { status: 'registered', kind, method: 'batch', registered: names, unsupported: [] };
    } catch {
      // A name this set does not have: register the others one by one.
    }
  }
  if (typeof device.registerKey !== 'function') {
    return {
      status: 'failed',
      kind,
      reason: 'tizen.tvinputdevice has no registerKey, and no registerKeyBatch that took the keys',
    };
  }
  const { registered, unsupported } = registerOneByOne(device, names);
  if (registered.length === 0) {
    return { status: 'failed', kind, reason: `the set registered none of ${names.join(', ')}` };
  }
  return { status: 'registered', kind, method: 'one-by-one', registered, unsupported };
}

function registerOneByOne(device: TvInputDevice, names: readonly string[]) {
  const registered: string[] = [];
  const unsupported: string[] = [];
  for (const name of names) {
    try {
      if (typeof device.registerKey !== 'function') throw new Error('no registerKey');
      device.registerKey(name);
      registered.push(name);
    } catch {
      unsupported.push(name);
    }
  }
  return { registered, unsupported };
}

// --- HbbTV / OIPF DAE: application/oipfApplicationManager -------------------------------------

const APPLICATION_MANAGER_TYPE = 'application/oipfApplicationManager';

interface OipfKeyset {
  setValue?: (value: number, otherKeys?: number[]) => unknown;
  value?: unknown;
}

interface OipfApplication {
  privateData?: { keyset?: OipfKeyset };
  /** OIPF DAE 1.1 name of `privateData` (HbbTV Association tutorials, rc-buttons.js). */
  private?: { keyset?: OipfKeyset };
}

interface OipfApplicationManager {
  getOwnerApplication?: (document: Document) => OipfApplication | null;
}

/**
 * HbbTV (ETSI TS 102 796) and OIPF DAE: `getOwnerApplication(document).privateData.keyset.setValue(mask)`
 * on the `application/oipfApplicationManager` embedded object. A broadcast-related HbbTV application
 * receives no key at all until it does this (not even Back). The object is the page's own
 * `<object type="application/oipfApplicationManager">`, else one made by `oipfObjectFactory`, else
 * one this function adds to the body (taken out again if the browser does not make it an
 * application manager).
 */
function registerOipfKeyset(keys: readonly OipfKeysetName[], win: Window): KeyRegistrationResult {
  const kind = 'oipf-keyset';
  const manager = applicationManagerOf(win);
  if (!manager) {
    return {
      status: 'unavailable',
      kind,
      reason: `no ${APPLICATION_MANAGER_TYPE} object (not an HbbTV/OIPF browser)`,
    };
  }
  let application: OipfApplication | null | undefined;
  try {
    application = manager.getOwnerApplication?.(win.document);
  } catch (error) {
    return { status: 'failed', kind, reason: `getOwnerApplication threw: ${reasonOf(error)}` };
  }
  const keyset = application?.privateData?.keyset ?? application?.private?.keyset;
  if (!keyset || typeof keyset.setValue !== 'function') {
    return {
      status: 'unavailable',
      kind,
      reason: 'the owner application has no privateData.keyset.setValue',
    };
  }
  const mask = oipfKeysetMask(keys);
  let returned: unknown;
  try {
    returned = keyset.setValue(mask);
  } catch (error) {
    return { status: 'failed', kind, reason: `keyset.setValue threw: ${reasonOf(error)}` };
  }
  const granted = isMask(returned) ? returned : isMask(keyset.value) ? keyset.value : undefined;
  return { status: 'registered', kind, mask, ...(granted === undefined ? {} : { granted }) };
}

function applicationManagerOf(win: Window): OipfApplicationManager | undefined {
  const document = propertyOf(win, 'document') as Document | undefined;
  if (!document) return undefined;
  const inPage = pageApplicationManager(document);
  if (inPage) return inPage;
  const fromFactory = factoryApplicationManager(win);
  if (fromFactory) return fromFactory;
  return addedApplicationManager(document);
}

function isApplicationManager(value: unknown): value is OipfApplicationManager {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as OipfApplicationManager).getOwnerApplication === 'function'
  );
}

function pageApplicationManager(document: Document): OipfApplicationManager | undefined {
  if (typeof document.getElementsByTagName !== 'function') return undefined;
  const objects = Array.from(document.getElementsByTagName('object'));
  const wanted = APPLICATION_MANAGER_TYPE.toLowerCase();
  const found = objects.find((object) => (object.getAttribute('type') ?? '').toLowerCase() === wanted);
  return isApplicationManager(found) ? found : undefined;
}

/** OIPF DAE's object factory, where the terminal has one. */
function factoryApplicationManager(win: Window): OipfApplicationManager | undefined {
  const factory = propertyOf(win, 'oipfObjectFactory') as
    | { isObjectSupported?: (type: string) => boolean; createApplicationManagerObject?: () => unknown }
    | undefined;
  if (!factory || typeof factory.createApplicationManagerObject !== 'function') return undefined;
  try {
    if (
      typeof factory.isObjectSupported === 'function' &&
      !factory.isObjectSupported(APPLICATION_MANAGER_TYPE)
    )
      return undefined;
    const made = factory.createApplicationManagerObject();
    return isApplicationManager(made) ? made : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds the embedded object, as HbbTV pages write it in their HTML. Not `display: none`: some
 * terminals do not instantiate a hidden embedded object.
 */
function addedApplicationManager(document: Document): OipfApplicationManager | undefined {
  const body = document.body as HTMLElement | null | undefined;
  if (!body || typeof document.createElement !== 'function') return undefined;
  let object: HTMLObjectElement | undefined;
  try {
    object = document.createElement('object');
    object.setAttribute('type', APPLICATION_MANAGER_TYPE);
    object.setAttribute('style', 'position: absolute; left: 0; top: 0; width: 0; height: 0;');
    body.appendChild(object);
    if (isApplicationManager(object)) return object;
  } catch {
    // Fall through: take it out again.
  }
  try {
    object?.parentNode?.removeChild(object);
  } catch {
    // Nothing more to do.
  }
  return undefined;
}

// --- helpers -----------------------------------------------------------------------------------

/** `target[name]`, or undefined when there is no target or reading it throws. */
function propertyOf(target: unknown, name: string): unknown {
  if ((typeof target !== 'object' && typeof target !== 'function') || target === null) return undefined;
  try {
    return (target as Record<string, unknown>)[name] ?? undefined;
  } catch {
    return undefined;
  }
}

function isMask(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
