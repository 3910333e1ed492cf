import type { WalletView } from '@madoguchi/shared';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { isPartnerTrouble } from '../services/problems';
import { couponRows, formatAmount, formatPoints, recentTransactions } from '../services/wallet';
import { useServiceRead } from '../useServiceRead';
import { NoConsent, ServiceLoading, ServiceSection } from './ServiceSection';
import { ServiceProblem } from './ServiceProblem';

interface WalletSectionProps {
  consultationId: string;
  citizenId: string;
  granted: boolean;
  now: number;
}

/** 地域通貨: balance, recent transactions and coupons — only with the `wallet` consent. */
export function WalletSection({ consultationId, citizenId, granted, now }: WalletSectionProps) {
  const { t } = useI18n();
  const { state, reload } = useServiceRead('citizen:wallet', consultationId, citizenId, granted);
  const wallet = state.status === 'shown' ? state.data : null;

  return (
    <ServiceSection
      testId="service-wallet"
      id={`wallet-${citizenId}`}
      title={t('staff.services.wallet.title')}
      status={state.status}
      loadedAt={state.loadedAt}
      onReload={reload}
      data={{ balance: wallet ? wallet.balance : undefined }}
    >
      {state.status === 'no-consent' && <NoConsent purpose="wallet" />}
      {state.status === 'loading' && <ServiceLoading />}
      {state.status === 'error' && state.error && (
        <ServiceProblem
          error={state.error}
          service="wallet"
          lead={
            isPartnerTrouble(state.error)
              ? undefined
              : t('staff.services.failed', { service: t('staff.services.service.wallet') })
          }
          onRetry={reload}
        />
      )}
      {wallet && <WalletBody wallet={wallet} now={now} />}
    </ServiceSection>
  );
}

function WalletBody({ wallet, now }: { wallet: WalletView; now: number }) {
  const { t } = useI18n();
  const transactions = recentTransactions(wallet);
  const coupons = couponRows(wallet, now);
  return (
    <div class="wallet">
      <p class="wallet__balance">
        <span class="wallet__balance-label">{t('staff.services.wallet.balance')}</span>
        <strong class="wallet__balance-value" data-testid="wallet-balance">
          {t('staff.services.wallet.points', { amount: formatPoints(wallet.balance) })}
        </strong>
        <span class="wallet__updated">
          {t('staff.services.wallet.updatedAt', { time: formatDateTime(wallet.updatedAt) })}
        </span>
      </p>

      <div class="wallet__columns">
        <div>
          <h6 class="service__subtitle">{t('staff.services.wallet.transactions')}</h6>
          {transactions.length === 0 ? (
            <p class="service__none">{t('staff.services.wallet.noTransactions')}</p>
          ) : (
            <table class="table table--compact service__table">
              <caption class="visually-hidden">{t('staff.services.wallet.transactions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.services.wallet.at')}</th>
                  <th scope="col">{t('staff.services.wallet.description')}</th>
                  <th scope="col" class="cell-num">
                    {t('staff.services.wallet.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {transactions.map((transaction) => (
                  <tr
                    key={transaction.id}
                    data-testid="wallet-transaction"
                    data-transaction-id={transaction.id}
                    data-amount={transaction.amount}
                  >
                    <td>
                      <time dateTime={transaction.at}>{formatDateTime(transaction.at)}</time>
                    </td>
                    <th scope="row">
                      <span class="wallet__kind">{t(`staff.services.wallet.kinds.${transaction.kind}`)}</span>
                      {transaction.description}
                    </th>
                    <td
                      class={`cell-num wallet__amount wallet__amount--${transaction.amount < 0 ? 'out' : 'in'}`}
                    >
                      {formatAmount(transaction.amount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>

        <div>
          <h6 class="service__subtitle">{t('staff.services.wallet.coupons')}</h6>
          {coupons.length === 0 ? (
            <p class="service__none">{t('staff.services.wallet.noCoupons')}</p>
          ) : (
            <ul class="coupons">
              {coupons.map(({ coupon, state, daysLeft }) => (
                <li
                  key={coupon.id}
                  class={`coupon coupon--${state}`}
                  data-testid="wallet-coupon"
                  data-coupon-id={coupon.id}
                  data-coupon-state={state}
                >
                  <span class="coupon__title">{coupon.title}</span>
                  <span class="coupon__value">
                    {t('staff.services.wallet.couponValue', { value: formatPoints(coupon.value) })}
                  </span>
                  <span class="coupon__expiry">
                    <time dateTime={coupon.expiresAt}>
                      {t('staff.services.wallet.expires', { date: formatDateTime(coupon.expiresAt) })}
                    </time>
                  </span>
                  <span class="coupon__state">
                    {t(`staff.services.wallet.couponState.${state}`)}
                    {daysLeft !== null &&
                      ` · ${
                        daysLeft === 0
                          ? t('staff.services.wallet.lastDay')
                          : t('staff.services.wallet.daysLeft', { count: daysLeft })
                      }`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
