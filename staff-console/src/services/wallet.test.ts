import type { WalletView } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { couponRows, formatAmount, formatPoints, recentTransactions } from './wallet';

const NOW = Date.parse('2025-06-02T00:00:00Z');
const DAY = 86_400_000;

const wallet: WalletView = {
  balance: 12_345,
  updatedAt: '2025-06-01T00:00:00Z',
  transactions: Array.from({ length: 12 }, (_, i) => ({
    id: `t${i}`,
    at: new Date(NOW - i * DAY).toISOString(),
    amount: i % 2 === 0 ? -100 * i : 500,
    kind: 'payment' as const,
    description: `取引 ${i}`,
  })).reverse(),
  coupons: [
    {
      id: 'used',
      title: '使用済み',
      value: 100,
      expiresAt: new Date(NOW + 30 * DAY).toISOString(),
      usedAt: '2025-05-01T00:00:00Z',
    },
    {
      id: 'later',
      title: '来月まで',
      value: 300,
      expiresAt: new Date(NOW + 30 * DAY).toISOString(),
      usedAt: null,
    },
    {
      id: 'expired',
      title: '期限切れ',
      value: 200,
      expiresAt: new Date(NOW - DAY).toISOString(),
      usedAt: null,
    },
    {
      id: 'soon',
      title: 'もうすぐ',
      value: 500,
      expiresAt: new Date(NOW + 2.5 * DAY).toISOString(),
      usedAt: null,
    },
  ],
};

describe('wallet', () => {
  it('formats points and signed amounts', () => {
    expect(formatPoints(12_345)).toBe('12,345');
    expect(formatAmount(500)).toBe('+500');
    expect(formatAmount(-1200)).toBe('−1,200');
    expect(formatAmount(0)).toBe('0');
    expect(formatPoints(Number.NaN)).toBe('—');
  });

  it('shows the latest ten transactions, newest first', () => {
    const recent = recentTransactions(wallet);
    expect(recent).toHaveLength(10);
    expect(recent[0]?.id).toBe('t0');
    expect(recent[9]?.id).toBe('t9');
  });

  it('puts usable coupons first, soonest to expire first, with the days left', () => {
    const rows = couponRows(wallet, NOW);
    expect(rows.map((r) => [r.coupon.id, r.state, r.daysLeft])).toEqual([
      ['soon', 'soon', 2],
      ['later', 'valid', 30],
      ['expired', 'expired', null],
      ['used', 'used', null],
    ]);
  });
});
