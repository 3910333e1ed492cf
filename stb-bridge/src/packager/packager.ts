import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyKeyMapOverride, type KeyMapOverride } from '../platform/operatorKeyMap.js';
import type { Profile } from '../platform/profileSchema.js';
import { PackageInputError } from './errors.js';
import { gzipDeterministic } from './gzip.js';
import {
  APP_NAME,
  BOOT_CONFIG_FILE,
  ENTRY_POINT,
  MANIFEST_FILE,
  PACKAGE_FORMAT,
  SIGNATURE_FILE,
  byPath,
  manifestFiles,
  manifestProfile,
  requiredCapabilitiesOf,
  serialiseManifest,
  sha256Hex,
  type Manifest,
} from './manifest.js';
import type { Operator } from './operatorSchema.js';
import { keyIdOf, loadPrivateKey, signBytes } from './signing.js';
import { shippedProfile, shippedProfileNames } from './profiles.js';
import { TEST_HOOK_MARKER, filesWithTestHook } from './testHook.js';
import { BuildError, REPO_ROOT, buildEpoch, buildTvApp, readAppFiles, tvAppVersion } from './tvAppBuild.js';
import { writeTar, type TarEntry } from './ustar.js';

export interface PackageOptions {
  operator: Operator;
  profile: string;
  outDir: string;
  /**
   * An already built TV app: the release build (tv-app/dist-release after `npm run build`);
   * built afresh when absent. A build with the test hook (tv-app/dist) is refused.
   */
  appDir?: string;
  /** For SOURCE_DATE_EPOCH; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  repoRoot?: string;
}

export interface PackageResult {
  file: string;
  manifest: Manifest;
  sha256: string;
  size: number;
  /** Where the build time came from. */
  buildTimeSource: string;
}

/** What the app reads at boot (tv-app/src/bootConfig.ts). */
export interface BootConfigFile {
  serverUrl: string;
  tenant: string;
  profile: string;
  keyMapOverride?: KeyMapOverride;
}

export function packageFileName(version: string, operatorId: string, profile: string): string {
  return `${APP_NAME}-${version}-${operatorId}-${profile}.tar.gz`;
}

/** Builds (or takes) the TV app, adds its boot configuration, signs the manifest, writes the .tar.gz. */
export async function createPackage(options: PackageOptions): Promise<PackageResult> {
  const { operator } = options;
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const profile = profileFor(operator, options.profile);
  const privateKey = await loadPrivateKey(operator.signingKeyPath);
  const { epoch, source } = buildEpoch(options.env ?? process.env, operator.buildTime, repoRoot);
  const version = await tvAppVersion(repoRoot);
  const appFiles = await appFilesOf(options.appDir, repoRoot);
  refuseTestHook(appFiles, options.appDir);
  for (const reserved of [BOOT_CONFIG_FILE, MANIFEST_FILE, SIGNATURE_FILE]) {
    if (appFiles.some((file) => file.path === reserved))
      throw new PackageInputError(`the built app already holds ${reserved}; the packager writes it`);
  }

  const override = operator.keyMapOverrides?.[profile.name];
  const bootConfig: BootConfigFile = {
    serverUrl: operator.serverUrl,
    tenant: operator.tenant,
    profile: profile.name,
    ...(override ? { keyMapOverride: override } : {}),
  };
  const files = [...appFiles, { path: BOOT_CONFIG_FILE, data: json(bootConfig) }].sort(byPath);
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    name: APP_NAME,
    version,
    entryPoint: ENTRY_POINT,
    bootConfig: BOOT_CONFIG_FILE,
    operator: { id: operator.id, name: operator.name },
    serverUrl: operator.serverUrl,
    tenant: operator.tenant,
    profile: manifestProfile(profile),
    requiredCapabilities: requiredCapabilitiesOf(profile),
    buildTime: new Date(epoch * 1000).toISOString(),
    signer: { algorithm: 'Ed25519', keyId: keyIdOf(privateKey) },
    files: manifestFiles(files),
  };
  const manifestBytes = serialiseManifest(manifest);
  const signature = Buffer.from(`${signBytes(manifestBytes, privateKey).toString('base64')}\n`);
  const entries: TarEntry[] = [
    { path: MANIFEST_FILE, data: manifestBytes },
    { path: SIGNATURE_FILE, data: signature },
    ...files,
  ];
  const archive = gzipDeterministic(writeTar(entries, { mtime: epoch }));

  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, packageFileName(version, operator.id, profile.name));
  // Written beside it, then renamed: a package under its final name is always whole.
  const partial = `${file}.partial`;
  try {
    await writeFile(partial, archive);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { file, manifest, sha256: sha256Hex(archive), size: archive.length, buildTimeSource: source };
}

/** The named profile with the operator's key map override for it applied. */
function profileFor(operator: Operator, name: string): Profile {
  const profile = shippedProfile(name);
  if (!profile)
    throw new PackageInputError(`unknown profile "${name}"; known: ${shippedProfileNames().join(', ')}`);
  const override = operator.keyMapOverrides?.[name];
  return override ? applyKeyMapOverride(profile, override) : profile;
}

/** A box gets no test hook: a build that still names it is not packed. */
function refuseTestHook(files: readonly TarEntry[], appDir: string | undefined): void {
  const hooked = filesWithTestHook(files);
  if (hooked.length === 0) return;
  const where = `${hooked.join(', ')} name${hooked.length === 1 ? 's' : ''} the test hook (${TEST_HOOK_MARKER})`;
  if (appDir) {
    throw new PackageInputError(
      `${appDir} is a build with the test hook: ${where}. Give the release build ` +
        '(tv-app/dist-release, written by npm run build), or leave out --app-dir to build it',
    );
  }
  throw new BuildError(`the release build still holds the test hook: ${where}`);
}

async function appFilesOf(appDir: string | undefined, repoRoot: string): Promise<TarEntry[]> {
  if (appDir) return readAppFiles(resolve(appDir));
  const temp = await mkdtemp(join(tmpdir(), 'madoguchi-tv-build-'));
  try {
    await buildTvApp(temp, { repoRoot });
    return await readAppFiles(temp);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}
