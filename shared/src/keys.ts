/**
 * Normalised remote-control keys. Set-top boxes send different key codes; stb-bridge maps
 * them to these names, and the TV app only ever sees these.
 */
export const REMOTE_KEYS = [
  'Up',
  'Down',
  'Left',
  'Right',
  'Enter',
  'Back',
  'Red',
  'Green',
  'Yellow',
  'Blue',
  'Data',
  'Digit0',
  'Digit1',
  'Digit2',
  'Digit3',
  'Digit4',
  'Digit5',
  'Digit6',
  'Digit7',
  'Digit8',
  'Digit9',
] as const;

export type RemoteKey = (typeof REMOTE_KEYS)[number];

export function isRemoteKey(value: unknown): value is RemoteKey {
  return typeof value === 'string' && (REMOTE_KEYS as readonly string[]).includes(value);
}

/** Digit keys in order, so `DIGIT_KEYS[n]` is the key for n. */
export const DIGIT_KEYS = [
  'Digit0',
  'Digit1',
  'Digit2',
  'Digit3',
  'Digit4',
  'Digit5',
  'Digit6',
  'Digit7',
  'Digit8',
  'Digit9',
] as const satisfies readonly RemoteKey[];

export function digitOf(key: RemoteKey): number | undefined {
  const index = (DIGIT_KEYS as readonly string[]).indexOf(key);
  return index >= 0 ? index : undefined;
}
