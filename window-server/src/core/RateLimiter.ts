import type { Clock } from './clock.js';

/**
 * Counts events per key in a sliding window, in memory. One node is enough for one city;
 * several nodes would move this to the shared store.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    /** Window length, in milliseconds. */
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** True when the key is already at its limit (nothing is counted). */
  isLimited(key: string): boolean {
    return this.recent(key).length >= this.limit;
  }

  /** Counts one event; returns false when the key was already at its limit. */
  tryHit(key: string): boolean {
    const recent = this.recent(key);
    if (recent.length >= this.limit) return false;
    recent.push(this.clock.now().getTime());
    this.hits.set(key, recent);
    return true;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.clock.now().getTime() - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((time) => time > since);
    if (recent.length === 0) this.hits.delete(key);
    else this.hits.set(key, recent);
    return recent;
  }
}
