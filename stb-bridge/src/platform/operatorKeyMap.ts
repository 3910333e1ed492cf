import { keyMapOverrideSchema, type KeyMapOverride } from '@madoguchi/shared';
import type { z } from 'zod';
import { profileSchema, type Profile } from './profileSchema.js';

/**
 * An operator's changes to a profile's key map (`keyMapOverrideSchema`, shared with the fleet's
 * pushed configuration): DOM keyCode (as a JSON key) → the remote key it means on their boxes, or
 * `null` to take a code away (a box that sends 8 while typing, say). Codes it does not name keep
 * the profile's meaning.
 */
export { keyMapOverrideSchema, type KeyMapOverride };

export class KeyMapOverrideError extends Error {
  readonly problems: string[];

  constructor(profileName: string, problems: string[]) {
    super(`the operator key map for profile "${profileName}" cannot be used: ${problems.join('; ')}`);
    this.name = 'KeyMapOverrideError';
    this.problems = problems;
  }
}

function issuesOf(error: z.ZodError, prefix?: string): string[] {
  return error.issues.map((issue) => {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
    return `${path || '(root)'}: ${issue.message}`;
  });
}

/**
 * The profile with the operator's key map applied, validated again as a whole: an override that
 * leaves a remote key without any code (or names a code the profile does not have, to remove it)
 * is refused with a `KeyMapOverrideError` naming the problem. The profile passed in is not changed.
 */
export function applyKeyMapOverride(profile: Profile, override: KeyMapOverride): Profile {
  const parsed = keyMapOverrideSchema.safeParse(override);
  if (!parsed.success) throw new KeyMapOverrideError(profile.name, issuesOf(parsed.error, 'keyMapOverride'));

  const keyMap: Record<string, Profile['keyMap'][string]> = { ...profile.keyMap };
  const problems: string[] = [];
  for (const [code, key] of Object.entries(parsed.data)) {
    if (key !== null) keyMap[code] = key;
    else if (code in keyMap) delete keyMap[code];
    else problems.push(`keyMapOverride.${code}: removes key code ${code}, which the profile does not map`);
  }
  if (problems.length > 0) throw new KeyMapOverrideError(profile.name, problems);

  const result = profileSchema.safeParse({ ...profile, keyMap });
  if (!result.success) throw new KeyMapOverrideError(profile.name, issuesOf(result.error));
  return result.data;
}
