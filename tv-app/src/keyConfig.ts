import type { RemoteKey } from '@madoguchi/shared';

/**
 * Key codes the Lightning SDK maps by default (Escape → Menu, `/` → Search, …). It merges its
 * defaults under ours, so each one the profile does not map is cleared explicitly.
 */
export const SDK_DEFAULT_KEY_CODES = [8, 13, 27, 37, 38, 39, 40, 174, 175, 178, 191, 250, 409] as const;

/**
 * Lightning's `keys` option from a platform key map: key code → remote key name, so Lightning
 * calls `_handleRed`, `_handleDigit1`, `_handleBack`, `_handleData`… on the focus path. The
 * profile is the only source: codes it does not name mean nothing.
 */
export function lightningKeys(keyMap: ReadonlyMap<number, RemoteKey>): Record<number, RemoteKey | undefined> {
  const keys: Record<number, RemoteKey | undefined> = {};
  for (const code of SDK_DEFAULT_KEY_CODES) keys[code] = undefined;
  for (const [code, key] of keyMap) keys[code] = key;
  return keys;
}

/** The handler Lightning calls for a remote key. */
export function handlerName(key: RemoteKey): `_handle${RemoteKey}` {
  return `_handle${key}`;
}
