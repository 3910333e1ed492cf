// Same curve as socket.io's own reconnection, for the cases it leaves to us (in milliseconds).
export const RETRY_MIN_MS = 1_000;
export const RETRY_MAX_MS = 10_000;
export const RETRY_JITTER = 0.5;

/** One pending retry at a time, each later than the last (doubling, with jitter) until reset. */
export class Backoff {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;

  /** Runs `action` after the next delay, replacing a retry still pending. */
  schedule(action: () => void): void {
    this.clear();
    const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.attempt);
    const delay = base * (1 - RETRY_JITTER + Math.random() * RETRY_JITTER * 2);
    this.attempt++;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      action();
    }, delay);
  }

  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** It worked: the next retry waits the shortest delay again. */
  reset(): void {
    this.attempt = 0;
  }
}
