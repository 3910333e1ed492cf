import type { AckError, AssistedLinkView } from '@madoguchi/shared';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { apiAckError } from '../api';
import { checkList, sortAssistedLinks } from '../audit';
import { useConsole } from '../context';
import { formatDateTime, shortId } from '../format';
import { useI18n } from '../i18n';
import { DataTable } from './DataTable';
import { ErrorMessage } from './ErrorMessage';
import { Icon } from './Icon';
import { TableState } from './TableState';

/** An id in a table cell: short to read, whole on hover and for copying. */
function Id({ id }: { id: string }) {
  return <code title={id}>{shortId(id)}</code>;
}

/** TVs officers linked for citizens without a smartphone: who, when, in which call, after which checks. */
export function AssistedLinksPanel() {
  const { t } = useI18n();
  const { api } = useConsole();
  const [links, setLinks] = useState<AssistedLinkView[] | null>(null);
  const [problem, setProblem] = useState<AckError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    setProblem(null);
    api.assistedLinks().then(
      (list) => {
        setLinks(sortAssistedLinks(list));
        setLoading(false);
      },
      (error: unknown) => {
        setProblem(apiAckError(error));
        setLoading(false);
      },
    );
  }, [api]);

  useEffect(load, [load]);

  return (
    <section class="panel" aria-labelledby="assisted-links-title" data-testid="assisted-links">
      <div class="panel__head">
        <h2 id="assisted-links-title" class="panel__title">
          {t('staff.assistedLinks.title')}
          {links && (
            <span class="panel__title-sub" data-testid="assisted-links-count" data-count={links.length}>
              {t('staff.assistedLinks.count', { count: links.length })}
            </span>
          )}
        </h2>
        <button
          type="button"
          class="button button--small"
          data-testid="assisted-links-reload"
          disabled={loading}
          onClick={load}
        >
          {t('staff.assistedLinks.reload')}
        </button>
      </div>
      <p class="panel__lead">{t('staff.assistedLinks.lead')}</p>
      {problem && <ErrorMessage error={problem} testId="assisted-links-error" />}
      <TableState
        rows={links}
        failed={problem !== null}
        emptyTestId="assisted-links-empty"
        emptyText={t('staff.assistedLinks.empty')}
      >
        {(links) => (
          <DataTable
            caption={t('staff.assistedLinks.title')}
            columns={[
              t('staff.assistedLinks.at'),
              t('staff.assistedLinks.officer'),
              t('staff.assistedLinks.device'),
              t('staff.assistedLinks.citizen'),
              t('staff.assistedLinks.consultation'),
              t('staff.assistedLinks.checks'),
            ]}
            compact
            testId="assisted-links-table"
          >
            {links.map((link) => (
              <tr
                key={`${link.at}-${link.citizenId}-${link.deviceId}`}
                data-testid="assisted-link-row"
                data-staff-id={link.staffId}
                data-device-id={link.deviceId}
                data-citizen-id={link.citizenId}
                data-consultation-id={link.consultationId}
                data-photo-id={String(link.checks.photoId === true)}
              >
                <td>
                  <time dateTime={link.at}>{formatDateTime(link.at)}</time>
                </td>
                <th scope="row">{link.staffName}</th>
                <td class="cell-id">
                  <Id id={link.deviceId} />
                </td>
                <td class="cell-id">
                  <Id id={link.citizenId} />
                </td>
                <td class="cell-id">
                  <Id id={link.consultationId} />
                </td>
                <td>
                  <ul class="check-markers">
                    {checkList(link.checks).map(({ check, done }) => (
                      <li
                        key={check}
                        class={`check-marker check-marker--${done ? 'done' : 'not-done'}`}
                        data-check={check}
                        data-done={String(done)}
                      >
                        <Icon name={done ? 'check' : 'dash'} size={14} />
                        <span>{t(`staff.assist.check.${check}`)}</span>
                        <span class="visually-hidden">
                          {done ? t('staff.assist.checked') : t('staff.assist.notChecked')}
                        </span>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </TableState>
    </section>
  );
}
