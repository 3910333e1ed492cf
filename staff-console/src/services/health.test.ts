import { describe, expect, it } from 'vitest';
import { breakerTone, readPartnersHealth, shortError, timeAgo, troubledCount } from './health';

describe('partner health', () => {
  it('reads the answer in the fixed partner order, dropping malformed rows', () => {
    const rows = readPartnersHealth({
      partners: [
        {
          partner: 'childcare',
          breaker: 'open',
          lastSuccessAt: null,
          lastFailureAt: '2025-06-02T00:00:00Z',
          lastError: 'timeout',
        },
        {
          partner: 'portal',
          breaker: 'closed',
          lastSuccessAt: '2025-06-02T00:00:00Z',
          lastFailureAt: null,
          lastError: null,
        },
        { partner: 'currency', breaker: 'sideways' },
        { partner: 'extra', breaker: 'halfOpen', lastSuccessAt: 'not a time', lastError: '' },
        'junk',
        { partner: 'mutualAid', breaker: 'halfOpen' },
      ],
    });
    expect(rows.map((r) => [r.partner, r.breaker])).toEqual([
      ['portal', 'closed'],
      ['mutualAid', 'halfOpen'],
      ['childcare', 'open'],
      ['extra', 'halfOpen'],
    ]);
    expect(rows[1]).toEqual({
      partner: 'mutualAid',
      breaker: 'halfOpen',
      lastSuccessAt: null,
      lastFailureAt: null,
      lastError: null,
    });
    expect(rows[3]?.lastSuccessAt).toBeNull();
    expect(troubledCount(rows)).toBe(3);
  });

  it('refuses an answer that is not a list of partners', () => {
    expect(() => readPartnersHealth({})).toThrow();
    expect(() => readPartnersHealth(null)).toThrow();
  });

  it('gives each breaker state its tone', () => {
    expect(breakerTone('closed')).toBe('ok');
    expect(breakerTone('open')).toBe('down');
    expect(breakerTone('halfOpen')).toBe('trying');
  });

  it('says how long ago in the largest whole unit', () => {
    const now = Date.parse('2025-06-02T12:00:00Z');
    expect(timeAgo('2025-06-02T11:59:01Z', now)).toEqual({ unit: 'seconds', count: 59 });
    expect(timeAgo('2025-06-02T11:58:59Z', now)).toEqual({ unit: 'minutes', count: 1 });
    expect(timeAgo('2025-06-02T09:00:00Z', now)).toEqual({ unit: 'hours', count: 3 });
    expect(timeAgo('2025-05-30T12:00:00Z', now)).toEqual({ unit: 'days', count: 3 });
    expect(timeAgo('2025-06-02T12:00:05Z', now)).toEqual({ unit: 'seconds', count: 0 });
    expect(timeAgo(null, now)).toBeNull();
    expect(timeAgo('garbage', now)).toBeNull();
  });

  it('shortens a long error to one line', () => {
    expect(shortError('connect ECONNREFUSED\n  127.0.0.1:9')).toBe('connect ECONNREFUSED 127.0.0.1:9');
    expect(shortError('x'.repeat(200), 20)).toHaveLength(20);
    expect(shortError(null)).toBeNull();
  });
});
