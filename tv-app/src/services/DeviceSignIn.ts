import { epochMs, systemClock, type Clock } from '@madoguchi/shared';
import { TypedEmitter } from '@madoguchi/stb-bridge';
import {
  DEFAULT_INTERVAL_MS,
  DEVICE_CODE_GRANT,
  parseAuthorization,
  planAfterPoll,
  pollOutcome,
  warnAfterMs,
  type LinkState,
  type PollTiming,
} from './signInModel';

/** `channel.http` of stb-bridge: the device token and the city's base are added there, never seen here. */
export type DeviceHttp = (
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown },
) => Promise<{ status: number; body: unknown }>;

/** The time and the timers a sign-in runs on (tests step them by hand). */
export interface SignInTimers {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The app's clock with the browser's timers. */
export function signInTimers(clock: Clock = systemClock): SignInTimers {
  return {
    now: () => epochMs(clock),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

/** "The code expired" stays on screen (and is said) this long before the new code. */
export const EXPIRED_PAUSE_MS = 3_000;

export interface SignInSnapshot {
  state: LinkState;
  /** A code is being asked for (first, renewed, or after a failure). */
  requesting: boolean;
  userCode: string | null;
  verificationUri: string | null;
  verificationUriComplete: string | null;
  /** When the code stops working, in milliseconds since the epoch. */
  expiresAt: number | null;
  /** How long the code was given for, in milliseconds. */
  lifetimeMs: number | null;
  /** The poll interval now (grown by slow_down). */
  intervalMs: number;
  /** Codes shown so far in this sign-in (1 for the first, +1 per renewal). */
  codes: number;
  citizen: { citizenId: string; displayName: string } | null;
  greetedName: string | null;
}

export type SignInEvent =
  | { kind: 'requesting' }
  | { kind: 'code'; renewed: boolean }
  | { kind: 'expired' }
  | { kind: 'warn' }
  | { kind: 'approved'; citizen: { citizenId: string; displayName: string } }
  | { kind: 'denied' }
  | { kind: 'failed' }
  | { kind: 'stopped' };

export interface DeviceSignInEvents {
  changed: [event: SignInEvent];
}

const IDLE: SignInSnapshot = {
  state: 'idle',
  requesting: false,
  userCode: null,
  verificationUri: null,
  verificationUriComplete: null,
  expiresAt: null,
  lifetimeMs: null,
  intervalMs: DEFAULT_INTERVAL_MS,
  codes: 0,
  citizen: null,
  greetedName: null,
};

/**
 * One TV sign-in at a time: asks for a code, polls at the server's interval (slower after
 * slow_down, backing off on transport errors), warns a minute before expiry, renews an expired
 * code by itself, and stops at approval, refusal or `stop()`.
 */
export class DeviceSignIn extends TypedEmitter<DeviceSignInEvents> {
  private current: SignInSnapshot = IDLE;
  private deviceCode: string | null = null;
  private timing: PollTiming = { intervalMs: DEFAULT_INTERVAL_MS, failures: 0 };
  private warned = false;
  /** Bumped by every start, renewal and stop: answers for an older one are ignored. */
  private generation = 0;
  private pollTimer: unknown;
  private expiryTimer: unknown;
  private warnTimer: unknown;

  constructor(
    private readonly http: DeviceHttp,
    private readonly clock: SignInTimers = signInTimers(),
  ) {
    super();
  }

  get snapshot(): SignInSnapshot {
    return this.current;
  }

  /** Whether a code is being shown or fetched (the sign-in screen is in use). */
  get active(): boolean {
    return this.current.state === 'showing' || this.current.state === 'expired' || this.current.requesting;
  }

  /** A fresh sign-in: forget any previous result and ask for a code. */
  start(): void {
    this.clearTimers();
    this.current = { ...IDLE };
    void this.requestCode(false);
  }

  /** A new code now (OK on the screen, or the code expired). */
  renew(): void {
    this.clearTimers();
    void this.requestCode(this.current.codes > 0);
  }

  /** Leaving the screen: stop polling. A result (approved, denied) stays readable. */
  stop(): void {
    this.generation++;
    this.clearTimers();
    const finished = this.current.state === 'approved' || this.current.state === 'denied';
    this.current = finished ? { ...this.current, requesting: false } : { ...IDLE };
    this.deviceCode = null;
    this.emitChange({ kind: 'stopped' });
  }

  private async requestCode(renewed: boolean): Promise<void> {
    const generation = ++this.generation;
    this.deviceCode = null;
    this.current = { ...this.current, requesting: true, citizen: null, greetedName: null };
    this.emitChange({ kind: 'requesting' });
    const answer = await this.http('/api/v1/device/authorize', { method: 'POST', body: {} }).catch(
      () => null,
    );
    if (generation !== this.generation) return;
    const authorization = answer ? parseAuthorization(answer) : null;
    if (!authorization) {
      this.current = { ...this.current, state: 'error', requesting: false };
      this.emitChange({ kind: 'failed' });
      return;
    }
    const now = this.clock.now();
    const lifetimeMs = authorization.expires_in * 1000;
    this.deviceCode = authorization.device_code;
    this.timing = { intervalMs: authorization.interval * 1000, failures: 0 };
    this.warned = false;
    this.current = {
      ...this.current,
      state: 'showing',
      requesting: false,
      userCode: authorization.user_code,
      verificationUri: authorization.verification_uri,
      verificationUriComplete: authorization.verification_uri_complete,
      expiresAt: now + lifetimeMs,
      lifetimeMs,
      intervalMs: this.timing.intervalMs,
      codes: this.current.codes + 1,
    };
    this.expiryTimer = this.clock.setTimeout(() => this.expire(generation), lifetimeMs);
    const warnIn = warnAfterMs(lifetimeMs);
    if (warnIn !== null) this.warnTimer = this.clock.setTimeout(() => this.warn(generation), warnIn);
    this.schedulePoll(generation, this.timing.intervalMs);
    this.emitChange({ kind: 'code', renewed });
  }

  private schedulePoll(generation: number, inMs: number): void {
    this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = this.clock.setTimeout(() => void this.poll(generation), inMs);
  }

  private async poll(generation: number): Promise<void> {
    const deviceCode = this.deviceCode;
    if (generation !== this.generation || !deviceCode) return;
    const answer = await this.http('/api/v1/device/token', {
      method: 'POST',
      body: { grant_type: DEVICE_CODE_GRANT, device_code: deviceCode },
    }).catch(() => null);
    if (generation !== this.generation) return;
    const outcome = pollOutcome(answer);
    const { timing, plan } = planAfterPoll(this.timing, outcome);
    this.timing = timing;
    this.current = { ...this.current, intervalMs: timing.intervalMs };
    if (plan.kind === 'poll') {
      this.schedulePoll(generation, plan.inMs);
    } else if (plan.kind === 'renew') {
      this.expire(generation);
    } else if (outcome.kind === 'approved') {
      this.finish('approved', outcome.citizen);
    } else {
      this.finish('denied', null);
    }
  }

  private warn(generation: number): void {
    if (generation !== this.generation || this.warned || this.current.state !== 'showing') return;
    this.warned = true;
    this.emitChange({ kind: 'warn' });
  }

  /** The code is no longer good: say so, and a moment later show a new one. */
  private expire(generation: number): void {
    if (generation !== this.generation || this.current.state !== 'showing') return;
    this.clearTimers();
    const next = ++this.generation;
    this.deviceCode = null;
    this.current = { ...this.current, state: 'expired' };
    this.emitChange({ kind: 'expired' });
    this.pollTimer = this.clock.setTimeout(() => {
      if (next === this.generation) void this.requestCode(true);
    }, EXPIRED_PAUSE_MS);
  }

  private finish(state: 'approved' | 'denied', citizen: SignInSnapshot['citizen']): void {
    this.generation++;
    this.clearTimers();
    this.deviceCode = null;
    this.current = {
      ...this.current,
      state,
      requesting: false,
      citizen,
      greetedName: citizen?.displayName ?? null,
    };
    this.emitChange(citizen ? { kind: 'approved', citizen } : { kind: 'denied' });
  }

  private clearTimers(): void {
    for (const timer of [this.pollTimer, this.expiryTimer, this.warnTimer]) this.clock.clearTimeout(timer);
    this.pollTimer = undefined;
    this.expiryTimer = undefined;
    this.warnTimer = undefined;
  }

  private emitChange(event: SignInEvent): void {
    this.safeEmit('changed', event);
  }
}
