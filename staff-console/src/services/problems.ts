import type { AckError } from '@madoguchi/shared';
import { errorText } from '../format';
import type { Translator } from '../i18n';

/** The parts of the call panel that talk to a partner or the TV, for the words of their errors. */
export type ServiceName = 'wallet' | 'childcare' | 'aid' | 'card' | 'assist';

/** Partner trouble: said in plain words with a retry, and it never takes the rest of the panel down. */
export function isPartnerTrouble(error: AckError): boolean {
  return error.code === 'PARTNER_UNAVAILABLE' || error.code === 'PARTNER_ERROR';
}

/**
 * A service's error in the officer's words, after what the officer was doing (`lead`): which
 * system is down (and that the rest works), a refused read said as the consent rule.
 */
export function serviceProblemText(
  translator: Pick<Translator, 't' | 'exists'>,
  error: AckError,
  service: ServiceName,
  lead?: string,
): string {
  const { t } = translator;
  const name = t(`staff.services.service.${service}`);
  let reason: string;
  if (error.code === 'PARTNER_UNAVAILABLE') {
    reason = `${t('staff.services.partnerDown', { service: name })} ${t('staff.services.partnerHint')}`;
  } else if (error.code === 'PARTNER_ERROR') {
    reason = `${t('staff.services.partnerError', { service: name })} ${t('staff.services.partnerHint')}`;
  } else if (error.code === 'CONSENT_REQUIRED') {
    reason = `${errorText(translator, error)} ${t('staff.services.refused')}`;
  } else {
    reason = errorText(translator, error);
  }
  return lead ? `${lead} ${reason}` : reason;
}
