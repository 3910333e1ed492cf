import { isSemanticVersion, profileNameSchema } from '@madoguchi/shared';
import { readdirSync, readFileSync } from 'node:fs';
import type { Logger } from '../core/logger.js';

/**
 * The set-top box profiles the TV app is hosted for (`/tv/<profile>/`): the names of the JSON
 * files in stb-bridge's profile folder. Read once at start; a missing folder hosts none.
 */
export function hostedProfiles(dir: string, logger: Logger): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    logger.warn({ dir, err: error }, 'no set-top box profiles found: the TV app is hosted at /tv/ only');
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((name) => profileNameSchema.safeParse(name).success)
    .sort();
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
