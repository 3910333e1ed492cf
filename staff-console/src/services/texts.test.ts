import { AID_TEMPLATE_IDS, PARTNERS, STAFF_TEXTS, TV_ROUTES } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { COMPOSED_KINDS } from './cards';

const { ja, en } = STAFF_TEXTS;

function lookup(resources: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);
}

describe('service texts', () => {
  it('has the texts the services build from data, in Japanese and English', () => {
    const keys = [
      ...['wallet', 'childcare', 'aid', 'card', 'assist'].map((s) => `staff.services.service.${s}`),
      ...['payment', 'grant', 'coupon', 'mutualAid', 'refund'].map((k) => `staff.services.wallet.kinds.${k}`),
      ...['valid', 'soon', 'expired', 'used'].map((s) => `staff.services.wallet.couponState.${s}`),
      ...['booked', 'cancelled'].map((s) => `staff.services.childcare.statusValue.${s}`),
      ...AID_TEMPLATE_IDS.map((id) => `staff.services.aid.templates.${id}`),
      ...['morning', 'afternoon'].map((p) => `staff.services.aid.periods.${p}`),
      ...COMPOSED_KINDS.map((kind) => `staff.tvCard.kinds.${kind}`),
      ...TV_ROUTES.map((route) => `staff.remote.route.${route}`),
      ...PARTNERS.map((partner) => `staff.partners.name.${partner}`),
      ...['closed', 'open', 'halfOpen'].flatMap((b) => [
        `staff.partners.breaker.${b}`,
        `staff.partners.breakerHint.${b}`,
      ]),
      ...['seconds', 'minutes', 'hours', 'days'].map((unit) => `staff.partners.ago.${unit}`),
      'staff.nav.partners',
    ];
    const missing = keys.filter(
      (key) => typeof lookup(ja, key) !== 'string' || typeof lookup(en, key) !== 'string',
    );
    expect(missing).toEqual([]);
  });

  it('labels the remote-assist buttons as the issue names the TV screens', () => {
    expect(TV_ROUTES.map((route) => lookup(ja, `staff.remote.route.${route}`))).toEqual([
      'ホーム',
      'お知らせ',
      '地域通貨',
      '地域共助',
      '子育て',
      '窓口の時間',
      '設定',
      'このテレビを使う人',
    ]);
  });
});
