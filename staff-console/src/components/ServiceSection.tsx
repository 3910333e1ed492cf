import type { ConsentPurpose } from '@madoguchi/shared';
import type { ComponentChildren } from 'preact';
import { formatClock } from '../counter';
import { useI18n } from '../i18n';
import type { ServiceStatus } from '../services/serviceRead';
import { Icon } from './Icon';

interface ServiceSectionProps {
  testId: string;
  /** Unique within the page, for the heading's id. */
  id: string;
  title: string;
  status: ServiceStatus | 'ready';
  loadedAt?: number | null;
  onReload?: () => void;
  /** Extra data-* attributes for tests (the wallet's balance). */
  data?: Record<string, string | number | undefined>;
  children: ComponentChildren;
}

/** One service for the chosen citizen: a heading, when it was read, a reload, and its body. */
export function ServiceSection({
  testId,
  id,
  title,
  status,
  loadedAt,
  onReload,
  data,
  children,
}: ServiceSectionProps) {
  const { t } = useI18n();
  const dataAttributes = Object.fromEntries(
    Object.entries(data ?? {}).map(([key, value]) => [`data-${key}`, value]),
  );
  return (
    <section
      class={`service service--${status}`}
      aria-labelledby={`${id}-title`}
      aria-busy={status === 'loading'}
      data-testid={testId}
      data-state={status}
      {...dataAttributes}
    >
      <div class="service__head">
        <h5 id={`${id}-title`} class="service__title">
          {title}
        </h5>
        {status === 'shown' && loadedAt && (
          <span class="service__time">
            {t('staff.services.asOf', { time: formatClock(new Date(loadedAt).toISOString()) })}
          </span>
        )}
        {onReload && status !== 'no-consent' && (
          <button
            type="button"
            class="button button--small service__reload"
            data-testid={`${testId}-reload`}
            disabled={status === 'loading'}
            onClick={onReload}
          >
            {t('staff.services.reload')}
          </button>
        )}
      </div>
      {children}
    </section>
  );
}

/** Without the consent: said plainly, with what the citizen would choose on the TV. Nothing was asked. */
export function NoConsent({ purpose, aid = false }: { purpose: ConsentPurpose; aid?: boolean }) {
  const { t } = useI18n();
  const purposeText = t(`consent.purpose.${purpose}`);
  return (
    <div class="service__locked" data-testid="service-no-consent" data-purpose={purpose}>
      <p class="service__locked-title">
        <Icon name="lock" size={20} />
        {t('staff.services.noConsent')}
      </p>
      <p class="service__locked-hint">
        {aid
          ? t('staff.services.noConsentAid', { purpose: purposeText })
          : t('staff.services.noConsentPurpose', { purpose: purposeText })}
      </p>
    </div>
  );
}

export function ServiceLoading() {
  const { t } = useI18n();
  return (
    <p class="service__wait" role="status">
      {t('staff.services.loading')}
    </p>
  );
}
