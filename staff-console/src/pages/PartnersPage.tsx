import { epochMs, type AckError, type PartnerHealth } from '@madoguchi/shared';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { apiAckError } from '../api';
import { useClock } from '../clock';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { Icon } from '../components/Icon';
import { TableState } from '../components/TableState';
import { useConsole } from '../context';
import { formatClock } from '../counter';
import { formatDateTimeSeconds } from '../format';
import { useI18n } from '../i18n';
import {
  breakerTone,
  isKnownPartner,
  shortError,
  timeAgo,
  troubledCount,
  type HealthTone,
} from '../services/health';
import { PageTitle } from './PageTitle';

/** The page reads the health again on its own this often, and on the officer's press. */
export const PARTNERS_REFRESH_MS = 30_000;

const TONE_ICON: Record<HealthTone, 'check' | 'cross' | 'dash'> = {
  ok: 'check',
  down: 'cross',
  trying: 'dash',
};

function When({ iso, now }: { iso: string | null; now: number }) {
  const { t } = useI18n();
  const ago = timeAgo(iso, now);
  if (!iso || !ago) return <span class="partners__never">{t('staff.partners.never')}</span>;
  return (
    <span class="partners__when">
      <time dateTime={iso}>{formatDateTimeSeconds(iso)}</time>
      <span class="partners__ago">{t(`staff.partners.ago.${ago.unit}`, { count: ago.count })}</span>
    </span>
  );
}

/** 連携先 (admin): each partner system's circuit breaker, last success and failure, last error. */
export function PartnersPage() {
  const { t } = useI18n();
  const { api } = useConsole();
  const clock = useClock();
  const [rows, setRows] = useState<PartnerHealth[] | null>(null);
  const [error, setError] = useState<AckError | null>(null);
  const [loading, setLoading] = useState(false);
  const [checkedAt, setCheckedAt] = useState<number | null>(null);
  const seq = useRef(0);

  const load = useCallback(() => {
    const ticket = (seq.current += 1);
    setLoading(true);
    api.partnersHealth().then(
      (list) => {
        if (ticket !== seq.current) return;
        setRows(list);
        setError(null);
        setCheckedAt(epochMs(clock));
        setLoading(false);
      },
      (failure: unknown) => {
        if (ticket !== seq.current) return;
        // What was shown is no longer vouched for: say so instead of keeping old states.
        setRows(null);
        setError(apiAckError(failure));
        setLoading(false);
      },
    );
  }, [api, clock]);

  useEffect(() => {
    load();
    const timer = setInterval(load, PARTNERS_REFRESH_MS);
    return () => {
      clearInterval(timer);
      seq.current += 1;
    };
  }, [load]);

  const now = checkedAt ?? epochMs(clock);
  const troubled = rows ? troubledCount(rows) : 0;

  return (
    <section class="page partners" aria-labelledby="page-title">
      <div class="page__head">
        <PageTitle>{t('staff.partners.title')}</PageTitle>
      </div>
      <p class="page__lead">{t('staff.partners.lead')}</p>

      <section class="panel" aria-labelledby="partners-table-title" aria-busy={loading}>
        <div class="panel__head">
          <h2 id="partners-table-title" class="panel__title">
            {t('staff.partners.title')}
          </h2>
          {checkedAt !== null && (
            <span class="panel__title-sub" data-testid="partners-checked-at">
              {t('staff.partners.checkedAt', { time: formatClock(new Date(checkedAt).toISOString()) })}
            </span>
          )}
          <button
            type="button"
            class="button button--small"
            data-testid="partners-reload"
            disabled={loading}
            onClick={load}
          >
            {t('staff.partners.reload')}
          </button>
        </div>

        {error && <ErrorMessage error={error} testId="partners-error" />}
        <TableState
          rows={rows}
          failed={error !== null}
          emptyTestId="partners-empty"
          emptyText={t('staff.partners.empty')}
        >
          {(rows) => (
            <>
              <p
                class={`partners__summary partners__summary--${troubled === 0 ? 'ok' : 'down'}`}
                role="status"
                data-testid="partners-summary"
                data-troubled={troubled}
              >
                <Icon name={troubled === 0 ? 'check' : 'cross'} size={22} />
                {troubled === 0
                  ? t('staff.partners.allOk')
                  : t('staff.partners.troubled', { count: troubled })}
              </p>
              <DataTable
                caption={t('staff.partners.title')}
                columns={[
                  t('staff.partners.partner'),
                  t('staff.partners.state'),
                  t('staff.partners.lastSuccess'),
                  t('staff.partners.lastFailure'),
                  t('staff.partners.lastError'),
                ]}
                class="partners__table"
                testId="partners-table"
              >
                {rows.map((row) => {
                  const tone = breakerTone(row.breaker);
                  const lastError = shortError(row.lastError);
                  return (
                    <tr
                      key={row.partner}
                      class={`partners__row partners__row--${tone}`}
                      data-testid="partners-row"
                      data-partner={row.partner}
                      data-breaker={row.breaker}
                    >
                      <th scope="row">
                        {isKnownPartner(row.partner) ? t(`staff.partners.name.${row.partner}`) : row.partner}
                        <code class="partners__id">{row.partner}</code>
                      </th>
                      <td>
                        <span class={`breaker breaker--${tone}`} data-testid="partners-breaker">
                          <Icon name={TONE_ICON[tone]} size={16} />
                          {t(`staff.partners.breaker.${row.breaker}`)}
                        </span>
                        <span class="partners__hint">{t(`staff.partners.breakerHint.${row.breaker}`)}</span>
                      </td>
                      <td>
                        <When iso={row.lastSuccessAt} now={now} />
                      </td>
                      <td>
                        <When iso={row.lastFailureAt} now={now} />
                      </td>
                      <td class="partners__error" title={row.lastError ?? undefined}>
                        {lastError ? <code>{lastError}</code> : t('staff.partners.noError')}
                      </td>
                    </tr>
                  );
                })}
              </DataTable>
            </>
          )}
        </TableState>
      </section>
    </section>
  );
}
