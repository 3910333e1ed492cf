import {
  PUSHED_CONFIG_KEY,
  PUSHED_CONFIG_VERSION_KEY,
  keyMapOverrideSchema,
  profileNameSchema,
  pushedConfigSchema,
  tenantBasePath,
  tenantFromPath,
  tenantIdSchema,
  TENANT_ID_RULE,
  type KeyMapOverride,
  type TenantId,
} from '@madoguchi/shared';
import { DEFAULT_PROFILE_NAME, applyKeyMapOverride, findProfile } from '@madoguchi/stb-bridge';

/**
 * Where the app finds its server, profile and key map at start.
 *
 * - **Packaged** (an operator package from `stb-bridge package`, served from the box's file
 *   system or any web server): `madoguchi.json` next to index.html says it all.
 * - **Hosted** (served by window-server under its city's base, `/t/<tenant>/tv/`): no such file;
 *   the tenant comes from the path, the profile from `?profile=` or the path
 *   `/t/<tenant>/tv/<profile>/`, the server is the page's own origin.
 *
 * Either way, a configuration the operator pushed since (stored by the device channel under
 * `PUSHED_CONFIG_KEY`) then replaces the server's origin and adds to the key map override; the
 * tenant is never pushed: a TV belongs to the city its package or address names.
 */
export interface BootConfig {
  mode: 'packaged' | 'hosted';
  /** window-server's origin, without a trailing slash. */
  serverUrl: string;
  /** The city this TV belongs to: the package's, or the one the hosted page's path names. */
  tenant: TenantId;
  /**
   * The city's base on the server, `${serverUrl}/t/${tenant}`: the device channel
   * (`<apiBase>/device`) and every HTTP call (`<apiBase>/api/v1/…`) go below it.
   */
  apiBase: string;
  /** A shipped profile's name: unknown names fall back to the default profile. */
  profile: string;
  /** Checked against the profile: `createPlatform` accepts it. */
  keyMapOverride?: KeyMapOverride;
  /** The version of the pushed configuration this start uses; null when none is used. */
  pushedConfigVersion: number | null;
}

/** What of `window` the boot needs (a fake one in tests). */
export interface BootWindow {
  location: Pick<Location, 'origin' | 'pathname' | 'search'>;
  fetch(input: string, init?: RequestInit): Promise<Pick<Response, 'ok' | 'status' | 'text'>>;
  localStorage?: Pick<Storage, 'getItem'>;
  XMLHttpRequest?: typeof XMLHttpRequest;
}

export const BOOT_CONFIG_FILE = 'madoguchi.json';

/** The app cannot start: its configuration (`madoguchi.json`, or the hosted page's address) is wrong. */
export class BootConfigError extends Error {
  /** @param source what is wrong: the file by default, or e.g. the page's address. */
  constructor(message: string, source: string = BOOT_CONFIG_FILE) {
    super(`${source}: ${message}`);
    this.name = 'BootConfigError';
  }
}

/** `madoguchi.json` as the packager writes it. */
export interface PackagedConfig {
  serverUrl: string;
  tenant: TenantId;
  profile: string;
  keyMapOverride?: KeyMapOverride;
}

/** What the device channel stored from an operator's push. */
export interface PushedConfig {
  serverUrl?: string;
  keyMapOverride?: KeyMapOverride;
  version: number | null;
}

export async function loadBootConfig(win: BootWindow): Promise<BootConfig> {
  const packaged = await readPackagedConfig(win);
  return resolveBootConfig(packaged, win.location, readPushedConfig(win));
}

/**
 * Packaged or hosted, then the push on top; the profile and override are made safe to use.
 * Throws a BootConfigError for a hosted page whose path names no city.
 */
export function resolveBootConfig(
  packaged: PackagedConfig | null,
  location: BootWindow['location'],
  pushed: PushedConfig | null,
): BootConfig {
  const mode = packaged ? 'packaged' : 'hosted';
  const { tenant, profile: requested } = packaged ?? hostedPlace(location);
  const profile = knownProfile(requested);
  const merged =
    pushed?.keyMapOverride !== undefined
      ? { ...packaged?.keyMapOverride, ...pushed.keyMapOverride }
      : undefined;
  const keyMapOverride = firstUsableOverride(profile, [merged, packaged?.keyMapOverride]);
  const serverUrl = pushed?.serverUrl ?? packaged?.serverUrl ?? location.origin;
  return {
    mode,
    serverUrl,
    tenant,
    apiBase: `${serverUrl}${tenantBasePath(tenant)}`,
    profile,
    ...(keyMapOverride ? { keyMapOverride } : {}),
    // Applied only if all of it is used: a dropped key map leaves the push "delivered" in the fleet.
    pushedConfigVersion: merged === undefined || keyMapOverride === merged ? (pushed?.version ?? null) : null,
  };
}

/** `/t/<tenant>/tv/` or `/t/<tenant>/tv/<profile>/` (`?profile=` wins over the path's). */
function hostedPlace(location: BootWindow['location']): { tenant: TenantId; profile: string | null } {
  const place = tenantFromPath(location.pathname);
  if (!place || !place.rest.startsWith('/tv/')) {
    throw new BootConfigError(
      'names no city: the TV app is served at /t/<tenant>/tv/ or /t/<tenant>/tv/<profile>/',
      `the page address ${location.pathname}`,
    );
  }
  const fromQuery = new URLSearchParams(location.search).get('profile');
  const fromPath = /^\/tv\/([a-z][a-z0-9-]{0,31})\/(?:index\.html)?$/.exec(place.rest)?.[1];
  return { tenant: place.tenant, profile: fromQuery ?? fromPath ?? null };
}

