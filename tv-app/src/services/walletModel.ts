import type { ErrorCode, WalletView } from '@madoguchi/shared';
import { speechOf } from './counterModel';
import { formatDate, type Texts } from './hoursModel';
import { daysBetween, groupDigits, jstParts } from './serviceFormat';
import {
  emptySpec,
  line,
  numbered,
  pagedChoices,
  serviceMessage,
  titleOf,
  type ServiceChoice,
  type ServiceScreenSpec,
  type SpecContext,
} from './serviceScreens';

/** Where the viewer is inside 地域通貨. */
export type WalletStep = { step: 'main' } | { step: 'history' } | { step: 'coupons' } | { step: 'pay' };

/** The code a shop scans, as the screen knows it. */
export type PayCodeState =
  | { kind: 'loading' }
  | { kind: 'shown'; code: string; expiresAt: number }
  | { kind: 'failed'; code: ErrorCode };

export interface WalletInput {
  step: WalletStep;
  wallet: WalletView;
  page: number;
  pay: PayCodeState;
}

/** A coupon this close to its end is marked もうすぐ. */
export const COUPON_SOON_DAYS = 14;
/** The spoken warning comes this long before the pay code stops working. */
export const PAY_WARN_BEFORE_MS = 30_000;

type Coupon = WalletView['coupons'][number];

/** `3月31日まで` */
function untilText(texts: Texts, iso: string): string {
  const parts = jstParts(iso);
  if (!parts) return '';
  const [, month, day] = parts.date.split('-').map(Number) as [number, number, number];
  return texts.t('tvApp.wallet.until', { month, day });
}

/** Coupons that can still be used, the one ending soonest first. */
export function usableCoupons(coupons: readonly Coupon[], today: string): Coupon[] {
  return coupons
    .filter((coupon) => coupon.usedAt === null)
    .filter((coupon) => {
      const end = jstParts(coupon.expiresAt);
      return end !== null && daysBetween(today, end.date) >= 0;
    })
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}

export function endsSoon(coupon: Coupon, today: string): boolean {
  const end = jstParts(coupon.expiresAt);
  return end !== null && daysBetween(today, end.date) <= COUPON_SOON_DAYS;
}

export function pointsText(texts: Texts, amount: number): string {
  return texts.t('tvApp.wallet.points', { amount: groupDigits(amount) });
}

/** `4分30秒` left, or `30秒`; the pay code's countdown. */
export function payCountdown(texts: Texts, msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0
    ? texts.t('tvApp.wallet.payRemaining', { minutes, seconds })
    : texts.t('tvApp.wallet.payRemainingSeconds', { seconds });
}

export function walletSpec(context: SpecContext, input: WalletInput): ServiceScreenSpec {
  switch (input.step.step) {
    case 'main':
      return mainSpec(context, input.wallet);
    case 'history':
      return historySpec(context, input);
    case 'coupons':
      return couponsSpec(context, input);
    case 'pay':
      return paySpec(context, input.pay);
  }
}

function mainSpec(context: SpecContext, wallet: WalletView): ServiceScreenSpec {
  const { texts, today } = context;
  const spec = emptySpec(titleOf(texts, 'wallet'));
  // The label is small print: at the largest text size it gives way before a choice does.
  spec.lines.push(line(texts.t('tvApp.wallet.balanceLabel'), 'note'));
  spec.lines.push(line(pointsText(texts, wallet.balance), 'hero'));
  const updated = jstParts(wallet.updatedAt);
  const when = updated
    ? texts.t('tvApp.dateTime', { date: formatDate(texts, updated.date), time: updated.time })
    : '';
  spec.lines.push(line(texts.t('tvApp.wallet.asOf', { when }), 'note'));
  const coupons = usableCoupons(wallet.coupons, today);
  const soon = coupons.find((coupon) => endsSoon(coupon, today));
  if (soon) {
    spec.lines.push(
      line(
        texts.t('tvApp.wallet.couponSoon', { title: soon.title, until: untilText(texts, soon.expiresAt) }),
        'notice',
      ),
    );
  }
  spec.choices = [
    { id: 'history', label: texts.t('tvApp.wallet.history') },
    {
      id: 'coupons',
      label:
        coupons.length > 0
          ? texts.t('tvApp.wallet.coupons', { count: coupons.length })
          : texts.t('tvApp.wallet.couponsNone'),
    },
    { id: 'pay', label: texts.t('tvApp.wallet.payCode') },
  ];
  return numbered(spec, texts);
}

