import { z } from 'zod';
import { profileNameSchema, type DeviceSummary } from './deviceInfo.js';
import { REMOTE_KEYS } from './keys.js';
import type { LocalisedText } from './tenant.js';

/** A TV sends at most one health report in this time, in milliseconds. */
export const REPORT_INTERVAL_MS = 60_000;
/** Errors a TV keeps for its next report, and the server keeps per TV. */
export const MAX_REPORTED_ERRORS = 10;
/** Longest error message or source a report carries, in characters. */
export const ERROR_TEXT_MAX = 200;

/** Where the TV keeps the configuration an operator pushed; the packaged app reads it at start. */
export const PUSHED_CONFIG_KEY = 'madoguchi.pushedConfig';
/** Which pushed configuration (its version) `PUSHED_CONFIG_KEY` holds. */
export const PUSHED_CONFIG_VERSION_KEY = 'madoguchi.pushedConfigVersion';

const bytes = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** What the browser says about memory; each part only where the browser has it. */
export const deviceMemorySchema = z.strictObject({
  /** `performance.memory.usedJSHeapSize` (Chromium), in bytes. */
  usedJsHeap: bytes.optional(),
  /** `performance.memory.totalJSHeapSize`, in bytes. */
  totalJsHeap: bytes.optional(),
  /** `performance.memory.jsHeapSizeLimit`, in bytes. */
  jsHeapLimit: bytes.optional(),
  /** `navigator.deviceMemory`, in gigabytes (the browser rounds it: 0.25 … 8). */
  deviceGb: z.number().min(0).max(1024).optional(),
});
export type DeviceMemory = z.infer<typeof deviceMemorySchema>;

/** One script error on a TV: what it said and where, never who was watching. */
export const deviceErrorSchema = z.strictObject({
  at: z.iso.datetime(),
  message: z.string().min(1).max(ERROR_TEXT_MAX),
  /** The script, without its query string. */
  source: z.string().max(ERROR_TEXT_MAX).optional(),
});
export type DeviceErrorReport = z.infer<typeof deviceErrorSchema>;

/** `device:report`: the TV's health since its last report. */
export const deviceReportSchema = z.strictObject({
  memory: deviceMemorySchema.nullable().optional(),
  errors: z.array(deviceErrorSchema).max(MAX_REPORTED_ERRORS),
});
export type DeviceReport = z.infer<typeof deviceReportSchema>;

/** DOM `keyCode` values as JSON object keys, as in the profiles' key maps. */
export const keyCodeSchema = z.string().regex(/^[1-9][0-9]{0,5}$/, 'a key code such as "13"');

/** Key code → the remote key it means from now on; null takes the code away. */
export const keyMapOverrideSchema = z
  .record(keyCodeSchema, z.enum(REMOTE_KEYS).nullable())
  .refine((map) => Object.keys(map).length <= 64, 'at most 64 key codes');
export type KeyMapOverride = z.infer<typeof keyMapOverrideSchema>;

/**
 * The window-server a TV should talk to: an http(s) origin (socket.io would read a path as its
 * namespace), without credentials, query or fragment.
 */
export const pushedServerUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      const plain = url.username === '' && url.password === '' && url.search === '' && url.hash === '';
      return plain && url.pathname === '/';
    } catch {
      return false;
    }
  }, 'an http or https origin, without a path, credentials, query or fragment');

/** What the TV stores for its next start (`PUSHED_CONFIG_KEY` holds all but the version). */
export const pushedConfigSchema = z.strictObject({
  version: z.number().int().min(1).max(1_000_000_000),
  serverUrl: pushedServerUrlSchema.optional(),
  keyMapOverride: keyMapOverrideSchema.optional(),
});
export type PushedConfig = z.infer<typeof pushedConfigSchema>;

/** `config:stored`: the TV kept this version for its next start. */
export const configStoredSchema = z.strictObject({
  version: z.number().int().min(1).max(1_000_000_000),
});
export type ConfigStored = z.infer<typeof configStoredSchema>;

const deviceIdSchema = z.string().regex(/^dev_[A-Za-z0-9_-]{1,40}$/);

/**
 * An operator pushes a configuration to some TVs: listed ones, or every TV of a profile.
 * Each push replaces what those TVs had (it is not merged).
 */
export const fleetConfigPushSchema = z
  .strictObject({
    deviceIds: z.array(deviceIdSchema).min(1).max(1000).optional(),
    profile: profileNameSchema.optional(),
    serverUrl: pushedServerUrlSchema.optional(),
    keyMapOverride: keyMapOverrideSchema.optional(),
  })
  .superRefine((push, ctx) => {
    if ((push.deviceIds === undefined) === (push.profile === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['deviceIds'], message: 'either deviceIds or profile' });
    }
    if (push.serverUrl === undefined && push.keyMapOverride === undefined) {
      ctx.addIssue({ code: 'custom', path: ['serverUrl'], message: 'serverUrl or keyMapOverride' });
    }
  });
