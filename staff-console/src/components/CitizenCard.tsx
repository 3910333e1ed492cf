import type { CitizenPanel, ConsentState } from '@madoguchi/shared';
import { ageOn, consentBadges, formatBirthDate, japaneseEraYear, visibleProfile } from '../citizen';
import { formatDateTime } from '../format';
import { useI18n, type ConsoleLanguage } from '../i18n';
import { Icon } from './Icon';

const BADGE_ICON = { granted: 'check', refused: 'cross', undecided: 'dash' } as const;

/** Each purpose with what the citizen chose; the state is said in words and by shape, not colour alone. */
export function ConsentBadges({ consents }: { consents: readonly ConsentState[] }) {
  const { t } = useI18n();
  return (
    <div class="consents">
      <h5 class="consents__title">{t('staff.citizen.consents')}</h5>
      <ul class="consents__list">
        {consentBadges(consents).map((badge) => (
          <li
            key={badge.purpose}
            class={`consent-badge consent-badge--${badge.state}`}
            data-testid="consent-badge"
            data-purpose={badge.purpose}
            data-granted={String(badge.granted)}
            data-state={badge.state}
            title={
              badge.updatedAt
                ? t('staff.citizen.consentSince', { time: formatDateTime(badge.updatedAt) })
                : undefined
            }
          >
            <span class="consent-badge__state">
              <Icon name={BADGE_ICON[badge.state]} size={14} />
              {t(`staff.citizen.consent.${badge.state}`)}
            </span>
            <span class="consent-badge__purpose">{t(`consent.purpose.${badge.purpose}`)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 1985/04/01（昭和60年・40歳） or 1985/04/01 (age 40). */
export function BirthDate({ date, today }: { date: string; today: string }) {
  const { t, language } = useI18n();
  const age = ageOn(date, today);
  const era = language === 'ja' ? japaneseEraYear(date) : '';
  const extra = [era, age === null ? '' : t('staff.citizen.age', { age })].filter(Boolean);
  return (
    <span class="birth">
      <time dateTime={date}>{formatBirthDate(date)}</time>
      {extra.length > 0 && <span class="birth__extra">{bracket(extra, language)}</span>}
    </span>
  );
}

function bracket(parts: string[], language: ConsoleLanguage): string {
  return language === 'ja' ? `（${parts.join('・')}）` : ` (${parts.join(', ')})`;
}

interface CitizenCardProps {
  citizen: CitizenPanel;
  /** 1-based place on the TV, to tell people without a shown name apart. */
  index: number;
  today: string;
}

/** One person on the TV: their profile when they consented to show it, else only that they did not. */
export function CitizenCard({ citizen, index, today }: CitizenCardProps) {
  const { t } = useI18n();
  const profile = visibleProfile(citizen);
  const titleId = `citizen-card-${index}`;
  return (
    <article
      class={`citizen-card citizen-card--${profile ? 'shown' : 'hidden'}`}
      aria-labelledby={titleId}
      data-testid="citizen-card"
      data-citizen-id={citizen.citizenId}
      data-profile={profile ? 'shown' : 'hidden'}
    >
      {profile ? (
        <>
          <div class="citizen-card__head">
            <h4 id={titleId} class="citizen-card__name" data-testid="citizen-name">
              {profile.name}
            </h4>
            <p class="citizen-card__birth">
              <span class="citizen-card__label">{t('staff.citizen.birthDate')}</span>
              <BirthDate date={profile.birthDate} today={today} />
            </p>
          </div>
          <div class="citizen-card__family">
            <section aria-labelledby={`${titleId}-household`}>
              <h5 id={`${titleId}-household`} class="citizen-card__subtitle">
                {t('staff.citizen.household')}
              </h5>
              {profile.household.length === 0 ? (
                <p class="citizen-card__none">{t('staff.citizen.noHousehold')}</p>
              ) : (
                <table class="table table--compact" data-testid="citizen-household">
                  <caption class="visually-hidden">{t('staff.citizen.household')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('staff.citizen.name')}</th>
                      <th scope="col">{t('staff.citizen.relation')}</th>
                      <th scope="col">{t('staff.citizen.birthDate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {profile.household.map((member, i) => (
                      <tr key={`${member.name}-${i}`} data-testid="citizen-household-member">
                        <th scope="row">{member.name}</th>
                        <td>{member.relation}</td>
                        <td>
                          <BirthDate date={member.birthDate} today={today} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section aria-labelledby={`${titleId}-children`}>
              <h5 id={`${titleId}-children`} class="citizen-card__subtitle">
                {t('staff.citizen.children')}
              </h5>
              {profile.children.length === 0 ? (
                <p class="citizen-card__none">{t('staff.citizen.noChildren')}</p>
              ) : (
                <table class="table table--compact" data-testid="citizen-children">
                  <caption class="visually-hidden">{t('staff.citizen.children')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('staff.citizen.name')}</th>
                      <th scope="col">{t('staff.citizen.birthDate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {profile.children.map((child, i) => (
                      <tr key={`${child.name}-${i}`} data-testid="citizen-child">
                        <th scope="row">{child.name}</th>
                        <td>
                          <BirthDate date={child.birthDate} today={today} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
        </>
      ) : (
        <div class="citizen-card__head">
          <h4 id={titleId} class="citizen-card__name citizen-card__name--hidden">
            {t('staff.citizen.person', { n: index })}
          </h4>
          <p class="citizen-card__locked" data-testid="citizen-no-consent">
            <Icon name="lock" size={20} />
            {t('staff.citizen.noConsent')}
          </p>
          <p class="citizen-card__hint">{t('staff.citizen.noConsentHint')}</p>
        </div>
      )}
      <ConsentBadges consents={citizen.consents} />
    </article>
  );
}
