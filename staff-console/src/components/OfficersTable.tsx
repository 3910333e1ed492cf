import type { ConsultationView, OfficerView, Topic } from '@madoguchi/shared';
import { formatDuration, liveConsultationOf, sortOfficers, topicLabel, waitingSeconds } from '../counter';
import { useI18n } from '../i18n';
import { DataTable } from './DataTable';

interface OfficersTableProps {
  officers: readonly OfficerView[];
  consultations: readonly ConsultationView[];
  topics: readonly Topic[];
  now: number;
}

/** Who is at the counter: in a call (with which citizen topic, since when), available, away or offline. */
export function OfficersTable({ officers, consultations, topics, now }: OfficersTableProps) {
  const { t, language } = useI18n();
  if (officers.length === 0) {
    return <p class="page__empty page__empty--small">{t('staff.supervisor.noOfficers')}</p>;
  }
  return (
    <DataTable
      caption={t('staff.supervisor.officers')}
      columns={[
        t('staff.supervisor.officer'),
        t('staff.supervisor.status'),
        t('staff.supervisor.consultation'),
      ]}
      testId="officers-table"
    >
      {sortOfficers(officers).map((officer) => {
        const consultation = liveConsultationOf(consultations, officer.staffId);
        return (
          <tr
            key={officer.staffId}
            data-testid="officer-row"
            data-staff-id={officer.staffId}
            data-status={officer.status}
            data-consultation-id={consultation?.consultationId ?? ''}
          >
            <th scope="row">{officer.displayName}</th>
            <td>
              <span class={`status status--officer-${officer.status}`}>
                <span class="status__dot" aria-hidden="true" />
                {t(`staff.officer.status.${officer.status}`)}
              </span>
            </td>
            <td>
              {consultation ? (
                <span>
                  {topicLabel(topics, consultation.topic, language)}
                  {' · '}
                  {t(`staff.open.status.${consultation.status}`)}
                  {' · '}
                  {formatDuration(waitingSeconds(consultation.startedAt, now))}
                  {!consultation.camera && (
                    <span class="marker marker--audio">{t('staff.queue.noCamera')}</span>
                  )}
                </span>
              ) : (
                '—'
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