export type FleetConfigPush = z.infer<typeof fleetConfigPushSchema>;

/** A pushed configuration and how far it got: stored on the TV, then in use after a restart. */
export interface FleetConfigStatus {
  version: number;
  pushedAt: string;
  serverUrl: string | null;
  keyMapOverride: KeyMapOverride | null;
  /** The newest version the TV said it stored. */
  deliveredVersion: number | null;
  /** The version the TV started with (it is applied on the next start). */
  appliedVersion: number | null;
  state: 'pending' | 'delivered' | 'applied';
}

/** One set-top box as the cable operator sees it: no person, only the box. */
export interface FleetDevice extends DeviceSummary {
  screen: { width: number; height: number };
  memory: DeviceMemory | null;
  /** The last errors it reported, oldest first (at most MAX_REPORTED_ERRORS). */
  errors: DeviceErrorReport[];
  reportedAt: string | null;
  /** Its app is older than the newest TV package. */
  updateAvailable: boolean;
  config: FleetConfigStatus | null;
}

export interface FleetView {
  /** The newest TV package version the server knows; null when it does not know one. */
  latestVersion: string | null;
  /** Profiles the server hosts the TV app for (`/tv/<profile>/`). */
  profiles: string[];
  devices: FleetDevice[];
}

export interface FleetPushResult {
  pushed: { deviceId: string; version: number; online: boolean }[];
}

export function configState(
  version: number,
  deliveredVersion: number | null,
  appliedVersion: number | null,
): FleetConfigStatus['state'] {
  if (appliedVersion !== null && appliedVersion >= version) return 'applied';
  if (deliveredVersion !== null && deliveredVersion >= version) return 'delivered';
  return 'pending';
}

interface ParsedVersion {
  core: number[];
  pre: string[];
}

function parseVersion(version: string): ParsedVersion | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!match) return null;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    pre: match[4] ? match[4].split('.') : [],
  };
}

function comparePre(a: string[], b: string[]): number {
  // A release is newer than its pre-releases (1.0.0 > 1.0.0-rc.1).
  if (a.length === 0 || b.length === 0) return Math.sign(b.length - a.length);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    if (xNum && yNum && Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    if (xNum !== yNum) return xNum ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** `1.2.3`, `1.2.3-rc.1`, `1.2.3+build` (a leading `v` is allowed). */
export function isSemanticVersion(version: string): boolean {
  return parseVersion(version) !== null;
}

/**
 * Semantic-version order of two versions (`1.2.3`, `1.2.3-rc.1`; build metadata ignored):
 * negative, zero or positive; null when either is not a semantic version.
 */
export function compareVersions(a: string, b: string): number | null {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return null;
  for (let i = 0; i < 3; i++) {
    const difference = (left.core[i] as number) - (right.core[i] as number);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return comparePre(left.pre, right.pre);
}

/** The TV runs an older version than the newest package (unknown versions never are). */
export function isOlderVersion(appVersion: string, latest: string | null): boolean {
  if (latest === null) return false;
  const order = compareVersions(appVersion, latest);
  return order !== null && order < 0;
}

/** A URL's query string or fragment, up to a stack frame's `:line:column` or the URL's end. */
const URL_WITH_QUERY =
  /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#'"()<>]*)[?#][^\s'"()<>]*?(?=:\d+(?::\d+)?(?![^\s'"()<>])|[\s'"()<>]|$)/gi;
const TOKEN = /\b(mdt|mss|mdc|csrf)_[A-Za-z0-9_-]+/g;
const EMAIL = /[^\s@'"()<>,;]+@[^\s@'"()<>,;]+\.[^\s@'"()<>,;]+/g;
/** Eight digits or more (with spaces or hyphens): phone numbers, a My Number, a code. */
const LONG_NUMBER = /(?<!\d)\d(?:[ -]?\d){7,}(?!\d)/g;

/**
 * An error text fit to leave the TV: URLs lose their query strings and fragments (they may carry
 * codes), tokens, e-mail addresses and long numbers are masked, and it is cut to ERROR_TEXT_MAX.
 */
export function scrubErrorText(text: string): string {
  const clean = text
    .replace(URL_WITH_QUERY, '$1')
    .replace(TOKEN, '$1_…')
    .replace(EMAIL, '…@…')
    .replace(LONG_NUMBER, '#')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > ERROR_TEXT_MAX ? `${clean.slice(0, ERROR_TEXT_MAX - 1)}…` : clean;
}

/** `GET /api/v1/fleet/cities`: the cities whose boxes an operator may see, their own first. */
export interface FleetCity {
  id: string;
  displayName: LocalisedText;
}
