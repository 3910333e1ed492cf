import { describe, expect, it } from 'vitest';
import { hashSecret, newId, newSecret, safeEqual } from './secrets.js';

describe('device and session secrets', () => {
  it('carry at least 128 random bits', () => {
    const token = newSecret('mdt');
    const random = Buffer.from(token.slice('mdt_'.length), 'base64url');
    expect(random.length * 8).toBeGreaterThanOrEqual(128);
    expect(new Set(Array.from({ length: 200 }, () => newSecret('mdt'))).size).toBe(200);
  });

  it('are stored as a hash that does not contain them', () => {
    const token = newSecret('mdt');
    const hash = hashSecret(token);
    expect(hash).not.toContain(token.slice(4, 20));
    expect(hashSecret(token)).toBe(hash);
    expect(hashSecret(newSecret('mdt'))).not.toBe(hash);
  });

  it('compare in constant time and by value', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(newId('dev')).toMatch(/^dev_[A-Za-z0-9_-]{16}$/);
  });
});
