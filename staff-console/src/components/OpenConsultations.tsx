import type { ConsultationView, Topic } from '@madoguchi/shared';
import { formatClock, topicLabel } from '../counter';
import { useI18n } from '../i18n';

interface OpenConsultationsProps {
  consultations: readonly ConsultationView[];
  topics: readonly Topic[];
  /** Recording is possible only while no other call is on the panel. */
  canRecord: boolean;
  onRecord: (consultation: ConsultationView) => void;
}

/**
 * This officer's consultations the console is not connected to (the page was reloaded during a
 * call, or the TV left while the console was away): each is closed with an outcome from here.
 */
export function OpenConsultations({ consultations, topics, canRecord, onRecord }: OpenConsultationsProps) {
  const { t, language } = useI18n();
  if (consultations.length === 0) return null;
  return (
    <section
      class="panel panel--attention"
      aria-labelledby="open-consultations-title"
      data-testid="open-consultations"
    >
      <h2 id="open-consultations-title" class="panel__title">
        {t('staff.open.title')}
      </h2>
      <p class="panel__lead">{t('staff.open.lead')}</p>
      <ul class="open-list">
        {consultations.map((consultation) => (
          <li
            key={consultation.consultationId}
            class="open-list__item"
            data-testid="open-consultation"
            data-consultation-id={consultation.consultationId}
            data-status={consultation.status}
          >
            <span class="open-list__topic">{topicLabel(topics, consultation.topic, language)}</span>
            <span>{t('staff.open.since', { time: formatClock(consultation.startedAt) })}</span>
            <span class="marker">{t(`staff.open.status.${consultation.status}`)}</span>
            {consultation.status === 'ringing' ? (
              <span class="open-list__hint">{t('staff.open.ringingHint')}</span>
            ) : (
              <button
                type="button"
                class="button button--small button--danger-outline"
                data-testid="open-consultation-end"
                disabled={!canRecord}
                onClick={() => onRecord(consultation)}
              >
                {t('staff.open.end')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
