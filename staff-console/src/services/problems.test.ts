import { describe, expect, it } from 'vitest';
import { isPartnerTrouble, serviceProblemText } from './problems';

const translator = {
  t: (key: string, params?: Record<string, string | number>) =>
    params && Object.keys(params).length > 0 ? `${key}${JSON.stringify(params)}` : key,
  exists: (key: string) => key.startsWith('errors.'),
};

describe('service problems', () => {
  it('names the system that is down and says the rest works', () => {
    const text = serviceProblemText(
      translator,
      { code: 'PARTNER_UNAVAILABLE', message: 'errors.PARTNER_UNAVAILABLE' },
      'wallet',
    );
    expect(text).toBe(
      'staff.services.partnerDown{"service":"staff.services.service.wallet"} staff.services.partnerHint',
    );
    expect(
      serviceProblemText(
        translator,
        { code: 'PARTNER_ERROR', message: 'errors.PARTNER_ERROR' },
        'aid',
        'lead',
      ),
    ).toMatch(/^lead staff\.services\.partnerError/);
  });

  it('says a refused read as the consent rule', () => {
    expect(
      serviceProblemText(
        translator,
        { code: 'CONSENT_REQUIRED', message: 'errors.CONSENT_REQUIRED' },
        'wallet',
      ),
    ).toBe('errors.CONSENT_REQUIRED staff.services.refused');
    expect(
      serviceProblemText(
        translator,
        { code: 'CONSENT_REQUIRED', message: 'errors.CONSENT_REQUIRED' },
        'aid',
        'No.',
      ),
    ).toBe('No. errors.CONSENT_REQUIRED staff.services.refused');
  });

  it('puts what failed before the reason otherwise', () => {
    expect(
      serviceProblemText(
        translator,
        { code: 'SLOT_FULL', message: 'errors.SLOT_FULL' },
        'childcare',
        'Failed.',
      ),
    ).toBe('Failed. errors.SLOT_FULL');
    expect(isPartnerTrouble({ code: 'PARTNER_ERROR', message: '' })).toBe(true);
    expect(isPartnerTrouble({ code: 'SLOT_FULL', message: '' })).toBe(false);
  });
});
