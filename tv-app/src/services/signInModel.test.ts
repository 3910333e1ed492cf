import { describe, expect, it } from 'vitest';
import {
  MAX_BACKOFF_MS,
  countdown,
  countdownText,
  displayUserCode,
  parseAuthorization,
  planAfterPoll,
  pollOutcome,
  spellUserCode,
  userCodeGroups,
  warnAfterMs,
} from './signInModel';

const texts = {
  t: (key: string, params?: Record<string, string | number>) =>
    `${key}${params ? JSON.stringify(params) : ''}`,
  pick: (_object: string, key: string) =>
    (({ B: 'ビー', C: 'シー', '4': 'よん' }) as Record<string, string>)[key] ?? key,
};

describe('poll answers (RFC 8628 §3.5)', () => {
  it('reads approval, each error, and treats anything else as a transport failure', () => {
    expect(
      pollOutcome({ status: 200, body: { citizen: { citizenId: 'c1', displayName: '田中 一郎' } } }),
    ).toEqual({
      kind: 'approved',
      citizen: { citizenId: 'c1', displayName: '田中 一郎' },
    });
    expect(pollOutcome({ status: 400, body: { error: 'authorization_pending' } }).kind).toBe('pending');
    expect(pollOutcome({ status: 400, body: { error: 'slow_down' } }).kind).toBe('slowDown');
    expect(pollOutcome({ status: 400, body: { error: 'access_denied' } }).kind).toBe('denied');
    expect(pollOutcome({ status: 400, body: { error: 'expired_token' } }).kind).toBe('expired');
    expect(pollOutcome({ status: 400, body: { error: 'invalid_grant' } }).kind).toBe('expired');
    expect(pollOutcome({ status: 400, body: { error: 'something_new' } }).kind).toBe('transient');
    expect(pollOutcome({ status: 503, body: null }).kind).toBe('transient');
    expect(pollOutcome({ status: 200, body: {} }).kind).toBe('transient');
    expect(pollOutcome(null).kind).toBe('transient');
  });

  it('polls at the interval, adds five seconds for good on slow_down, and backs off on failures', () => {
    let timing = { intervalMs: 5_000, failures: 0 };
    let step = planAfterPoll(timing, { kind: 'pending' });
    expect(step.plan).toEqual({ kind: 'poll', inMs: 5_000 });
    step = planAfterPoll(timing, { kind: 'slowDown' });
    expect(step.plan).toEqual({ kind: 'poll', inMs: 10_000 });
    timing = step.timing;
    // The slower interval stays.
    expect(planAfterPoll(timing, { kind: 'pending' }).plan).toEqual({ kind: 'poll', inMs: 10_000 });
    step = planAfterPoll(timing, { kind: 'transient' });
    expect(step.plan).toEqual({ kind: 'poll', inMs: 20_000 });
    step = planAfterPoll(step.timing, { kind: 'transient' });
    expect(step.plan).toEqual({ kind: 'poll', inMs: 40_000 });
    step = planAfterPoll(step.timing, { kind: 'transient' });
    expect(step.plan).toEqual({ kind: 'poll', inMs: MAX_BACKOFF_MS });
    // An answer again: back to the interval.
    step = planAfterPoll(step.timing, { kind: 'pending' });
    expect(step.plan).toEqual({ kind: 'poll', inMs: 10_000 });
    expect(step.timing.failures).toBe(0);
  });

  it('renews on expiry and finishes on approval or refusal', () => {
    const timing = { intervalMs: 5_000, failures: 0 };
    expect(planAfterPoll(timing, { kind: 'expired' }).plan).toEqual({ kind: 'renew' });
    expect(planAfterPoll(timing, { kind: 'denied' }).plan).toEqual({ kind: 'finish', state: 'denied' });
    expect(
      planAfterPoll(timing, { kind: 'approved', citizen: { citizenId: 'c', displayName: 'x' } }).plan,
    ).toEqual({ kind: 'finish', state: 'approved' });
  });

  it('accepts a complete authorization answer only, with five seconds when no interval is given', () => {
    const body = {
      device_code: 'd',
      user_code: 'BCDF-GHJK',
      verification_uri: 'http://x/link',
      verification_uri_complete: 'http://x/link?code=BCDFGHJK',
      expires_in: 600,
    };
    expect(parseAuthorization({ status: 200, body })?.interval).toBe(5);
    expect(parseAuthorization({ status: 200, body: { ...body, interval: 7 } })?.interval).toBe(7);
    expect(parseAuthorization({ status: 200, body: { ...body, user_code: '' } })).toBeNull();
    expect(parseAuthorization({ status: 401, body })).toBeNull();
  });
});

describe('the user code', () => {
  it('is shown in two groups of four, whatever the server sent', () => {
    expect(displayUserCode('BCDF-GHJK')).toBe('BCDF-GHJK');
    expect(displayUserCode('bcdfghjk')).toBe('BCDF-GHJK');
    expect(displayUserCode('1234 5678')).toBe('1234-5678');
    expect(userCodeGroups('123456')).toEqual(['123', '456']);
    expect(userCodeGroups('BCDFGHJKL')).toEqual(['BCD', 'FGH', 'JKL']);
  });

  it('is spelt letter by letter for speech, with a pause between the groups', () => {
    expect(spellUserCode(texts, 'BC4B-CCBB', 'ja')).toBe('ビー、シー、よん、ビー。シー、シー、ビー、ビー');
    expect(spellUserCode(texts, 'BC-4', 'en')).toBe('ビー, シー, よん');
  });
});

describe('the countdown', () => {
  it('rounds up to whole seconds and never goes below zero', () => {
    expect(countdown(600_000)).toEqual({ minutes: 10, seconds: 0 });
    expect(countdown(599_001)).toEqual({ minutes: 10, seconds: 0 });
    expect(countdown(598_999)).toEqual({ minutes: 9, seconds: 59 });
    expect(countdown(59_500)).toEqual({ minutes: 1, seconds: 0 });
    expect(countdown(59_000)).toEqual({ minutes: 0, seconds: 59 });
    expect(countdown(-5)).toEqual({ minutes: 0, seconds: 0 });
  });

  it('says minutes and seconds, or seconds alone in the last minute', () => {
    expect(countdownText(texts, 125_000)).toBe('tvApp.link.remaining{"minutes":2,"seconds":5}');
    expect(countdownText(texts, 42_000)).toBe('tvApp.link.remainingSeconds{"seconds":42}');
  });

  it('warns a minute before the end, only for codes that live longer than that', () => {
    expect(warnAfterMs(600_000)).toBe(540_000);
    expect(warnAfterMs(90_000)).toBe(30_000);
    expect(warnAfterMs(60_000)).toBeNull();
    expect(warnAfterMs(30_000)).toBeNull();
  });
});