function historySpec(context: SpecContext, input: WalletInput): ServiceScreenSpec {
  const { texts } = context;
  const spec = emptySpec(titleOf(texts, 'wallet', texts.t('tvApp.wallet.history')));
  const transactions = [...input.wallet.transactions].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  if (transactions.length === 0) {
    spec.lines.push(line(texts.t('tvApp.wallet.noHistory'), 'strong'));
    spec.choices = [{ id: 'back', label: texts.t('tvApp.services.back') }];
    return numbered(spec, texts);
  }
  spec.lines.push(line(texts.t('tvApp.wallet.historyLead'), 'strong'));
  const rows: ServiceChoice[] = transactions.map((transaction) => {
    const parts = jstParts(transaction.at);
    const date = parts ? formatDate(texts, parts.date) : '';
    const description = transaction.description || texts.t(`tvApp.wallet.kinds.${transaction.kind}`);
    const amount = groupDigits(Math.abs(transaction.amount));
    const received = transaction.amount >= 0;
    return {
      id: `transaction:${transaction.id}`,
      label: texts.t('tvApp.wallet.transaction', { date, description }),
      value: texts.t(received ? 'tvApp.wallet.received' : 'tvApp.wallet.spent', { amount }),
      speech: speechOf([
        date,
        description,
        texts.t(received ? 'tvApp.wallet.receivedSpeech' : 'tvApp.wallet.spentSpeech', { amount }),
      ]),
    };
  });
  return pagedChoices(spec, texts, rows, input.page);
}

function couponsSpec(context: SpecContext, input: WalletInput): ServiceScreenSpec {
  const { texts, today } = context;
  const spec = emptySpec(titleOf(texts, 'wallet', texts.t('tvApp.wallet.couponsTitle')));
  const coupons = usableCoupons(input.wallet.coupons, today);
  const pay: ServiceChoice = { id: 'pay', label: texts.t('tvApp.wallet.payCode') };
  if (coupons.length === 0) {
    spec.lines.push(line(texts.t('tvApp.wallet.noCoupons'), 'strong'));
    spec.choices = [pay];
    return numbered(spec, texts);
  }
  spec.lines.push(line(texts.t('tvApp.wallet.couponsLead'), 'strong'));
  const rows = coupons.map((coupon) => {
    const until = untilText(texts, coupon.expiresAt);
    const soon = endsSoon(coupon, today);
    const label = texts.t('tvApp.wallet.coupon', { title: coupon.title, amount: groupDigits(coupon.value) });
    const value = soon ? texts.t('tvApp.wallet.untilSoon', { until }) : until;
    return { id: `coupon:${coupon.id}`, label, value };
  });
  return pagedChoices(spec, texts, rows, input.page, [pay]);
}

function paySpec(context: SpecContext, pay: PayCodeState): ServiceScreenSpec {
  const { texts, now } = context;
  const spec = emptySpec(titleOf(texts, 'wallet', texts.t('tvApp.wallet.payTitle')));
  const renew = { id: 'renew', label: texts.t('tvApp.wallet.payRenew') };
  if (pay.kind === 'loading') {
    spec.qr = { content: null };
    spec.lines.push(line(texts.t('tvApp.wallet.payPreparing'), 'strong'));
    return spec;
  }
  if (pay.kind === 'failed') {
    spec.lines = serviceMessage(texts, 'wallet', pay.code, 1).lines.map((text, index) =>
      line(text, index === 0 ? 'headline' : 'strong'),
    );
    spec.choices = [renew];
    return spec;
  }
  const left = pay.expiresAt - now;
  if (left <= 0) {
    // A code that no longer works is taken away: nobody should scan it.
    spec.qr = { content: null };
    spec.lines.push(line(texts.t('tvApp.wallet.payExpired'), 'headline'));
    spec.lines.push(line(texts.t('tvApp.wallet.payExpiredHow'), 'strong'));
    spec.choices = [renew];
    return spec;
  }
  spec.qr = { content: pay.code };
  spec.lines.push(line(texts.t('tvApp.wallet.payLead'), 'headline'));
  spec.lines.push(line(payCountdown(texts, left), left <= PAY_WARN_BEFORE_MS ? 'notice' : 'strong'));
  spec.lines.push(line(texts.t('tvApp.wallet.payRenewHint'), 'note'));
  spec.choices = [renew];
  return spec;
}
