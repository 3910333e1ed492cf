import { LOGO_PATH, type AckError, type CityConfigView, type PartnerHealth } from '@madoguchi/shared';
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { apiAckError } from '../api';
import {
  WEEKDAYS,
  closedDateText,
  hoursText,
  kpiTargetTexts,
  partnerRows,
  secretText,
  type TextRef,
} from '../cityConfig';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { Icon } from '../components/Icon';
import { PageLoading } from '../components/TableState';
import { useConsole } from '../context';
import { useI18n } from '../i18n';
import { formatRate } from '../kpi';
import { routeHash } from '../routes';
import { breakerTone } from '../services/health';
import { PageTitle } from './PageTitle';

const COLOURS = ['background', 'surface', 'text', 'focus', 'accent'] as const;
const TONE_ICON = { ok: 'check', down: 'cross', trying: 'dash' } as const;

function useText(): (text: TextRef) => string {
  const { t } = useI18n();
  return (text) => t(text.key, text.params);
}

/** A titled panel of the page. */
function Panel({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel city__panel" aria-labelledby={`city-${id}-title`} data-testid={`city-${id}`}>
      <h2 id={`city-${id}-title`} class="panel__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Label and value pairs. */
function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="city__facts">
      {rows.map(([label, value]) => (
        <div class="city__fact" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Basics({ city }: { city: CityConfigView }) {
  const { t, language } = useI18n();
  const { api } = useConsole();
  return (
    <Panel id="basics" title={t('staff.city.basicsTitle')}>
      <Facts
        rows={[
          [t('staff.city.id'), <code>{city.id}</code>],
          [t('staff.city.nameJa'), city.displayName.ja],
          [t('staff.city.nameEn'), city.displayName.en],
          [t('staff.city.nameJaEasy'), city.displayName.jaEasy],
          [t('staff.city.timeZone'), <code>{city.timeZone}</code>],
          [
            t('staff.city.contact'),
            t('staff.city.contactValue', {
              office: city.contact.office[language],
              phone: city.contact.phone,
            }),
          ],
          [
            t('staff.city.logo'),
            city.logoPath ? (
              <img
                class="city__logo"
                src={api.urlOf(LOGO_PATH)}
                alt={t('staff.city.logoAlt', { name: city.displayName[language] })}
                data-testid="city-logo"
              />
            ) : (
              t('staff.city.noLogo')
            ),
          ],
          [
            t('staff.city.colours'),
            <ul class="city__colours">
              {COLOURS.map((name) => (
                <li key={name}>
                  <span class="city__swatch" style={{ background: city.colours[name] }} aria-hidden="true" />
                  {t(`staff.city.colour.${name}`)} <code>{city.colours[name]}</code>
                </li>
              ))}
            </ul>,
          ],
        ]}
      />
    </Panel>
  );
}

function Hours({ city }: { city: CityConfigView }) {
  const { t } = useI18n();
  const text = useText();
  const { weekly, closedOnPublicHolidays, closedDates } = city.businessHours;
  return (
    <Panel id="hours" title={t('staff.city.hoursTitle')}>
      <DataTable
        caption={t('staff.city.hoursTitle')}
        columns={[t('staff.city.day'), t('staff.city.hours')]}
        compact
      >
        {WEEKDAYS.map((day) => (
          <tr key={day}>
            <th scope="row">{t(`staff.city.weekday.${day}`)}</th>
            <td>{hoursText(weekly[day]) ?? t('staff.city.closed')}</td>
          </tr>
        ))}
      </DataTable>
      <Facts
        rows={[
          [
            t('staff.city.publicHolidays'),
            t(closedOnPublicHolidays ? 'staff.city.publicHolidaysClosed' : 'staff.city.publicHolidaysOpen'),
          ],
          [
            t('staff.city.closedDates'),
            closedDates.length === 0
              ? t('staff.city.none')
              : closedDates.map((date) => text(closedDateText(date))).join('、'),
          ],
        ]}
      />
    </Panel>
  );
}

function CounterAndHome({ city }: { city: CityConfigView }) {
  const { t } = useI18n();
  return (
    <>
      <Panel id="topics" title={t('staff.city.topicsTitle')}>
        <DataTable
          caption={t('staff.city.topicsTitle')}
          columns={[t('staff.city.topicId'), t('staff.city.topicJa'), t('staff.city.topicEn')]}
          compact
        >
          {city.topics.map((topic) => (
            <tr key={topic.id} data-testid="city-topic">
              <td>
                <code>{topic.id}</code>
              </td>
              <td lang="ja">{topic.label.ja}</td>
              <td lang="en">{topic.label.en}</td>
            </tr>
          ))}
        </DataTable>
      </Panel>
      <Panel id="services" title={t('staff.city.servicesTitle')}>
        <ol class="city__services">
          {city.services.map((service) => (
            <li key={service}>
              {t(`services.${service}`)} <code>{service}</code>
            </li>
          ))}
        </ol>
      </Panel>
    </>
  );
}

function TvOriginsAndTargets({ city }: { city: CityConfigView }) {
  const { t, language } = useI18n();
  const text = useText();
  const [wait, abandonment, fiscalYear] = kpiTargetTexts(city.kpi, (rate) => formatRate(rate, language));
  return (
    <>
      <Panel id="tv-origins" title={t('staff.city.tvOriginsTitle')}>
        {city.tvOrigins.length === 0 ? (
          <p class="page__empty page__empty--small">{t('staff.city.noTvOrigins')}</p>
        ) : (
          <DataTable
            caption={t('staff.city.tvOriginsTitle')}
            columns={[t('staff.city.origin'), t('staff.city.from')]}
            compact
          >
            {city.tvOrigins.map((row) => (
              <tr key={row.origin}>
                <td>
                  <code>{row.origin}</code>
                </td>
                <td>{t(`staff.city.source.${row.source}`)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>
      <Panel id="kpi" title={t('staff.city.kpiTitle')}>
        <Facts
          rows={[
            [t('staff.city.targetWait'), wait ? text(wait) : ''],
            [t('staff.city.targetAbandonment'), abandonment ? text(abandonment) : ''],
            [t('staff.city.fiscalYear'), fiscalYear ? text(fiscalYear) : ''],
          ]}
        />
      </Panel>
    </>
  );
}

function IdentityProvider({ city }: { city: CityConfigView }) {
  const { t } = useI18n();
  const text = useText();
  const identity = city.identity;
  const rows: [string, ComponentChildren][] = [
    [t('staff.city.providerKind'), t(`staff.city.provider.${identity.kind}`)],
    [t('staff.city.from'), t(`staff.city.source.${identity.source}`)],
  ];
  if (identity.kind === 'oidc') {
    rows.push(
      [t('staff.city.issuer'), <code>{identity.issuer}</code>],
      [t('staff.city.clientId'), <code>{identity.clientId}</code>],
      [t('staff.city.clientSecret'), text(secretText(identity.clientSecret))],
    );
  }
  rows.push(
    [t('staff.city.userCode'), t(`staff.city.userCodeAlphabet.${identity.userCodeAlphabet}`)],
    [
      t('staff.city.providerState'),
      <span data-testid="city-provider-ready" data-ready={identity.ready}>
        {t(identity.ready ? 'staff.city.providerReady' : 'staff.city.providerNotReady')}
      </span>,
    ],
  );
  return (
    <Panel id="identity" title={t('staff.city.identityTitle')}>
      <Facts rows={rows} />
    </Panel>
  );
}

function Partners({ city, health }: { city: CityConfigView; health: PartnerHealth[] | null }) {
  const { t } = useI18n();
  const text = useText();
  return (
    <Panel id="partners" title={t('staff.city.partnersTitle')}>
      <DataTable
        caption={t('staff.city.partnersTitle')}
        columns={[
          t('staff.city.partner'),
          t('staff.city.baseUrl'),
          t('staff.city.credential'),
          t('staff.city.from'),
          t('staff.city.health'),
        ]}
        class="partners__table"
      >
        {partnerRows(city.partners, health).map((row) => {
          const tone = row.health ? breakerTone(row.health.breaker) : null;
          return (
            <tr key={row.partner} data-testid="city-partner" data-partner={row.partner}>
              <th scope="row">{t(`staff.partners.name.${row.partner}`)}</th>
              <td>{row.baseUrl ? <code>{row.baseUrl}</code> : t('staff.city.sandbox')}</td>
              <td>
                {t(`staff.city.auth.${row.auth}`)}
                {row.clientId && (
                  <span class="partners__hint">
                    {t('staff.city.clientId')}: <code>{row.clientId}</code>
                  </span>
                )}
                <span class="partners__hint" data-testid="city-partner-credential">
                  {text(secretText(row.credential))}
                </span>
              </td>
              <td>{t(`staff.city.source.${row.source}`)}</td>
              <td>
                {row.health && tone ? (
                  <span class={`breaker breaker--${tone}`} data-testid="city-partner-breaker">
                    <Icon name={TONE_ICON[tone]} size={16} />
                    {t(`staff.partners.breaker.${row.health.breaker}`)}
                  </span>
                ) : (
                  t('staff.city.healthUnknown')
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <p>
        <a href={routeHash('partners')}>{t('staff.city.healthDetails')}</a>
      </p>
    </Panel>
  );
}

/** 市の 設定 (admin): the city's configuration, read-only, with each partner's health beside it. */
export function CityPage() {
  const { t } = useI18n();
  const { api } = useConsole();
  const [city, setCity] = useState<CityConfigView | null>(null);
  const [health, setHealth] = useState<PartnerHealth[] | null>(null);
  const [error, setError] = useState<AckError | null>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  const load = useCallback(() => {
    const ticket = (seq.current += 1);
    setLoading(true);
    // The health is beside the configuration, not part of it: without it the page still shows.
    void Promise.allSettled([api.cityConfig(), api.partnersHealth()]).then(([config, partners]) => {
      if (ticket !== seq.current) return;
      setLoading(false);
      setHealth(partners.status === 'fulfilled' ? partners.value : null);
      if (config.status === 'fulfilled') {
        setCity(config.value);
        setError(null);
      } else {
        setCity(null);
        setError(apiAckError(config.reason));
      }
    });
  }, [api]);

  useEffect(() => {
    load();
    return () => {
      seq.current += 1;
    };
  }, [load]);

  return (
    <section class="page city" aria-labelledby="page-title" aria-busy={loading}>
      <div class="page__head">
        <PageTitle>{t('staff.city.title')}</PageTitle>
        <button
          type="button"
          class="button button--small"
          data-testid="city-reload"
          disabled={loading}
          onClick={load}
        >
          {t('staff.city.reload')}
        </button>
      </div>
      <p class="page__lead">{t('staff.city.lead')}</p>
      {error && <ErrorMessage error={error} testId="city-error" />}
      {!city && !error && <PageLoading />}
      {city && (
        <div class="city__grid" data-testid="city-config" data-tenant={city.id}>
          <Basics city={city} />
          <Hours city={city} />
          <CounterAndHome city={city} />
          <TvOriginsAndTargets city={city} />
          <IdentityProvider city={city} />
          <Partners city={city} health={health} />
        </div>
      )}
    </section>
  );
}
