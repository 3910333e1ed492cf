import type { ErrorCode } from '@madoguchi/shared';

/** What `idempotencyKeySchema` accepts: 8–100 of [A-Za-z0-9_-]. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;

export function isIdempotencyKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** A fresh key: a random UUID (hyphens are allowed), or 32 random hex digits where there is none. */
export function newIdempotencyKey(random: Pick<Crypto, 'getRandomValues'> = globalThis.crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Refusals that say for certain nothing was written: the next attempt is a new request and gets
 * a new key. (A partner may remember a refusal under its key; resending it would only repeat it.)
 */
const DEFINITE_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'PAYLOAD_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CONSENT_REQUIRED',
  'NOT_LINKED',
  'CALL_NOT_FOUND',
  'CALL_STATE',
  'MY_NUMBER_REFUSED',
  'SLOT_FULL',
  'ALREADY_BOOKED',
  'INSUFFICIENT_FUNDS',
  'DIRECTORY_UNAVAILABLE',
  'UNAUTHENTICATED',
]);

/**
 * Whether the write may have happened although it was not confirmed (a time-out, a partner that
 * failed half-way): then a retry must carry the same key, so it cannot book twice.
 */
export function outcomeUnknown(code: ErrorCode): boolean {
  return !DEFINITE_REFUSALS.has(code);
}

/**
 * One idempotency key per confirmation. The key belongs to what is being confirmed (its
 * signature: the slot and child, the request's fields): pressing confirm twice, or retrying after
 * an unknown outcome, sends the same key; changing the choice, a success or a definite refusal
 * starts a new one.
 */
export class ConfirmationKey {
  private current: { signature: string; key: string } | null = null;

  constructor(private readonly make: () => string = () => newIdempotencyKey()) {}

  /** The key to send for this confirmation. */
  keyFor(signature: string): string {
    if (this.current?.signature !== signature) this.current = { signature, key: this.make() };
    return this.current.key;
  }

  /** The answer came: keep the key only while the outcome is unknown. */
  settle(result: { ok: true } | { ok: false; code: ErrorCode }): void {
    if (result.ok || !outcomeUnknown(result.code)) this.current = null;
  }

  /** The officer started over (closed the form): the next confirmation is a new one. */
  reset(): void {
    this.current = null;
  }

  /** The key kept for a retry, if any (for tests and the "retrying safely" hint). */
  pending(): string | null {
    return this.current?.key ?? null;
  }
}
