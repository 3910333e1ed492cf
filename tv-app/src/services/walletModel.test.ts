import type { WalletView } from '@madoguchi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SpecContext } from './serviceScreens';
import { testSpecContext } from './testSpecContext';
import { payCountdown, usableCoupons, walletSpec } from './walletModel';

const WALLET: WalletView = {
  balance: 12340,
  updatedAt: '2025-11-27T10:05:00+09:00',
  transactions: [
    {
      id: 't1',
      at: '2025-11-20T12:00:00+09:00',
      amount: -1200,
      kind: 'payment',
      description: 'スーパー大村',
    },
    { id: 't2', at: '2025-11-25T09:00:00+09:00', amount: 500, kind: 'mutualAid', description: '' },
  ],
  coupons: [
    {
      id: 'late',
      title: '子育てクーポン',
      value: 5000,
      expiresAt: '2026-03-31T23:59:59+09:00',
      usedAt: null,
    },
    { id: 'soon', title: '応援クーポン', value: 1000, expiresAt: '2025-12-05T23:59:59+09:00', usedAt: null },
    {
      id: 'used',
      title: '使った クーポン',
      value: 100,
      expiresAt: '2026-01-01T00:00:00+09:00',
      usedAt: '2025-11-01T10:00:00+09:00',
    },
    { id: 'gone', title: '期限切れ', value: 100, expiresAt: '2025-11-01T00:00:00+09:00', usedAt: null },
  ],
};

let context: SpecContext;

beforeAll(async () => {
  context = await testSpecContext();
});

const spec = (
  step: Parameters<typeof walletSpec>[1]['step'],
  pay: Parameters<typeof walletSpec>[1]['pay'] = { kind: 'loading' },
  now = 0,
) => walletSpec({ ...context, now }, { step, wallet: WALLET, page: 0, pay });

describe('wallet', () => {
  it('shows the balance very large, when it is from, and three ways on', () => {
    const main = spec({ step: 'main' });
    expect(main.title).toBe('地域通貨');
    expect(main.lines[1]).toEqual({ text: '12,340 ポイント', style: 'hero' });
    expect(main.lines[2]?.text).toBe('11月27日（木） 10:05 現在。お店では 1ポイントが 1円です。');
    expect(main.choices.map((choice) => choice.label)).toEqual([
      '最近の つかいみち',
      'クーポン（2枚）',
      'お店で 見せる QRコード',
    ]);
    expect(main.lines.some((line) => line.style === 'notice' && line.text.includes('12月5日まで'))).toBe(
      true,
    );
  });

  it('lists recent transactions newest first, received and spent in words', () => {
    const history = spec({ step: 'history' });
    expect(history.title).toBe('地域通貨　最近の つかいみち');
    expect(history.choices.map((choice) => [choice.label, choice.value])).toEqual([
      ['11月25日（火）　共助ポイント', '＋500'],
      ['11月20日（木）　スーパー大村', '－1,200'],
    ]);
    expect(history.choices[1]?.speech).toContain('1,200ポイント 使いました');
  });

  it('lists coupons that can still be used, with their last day', () => {
    expect(usableCoupons(WALLET.coupons, '2025-11-27').map((coupon) => coupon.id)).toEqual(['soon', 'late']);
    const coupons = spec({ step: 'coupons' });
    expect(coupons.choices.map((choice) => [choice.label, choice.value])).toEqual([
      ['応援クーポン　1,000ポイント分', '12月5日まで（もうすぐ 期限）'],
      ['子育てクーポン　5,000ポイント分', '3月31日まで'],
      ['お店で 見せる QRコード', undefined],
    ]);
  });

  it('shows the pay code with a countdown, and takes it away when it expires', () => {
    const expiresAt = Date.parse('2025-11-27T10:05:00+09:00');
    const shown = spec({ step: 'pay' }, { kind: 'shown', code: 'PAY-123', expiresAt }, expiresAt - 270_000);
    expect(shown.qr).toEqual({ content: 'PAY-123' });
    expect(shown.lines[1]?.text).toBe('あと 4分30秒 使えます');
    expect(
      spec({ step: 'pay' }, { kind: 'shown', code: 'PAY-123', expiresAt }, expiresAt - 20_000).lines[1]
        ?.style,
    ).toBe('notice');
    const expired = spec({ step: 'pay' }, { kind: 'shown', code: 'PAY-123', expiresAt }, expiresAt + 1);
    expect(expired.qr).toEqual({ content: null });
    expect(expired.choices.map((choice) => choice.id)).toEqual(['renew']);
    expect(payCountdown(context.texts, 9_200)).toBe('あと 10秒 使えます');
  });

  it('says plainly when the pay code cannot be made, with one button', () => {
    const failed = spec({ step: 'pay' }, { kind: 'failed', code: 'PARTNER_UNAVAILABLE' });
    expect(failed.lines[0]?.text).toBe('ただいま 地域通貨に つながりません。ほかの サービスは 使えます。');
    expect(failed.choices).toHaveLength(1);
  });
});
