import { epochMs, systemClock, type AckError, type Clock } from '@madoguchi/shared';
import { toAckError } from '../staffRequest';

/** The `data-state` of a service section. */
export type ServiceStatus = 'no-consent' | 'loading' | 'shown' | 'error';

export interface ServiceReadState<T> {
  status: ServiceStatus;
  /** Only while `shown` (or `loading` again after being shown): never kept without consent. */
  data: T | null;
  error: AckError | null;
  /** When the data shown was read (ms since the epoch). */
  loadedAt: number | null;
}

/**
 * A read of one citizen's service data that needs their consent (the wallet, childcare).
 * Without the consent nothing is asked at all; when the consent goes, what was shown goes at
 * once and an answer still on its way is dropped. The newest request's answer wins.
 */
export class ServiceRead<T> {
  private state: ServiceReadState<T> = { status: 'no-consent', data: null, error: null, loadedAt: null };
  private granted = false;
  private seq = 0;
  private disposed = false;
  private readonly subscribers = new Set<() => void>();

  constructor(
    private readonly read: () => Promise<T>,
    private readonly clock: Clock = systemClock,
  ) {}

  get current(): ServiceReadState<T> {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /** Follows the citizen's consent as the panel reports it: read when it is (newly) granted. */
  track(granted: boolean): void {
    const was = this.granted;
    this.granted = granted;
    if (!granted) {
      this.seq += 1;
      if (this.state.status !== 'no-consent' || this.state.data !== null) {
        this.update({ status: 'no-consent', data: null, error: null, loadedAt: null });
      }
      return;
    }
    if (!was) void this.reload();
  }

  /** Reads again (the officer asked, or something was just booked); nothing without consent. */
  async reload(): Promise<void> {
    if (!this.granted || this.disposed) return;
    this.seq += 1;
    const seq = this.seq;
    this.update({ status: 'loading', error: null });
    try {
      const data = await this.read();
      if (seq !== this.seq || !this.granted) return;
      this.update({ status: 'shown', data, error: null, loadedAt: epochMs(this.clock) });
    } catch (error) {
      if (seq !== this.seq || !this.granted) return;
      // A failed read shows nothing old: it may be what the citizen has just taken back.
      this.update({ status: 'error', data: null, error: toAckError(error), loadedAt: null });
    }
  }

  dispose(): void {
    this.disposed = true;
    this.seq += 1;
    this.subscribers.clear();
  }

  private update(patch: Partial<ServiceReadState<T>>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const subscriber of this.subscribers) subscriber();
  }
}
