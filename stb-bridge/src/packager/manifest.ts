import { createHash } from 'node:crypto';
import { REMOTE_KEYS, profileNameSchema } from '@madoguchi/shared';
import { z } from 'zod';
import type { Profile } from '../platform/profileSchema.js';

/**
 * Layout of a package (`madoguchi-tv-<version>-<operator>-<profile>.tar.gz`), all at the top:
 *
 * - the TV app as built for hosted mode (`index.html`, `assets/…`, `static/fonts/…`);
 * - `madoguchi.json` next to `index.html`: what the app reads at boot (server, tenant, profile,
 *   key map override);
 * - `manifest.json`: what the package is, and the size and SHA-256 of every other file;
 * - `manifest.sig`: the operator's Ed25519 signature of the exact bytes of `manifest.json`, in
 *   base64 on one line. Signing the bytes (not a re-serialised object) means no canonical JSON.
 *
 * Entries are in this order: manifest.json, manifest.sig, then every other file sorted by path.
 */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const BOOT_CONFIG_FILE = 'madoguchi.json';
export const ENTRY_POINT = 'index.html';
export const PACKAGE_FORMAT = 'madoguchi-tv-package/1';
export const APP_NAME = 'madoguchi-tv';

/** Browser features the app cannot start without, whatever the box. */
export const BASE_CAPABILITIES = ['es2019', 'webgl', 'fetch', 'localStorage'] as const;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestFileSchema = z.strictObject({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: sha256Schema,
});

export const manifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  name: z.literal(APP_NAME),
  version: z.string().min(1),
  entryPoint: z.string().min(1),
  bootConfig: z.string().min(1),
  operator: z.strictObject({ id: z.string(), name: z.string() }),
  serverUrl: z.string(),
  tenant: z.string(),
  profile: z.strictObject({
    name: profileNameSchema,
    label: z.string(),
    /** The profile's key map with the operator's override applied. */
    keyMap: z.record(z.string(), z.enum(REMOTE_KEYS)),
    keyGlobals: z.record(z.string(), z.enum(REMOTE_KEYS)).optional(),
  }),
  /** The app's own needs plus what the profile promises: a box without one of them needs another profile. */
  requiredCapabilities: z.array(z.string()),
  /** ISO 8601, from SOURCE_DATE_EPOCH, the operator file or the last commit: never the clock. */
  buildTime: z.string(),
  signer: z.strictObject({ algorithm: z.literal('Ed25519'), keyId: sha256Schema }),
  files: z.array(manifestFileSchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Byte order, not locale order: the same on every machine. */
export function byPath<T extends { path: string }>(a: T, b: T): number {
  return Buffer.compare(Buffer.from(a.path), Buffer.from(b.path));
}

export function requiredCapabilitiesOf(profile: Profile): string[] {
  const promised = Object.entries(profile.capabilities)
    .filter(([, present]) => present)
    .map(([name]) => name);
  return [...BASE_CAPABILITIES, ...promised];
}

export function manifestFiles(files: readonly { path: string; data: Uint8Array }[]): ManifestFile[] {
  return [...files]
    .sort(byPath)
    .map(({ path, data }) => ({ path, size: data.length, sha256: sha256Hex(data) }));
}

/** Two-space JSON with a final newline; the field order is the order of `manifestSchema`. */
export function serialiseManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** The profile part of the manifest; JSON objects list integer keys in ascending order. */
export function manifestProfile(profile: Profile): Manifest['profile'] {
  return {
    name: profile.name,
    label: profile.label,
    keyMap: { ...profile.keyMap },
    ...(profile.keyGlobals ? { keyGlobals: { ...profile.keyGlobals } } : {}),
  };
}
