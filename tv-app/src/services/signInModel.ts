import type { DeviceAuthorizationResponse, DeviceTokenError, Language } from '@madoguchi/shared';
import type { Texts } from './hoursModel';

/**
 * TV sign-in by the OAuth 2.0 Device Authorization Grant (RFC 8628), as pure rules: what a poll
 * answer means, when to poll next, how the code is shown and spoken, the countdown.
 */

/** What the test hook and the screen call the sign-in's state. */
export type LinkState = 'idle' | 'showing' | 'expired' | 'approved' | 'denied' | 'error';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** RFC 8628 §3.5: each slow_down adds five seconds to the interval, for good. */
export const SLOW_DOWN_STEP_MS = 5_000;
/** RFC 8628 §3.2: five seconds when the server names no interval. */
export const DEFAULT_INTERVAL_MS = 5_000;
/** Transport failures back off by doubling, up to this (RFC 8628 §3.5 asks for backoff). */
export const MAX_BACKOFF_MS = 60_000;
/** The spoken warning comes this long before the code expires (no silent time-outs). */
export const WARN_BEFORE_MS = 60_000;

/** What one answer of `POST /api/v1/device/token` means. */
export type PollOutcome =
  | { kind: 'approved'; citizen: { citizenId: string; displayName: string } }
  | { kind: 'pending' }
  | { kind: 'slowDown' }
  | { kind: 'denied' }
  /** expired_token, or a device code the server does not know (invalid_grant): a new code. */
  | { kind: 'expired' }
  /** No answer, a 5xx, or an answer we cannot read: try again later, more slowly. */
  | { kind: 'transient' };

const TOKEN_ERRORS: Record<DeviceTokenError, PollOutcome['kind']> = {
  authorization_pending: 'pending',
  slow_down: 'slowDown',
  access_denied: 'denied',
  expired_token: 'expired',
  invalid_grant: 'expired',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function pollOutcome(response: { status: number; body: unknown } | null): PollOutcome {
  if (!response) return { kind: 'transient' };
  const { status, body } = response;
  if (status === 200 && isObject(body) && isObject(body.citizen)) {
    const { citizenId, displayName } = body.citizen;
    if (typeof citizenId === 'string' && typeof displayName === 'string') {
      return { kind: 'approved', citizen: { citizenId, displayName } };
    }
  }
  if (status >= 400 && status < 500 && isObject(body) && typeof body.error === 'string') {
    const kind = TOKEN_ERRORS[body.error as DeviceTokenError] as PollOutcome['kind'] | undefined;
    if (kind && kind !== 'approved' && kind !== 'transient') return { kind } as PollOutcome;
  }
  return { kind: 'transient' };
}

/** A readable `POST /api/v1/device/authorize` answer, or null. */
export function parseAuthorization(response: {
  status: number;
  body: unknown;
}): DeviceAuthorizationResponse | null {
  const { status, body } = response;
  if (status !== 200 || !isObject(body)) return null;
  const strings = ['device_code', 'user_code', 'verification_uri', 'verification_uri_complete'] as const;
  if (!strings.every((key) => typeof body[key] === 'string' && (body[key] as string).length > 0)) return null;
  if (typeof body.expires_in !== 'number' || body.expires_in <= 0) return null;
  return {
    device_code: body.device_code as string,
    user_code: body.user_code as string,
    verification_uri: body.verification_uri as string,
    verification_uri_complete: body.verification_uri_complete as string,
    expires_in: body.expires_in,
    interval:
      typeof body.interval === 'number' && body.interval > 0 ? body.interval : DEFAULT_INTERVAL_MS / 1000,
  };
}

export interface PollTiming {
  /** The interval the server asked for, grown by every slow_down. */
  intervalMs: number;
  /** Transport failures in a row. */
  failures: number;
}

export type PollPlan =
  { kind: 'poll'; inMs: number } | { kind: 'renew' } | { kind: 'finish'; state: 'approved' | 'denied' };

/** After a poll answer: the timing from now on and what to do next. */
export function planAfterPoll(
  timing: PollTiming,
  outcome: PollOutcome,
): { timing: PollTiming; plan: PollPlan } {
  switch (outcome.kind) {
    case 'pending':
      return { timing: { ...timing, failures: 0 }, plan: { kind: 'poll', inMs: timing.intervalMs } };
    case 'slowDown': {
      const intervalMs = timing.intervalMs + SLOW_DOWN_STEP_MS;
      return { timing: { intervalMs, failures: 0 }, plan: { kind: 'poll', inMs: intervalMs } };
    }
    case 'transient': {
      const failures = timing.failures + 1;
      const inMs = Math.min(MAX_BACKOFF_MS, Math.max(timing.intervalMs, timing.intervalMs * 2 ** failures));
      return { timing: { ...timing, failures }, plan: { kind: 'poll', inMs } };
    }
    case 'expired':
      return { timing, plan: { kind: 'renew' } };
    case 'approved':
      return { timing, plan: { kind: 'finish', state: 'approved' } };
    case 'denied':
      return { timing, plan: { kind: 'finish', state: 'denied' } };
  }
}

/** The code's characters only, upper case (`bcdf-ghjk` → `BCDFGHJK`). */
export function normalizeUserCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Groups of four (eight characters: two groups); six or nine characters in threes. */
export function userCodeGroups(code: string): string[] {
  const chars = normalizeUserCode(code);
  const size = chars.length % 4 !== 0 && chars.length % 3 === 0 ? 3 : 4;
  const groups: string[] = [];
  for (let start = 0; start < chars.length; start += size) groups.push(chars.slice(start, start + size));
  return groups;
}

/** As drawn on screen: `BCDF-GHJK`, the letters spaced by the renderer. */
export function displayUserCode(code: string): string {
  return userCodeGroups(code).join('-');
}

/**
 * Read aloud letter by letter, with a pause between groups: `ビー、シー、ディー、エフ。ジー、…`.
 * Each letter's reading comes from `tvApp.link.spell` so a Japanese voice never guesses.
 */
export function spellUserCode(texts: Pick<Texts, 'pick'>, code: string, language: Language): string {
  const letterGap = language === 'en' ? ', ' : '、';
  const groupGap = language === 'en' ? '. ' : '。';
  return userCodeGroups(code)
    .map((group) => [...group].map((char) => texts.pick('tvApp.link.spell', char)).join(letterGap))
    .join(groupGap);
}

/** Minutes and seconds left, rounded up (a code never shows 0 seconds while it still works). */
export function countdown(msLeft: number): { minutes: number; seconds: number } {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}

export function countdownText(texts: Pick<Texts, 't'>, msLeft: number): string {
  const { minutes, seconds } = countdown(msLeft);
  return minutes > 0
    ? texts.t('tvApp.link.remaining', { minutes, seconds })
    : texts.t('tvApp.link.remainingSeconds', { seconds });
}

/**
 * When to say "one minute left", counted from when the code was shown; null for a code that
 * lives hardly longer than that (a warning at once would say nothing).
 */
export function warnAfterMs(lifetimeMs: number): number | null {
  return lifetimeMs > WARN_BEFORE_MS + 5_000 ? lifetimeMs - WARN_BEFORE_MS : null;
}