function knownProfile(requested: string | null): string {
  if (requested === null || findProfile(requested)) return requested ?? DEFAULT_PROFILE_NAME;
  console.warn(`unknown profile "${requested}", using "${DEFAULT_PROFILE_NAME}"`);
  return DEFAULT_PROFILE_NAME;
}

/**
 * The first override the profile accepts (every remote key still reachable): a pushed key map
 * that does not fit must not keep the app from starting, so it is dropped with a warning.
 */
function firstUsableOverride(
  profileName: string,
  candidates: (KeyMapOverride | undefined)[],
): KeyMapOverride | undefined {
  const profile = findProfile(profileName);
  for (const candidate of candidates) {
    if (candidate === undefined || !profile) continue;
    try {
      applyKeyMapOverride(profile, candidate);
      return candidate;
    } catch (error) {
      console.warn(`ignoring a key map override: ${(error as Error).message}`);
    }
  }
  return undefined;
}

/**
 * `./madoguchi.json` beside the page, or null when there is none (hosted mode: window-server
 * answers 404). A file that is there but wrong is an error: guessing a server would be worse.
 */
export async function readPackagedConfig(win: BootWindow): Promise<PackagedConfig | null> {
  const text = await readBesidePage(win, `./${BOOT_CONFIG_FILE}`);
  if (text === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BootConfigError('not valid JSON');
  }
  return parsePackagedConfig(data);
}

export function parsePackagedConfig(data: unknown): PackagedConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new BootConfigError('not an object');
  const { serverUrl, tenant, profile, keyMapOverride } = data as Record<string, unknown>;
  const origin = originOf(serverUrl);
  if (!origin) throw new BootConfigError('serverUrl must be an http(s) origin');
  if (tenant === undefined || tenant === '') throw new BootConfigError('tenant is missing');
  const tenantId = tenantIdSchema.safeParse(tenant);
  if (!tenantId.success) {
    throw new BootConfigError(`tenant is not ${TENANT_ID_RULE}`);
  }
  const name = profileNameSchema.safeParse(profile);
  if (!name.success) throw new BootConfigError('profile is not a profile name');
  const override = keyMapOverrideSchema.optional().safeParse(keyMapOverride);
  if (!override.success) throw new BootConfigError('keyMapOverride is not a key map override');
  return {
    serverUrl: origin,
    tenant: tenantId.data,
    profile: name.data,
    ...(override.data ? { keyMapOverride: override.data } : {}),
  };
}

const storedPushedConfigSchema = pushedConfigSchema.omit({ version: true });

/** What the device channel stored; anything unreadable or invalid is ignored, with a warning. */
export function readPushedConfig(win: Pick<BootWindow, 'localStorage'>): PushedConfig | null {
  let text: string | null;
  let versionText: string | null;
  try {
    // Boxes that forbid storage throw on access, even on reading the property.
    const storage = win.localStorage;
    text = storage?.getItem(PUSHED_CONFIG_KEY) ?? null;
    versionText = storage?.getItem(PUSHED_CONFIG_VERSION_KEY) ?? null;
  } catch {
    return null;
  }
  if (text === null) return null;
  const pushed = parsePushedConfig(text);
  if (!pushed) {
    console.warn(`ignoring the pushed configuration in ${PUSHED_CONFIG_KEY}: not valid`);
    return null;
  }
  const version = Number(versionText);
  return {
    ...pushed,
    version: versionText !== null && Number.isInteger(version) && version > 0 ? version : null,
  };
}

function parsePushedConfig(text: string): Omit<PushedConfig, 'version'> | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = storedPushedConfigSchema.safeParse(data);
  if (!parsed.success) return null;
  const { serverUrl, keyMapOverride } = parsed.data;
  const origin = serverUrl === undefined ? undefined : originOf(serverUrl);
  if (serverUrl !== undefined && origin === undefined) return null;
  return { ...(origin ? { serverUrl: origin } : {}), ...(keyMapOverride ? { keyMapOverride } : {}) };
}

/**
 * An http(s) origin without a trailing slash, or undefined. socket.io reads a URL's path as its
 * namespace, so a server address with a path cannot work and is refused here.
 */
function originOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const plain = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  return (url.protocol === 'https:' || url.protocol === 'http:') && plain ? url.origin : undefined;
}

/**
 * The text of a file beside the page, or null when it is not there. `fetch` first; boxes that
 * run the app from `file://` refuse `fetch` there but allow XMLHttpRequest (status 0 on success).
 */
async function readBesidePage(win: BootWindow, path: string): Promise<string | null> {
  let response: Awaited<ReturnType<BootWindow['fetch']>>;
  try {
    response = await win.fetch(path, { cache: 'no-cache' });
  } catch {
    return readWithXhr(win, path);
  }
  if (response.ok) return response.text();
  if (response.status !== 404) console.warn(`${path}: HTTP ${response.status}; starting in hosted mode`);
  return null;
}

function readWithXhr(win: BootWindow, path: string): Promise<string | null> {
  const Xhr = win.XMLHttpRequest;
  if (!Xhr) return Promise.resolve(null);
  return new Promise((resolve) => {
    const request = new Xhr();
    request.onload = () => {
      const found = request.status === 200 || (request.status === 0 && request.responseText !== '');
      resolve(found ? request.responseText : null);
    };
    request.onerror = () => resolve(null);
    try {
      request.open('GET', path);
      request.send();
    } catch {
      resolve(null);
    }
  });
}
