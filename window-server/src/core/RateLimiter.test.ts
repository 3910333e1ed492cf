import { describe, expect, it } from 'vitest';
import { RateLimiter } from './RateLimiter.js';

describe('RateLimiter', () => {
  it('allows the limit per window, then refuses until the window slides', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1000, { now: () => new Date(now) });
    expect([limiter.tryHit('a'), limiter.tryHit('a'), limiter.tryHit('a')]).toEqual([true, true, true]);
    expect(limiter.tryHit('a')).toBe(false);
    expect(limiter.isLimited('a')).toBe(true);
    expect(limiter.tryHit('b')).toBe(true);
    now = 1001;
    expect(limiter.isLimited('a')).toBe(false);
    expect(limiter.tryHit('a')).toBe(true);
  });
});
