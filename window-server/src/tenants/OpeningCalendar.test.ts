import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DEFAULT_TENANTS_DIR, loadTenant } from './index.js';

const { calendar, public: tenantPublic, file } = loadTenant(join(DEFAULT_TENANTS_DIR, 'omura.json'));
const at = (iso: string): Date => new Date(iso);

describe('the 大村市 tenant file', () => {
  it('loads, with every service it lists built', () => {
    expect(file.displayName.ja).toBe('大村市');
    expect(file.services).toContain('videoCounter');
    expect(tenantPublic.services).toEqual([
      'videoCounter',
      'notices',
      'wallet',
      'mutualAid',
      'childcare',
      'hours',
      'guide',
      'settings',
    ]);
  });
});

describe('OpeningCalendar (weekdays 8:30–17:15 JST)', () => {
  it('is open on a weekday inside the hours and says when it closes', () => {
    const status = calendar.status(at('2026-11-27T10:00:00+09:00'));
    expect(status.openNow).toBe(true);
    expect(status.closesAt).toBe('2026-11-27T17:15:00+09:00');
    expect(status.nextOpening).toBeNull();
  });

  it('opens at 8:30 sharp and closes at 17:15 sharp', () => {
    expect(calendar.isOpen(at('2026-11-27T08:29:59+09:00'))).toBe(false);
    expect(calendar.isOpen(at('2026-11-27T08:30:00+09:00'))).toBe(true);
    expect(calendar.isOpen(at('2026-11-27T17:14:59+09:00'))).toBe(true);
    expect(calendar.isOpen(at('2026-11-27T17:15:00+09:00'))).toBe(false);
  });

  it('on Friday evening, next opens on Monday morning', () => {
    const status = calendar.status(at('2026-11-27T18:00:00+09:00'));
    expect(status.openNow).toBe(false);
    expect(status.nextOpening).toBe('2026-11-30T08:30:00+09:00');
  });

  it('is closed on a public holiday and names it', () => {
    const holiday = at('2026-11-23T10:00:00+09:00');
    expect(calendar.isOpen(holiday)).toBe(false);
    const today = calendar.status(holiday).days[0];
    expect(today).toMatchObject({ date: '2026-11-23', weekday: 1, opensAt: null });
    expect(today?.holidayName?.ja).toBe('勤労感謝の日');
    expect(calendar.nextOpening(holiday)?.toISOString()).toBe('2026-11-23T23:30:00.000Z');
  });

  it('is closed over 年末年始 (12/29–1/3) and opens again on 1/4', () => {
    const status = calendar.status(at('2026-12-28T18:00:00+09:00'));
    expect(status.nextOpening).toBe('2027-01-04T08:30:00+09:00');
    const dec29 = status.days.find((day) => day.date === '2026-12-29');
    expect(dec29).toMatchObject({ closedByTenant: true, opensAt: null });
  });

  it('uses the tenant time zone whatever the server clock zone is', () => {
    // 00:30 UTC is 09:30 in Tokyo: open, though it is still "yesterday" in UTC.
    expect(calendar.isOpen(at('2026-11-27T00:30:00Z'))).toBe(true);
    expect(calendar.status(at('2026-11-26T23:45:00Z')).days[0]?.date).toBe('2026-11-27');
  });

  it('lists fourteen days ahead', () => {
    const days = calendar.status(at('2026-11-27T10:00:00+09:00')).days;
    expect(days).toHaveLength(14);
    expect(days.map((d) => d.weekday).slice(0, 3)).toEqual([5, 6, 0]);
    expect(days[1]).toMatchObject({ opensAt: null, holidayName: null, closedByTenant: false });
  });
});
