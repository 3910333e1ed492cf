import type { WalletView } from '@madoguchi/shared';

/** How many transactions the wallet shows: the latest ones. */
export const RECENT_TRANSACTIONS = 10;

/** A coupon expiring within this many days is flagged. */
export const COUPON_SOON_DAYS = 7;

const NUMBER = new Intl.NumberFormat('ja-JP');

/** 12345 → "12,345". */
export function formatPoints(value: number): string {
  return Number.isFinite(value) ? NUMBER.format(value) : '—';
}

/** +500 / −1,200 (a real minus sign, so it is never read as a hyphen). */
export function formatAmount(amount: number): string {
  if (!Number.isFinite(amount)) return '—';
  if (amount === 0) return '0';
  return `${amount > 0 ? '+' : '−'}${NUMBER.format(Math.abs(amount))}`;
}

export function recentTransactions(
  wallet: WalletView,
  limit = RECENT_TRANSACTIONS,
): WalletView['transactions'] {
  return [...wallet.transactions]
    .sort((a, b) => (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0))
    .slice(0, limit);
}

export type CouponState = 'valid' | 'soon' | 'expired' | 'used';

export interface CouponRow {
  coupon: WalletView['coupons'][number];
  state: CouponState;
  /** Whole days left until it expires (0 on its last day); null once used or expired. */
  daysLeft: number | null;
}

/**
 * Coupons as the officer explains them: usable ones first (soonest to expire first), then used
 * and expired ones.
 */
export function couponRows(wallet: WalletView, nowMs: number): CouponRow[] {
  const rows = wallet.coupons.map((coupon): CouponRow => {
    if (coupon.usedAt) return { coupon, state: 'used', daysLeft: null };
    const expires = Date.parse(coupon.expiresAt);
    if (!Number.isFinite(expires) || expires <= nowMs) return { coupon, state: 'expired', daysLeft: null };
    const daysLeft = Math.floor((expires - nowMs) / 86_400_000);
    return { coupon, state: daysLeft < COUPON_SOON_DAYS ? 'soon' : 'valid', daysLeft };
  });
  const order: Record<CouponState, number> = { soon: 0, valid: 0, used: 1, expired: 1 };
  return rows.sort(
    (a, b) =>
      order[a.state] - order[b.state] ||
      (Date.parse(a.coupon.expiresAt) || 0) - (Date.parse(b.coupon.expiresAt) || 0),
  );
}
