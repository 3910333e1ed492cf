import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A bearer secret with a readable prefix (so a leaked one is recognisable in a scan) and
 * 256 random bits. Only its hash is stored.
 */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 is enough for high-entropy secrets: there is nothing to brute-force. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** Short random id with a type prefix, e.g. `dev_3fK9…`. Not a secret. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
