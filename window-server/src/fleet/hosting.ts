import { isSemanticVersion } from '@madoguchi/shared';
import { loadProfilesFromFolder } from '@madoguchi/stb-bridge/node';
import { readFileSync } from 'node:fs';
import type { Logger } from '../core/logger.js';

/**
 * The set-top box profiles the TV app is hosted for (`/tv/<profile>/`): the profile files that
 * pass stb-bridge's schema, read by stb-bridge itself (the same files the TV app bundles). Read
 * once at start; a file that fails is named in the log and not hosted; a missing folder hosts none.
 */
export function hostedProfiles(dir: string, logger: Logger): string[] {
  let loaded: ReturnType<typeof loadProfilesFromFolder>;
  try {
    loaded = loadProfilesFromFolder(dir);
  } catch (error) {
    logger.warn({ dir, err: error }, 'no set-top box profiles found: the TV app is hosted at /tv/ only');
    return [];
  }
  for (const problem of loaded.problems) {
    logger.warn({ dir, file: problem.file, problems: problem.problems }, 'set-top box profile not hosted');
  }
  return [...loaded.profiles.keys()].sort();
}

/** The TV app's own version (`tv-app/package.json`), the default newest package; null if unreadable. */
export function latestTvVersion(packageJson: string, logger: Logger): string | null {
  try {
    const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown }).version;
    if (typeof version === 'string' && isSemanticVersion(version)) return version;
  } catch (error) {
    logger.warn({ file: packageJson, err: error }, 'the TV app version is unknown: no update is offered');
    return null;
  }
  logger.warn({ file: packageJson }, 'the TV app version is not a semantic version: no update is offered');
  return null;
}
