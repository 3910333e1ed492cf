import { AssistedLinksPanel } from '../components/AssistedLinksPanel';
import { ErrorMessage } from '../components/ErrorMessage';
import { KpiExport } from '../components/KpiExport';
import { KpiFiguresView } from '../components/KpiFiguresView';
import { LiveStatus } from '../components/LiveStatus';
import { OfficersTable } from '../components/OfficersTable';
import { QueueTable } from '../components/QueueTable';
import { PageLoading } from '../components/TableState';
import { useConsole } from '../context';
import { formatDuration, groupQueue, sortByWaiting, waitingSeconds } from '../counter';
import { useCounter } from '../counterContext';
import { useI18n } from '../i18n';
import { formatFiguresDay } from '../kpi';
import { useNow } from '../useNow';
import { PageTitle } from './PageTitle';

/** The whole counter at a glance: queue, officers, and today's figures, all live. */
export function SupervisorPage() {
  const { t, language } = useI18n();
  const { session } = useConsole();
  const { snapshot, snapshotError, resync } = useCounter();
  const now = useNow();

  if (!snapshot) {
    return (
      <section class="page" aria-labelledby="page-title">
        <div class="page__head">
          <PageTitle>{t('staff.supervisor.title')}</PageTitle>
          <LiveStatus />
        </div>
        {snapshotError ? (
          <ErrorMessage error={snapshotError} testId="supervisor-error" onRetry={resync} />
        ) : (
          <PageLoading />
        )}
      </section>
    );
  }

  const groups = groupQueue(snapshot.topics, snapshot.waiting, language);
  const inCall = snapshot.officers.filter((officer) => officer.status === 'inCall').length;
  const available = snapshot.officers.filter((officer) => officer.status === 'available').length;

  return (
    <section class="page supervisor" aria-labelledby="page-title">
      <div class="page__head">
        <PageTitle>{t('staff.supervisor.title')}</PageTitle>
        <p class="page__count" aria-live="polite">
          {t('staff.counter.waitingCount', { count: snapshot.waiting.length })}
          <span class="page__count-sub">{t('staff.supervisor.officerCounts', { inCall, available })}</span>
        </p>
        <LiveStatus />
      </div>
      {snapshotError && <ErrorMessage error={snapshotError} testId="supervisor-error" />}

      <section class="panel" aria-labelledby="today-title">
        <h2 id="today-title" class="panel__title">
          {t('staff.supervisor.today', { date: formatFiguresDay(snapshot.today.from) })}
        </h2>
        <KpiFiguresView figures={snapshot.today} topics={snapshot.topics} testId="supervisor-figures" />
      </section>

      <div class="supervisor__grid">
        <section class="panel" aria-labelledby="officers-title">
          <h2 id="officers-title" class="panel__title">
            {t('staff.supervisor.officers')}
          </h2>
          <OfficersTable
            officers={snapshot.officers}
            consultations={snapshot.consultations}
            topics={snapshot.topics}
            now={now}
          />
        </section>

        <section class="panel" aria-labelledby="sv-queue-title" data-testid="supervisor-queue">
          <h2 id="sv-queue-title" class="panel__title">
            {t('staff.queue.title')}
          </h2>
          <ul class="topic-summary">
            {groups.map((group) => {
              const longest = group.entries[0];
              return (
                <li
                  key={group.topic}
                  class="topic-summary__item"
                  data-testid="topic-summary"
                  data-topic={group.topic}
                  data-count={group.entries.length}
                >
                  <span class="topic-summary__label">{group.label ?? group.topic}</span>
                  <span class="topic-summary__count">
                    {t('staff.queue.groupCount', { count: group.entries.length })}
                  </span>
                  <span class="topic-summary__wait">
                    {t('staff.supervisor.longest', {
                      time: longest ? formatDuration(waitingSeconds(longest.joinedAt, now)) : '—',
                    })}
                  </span>
                </li>
              );
            })}
            <li class="topic-summary__item topic-summary__item--callbacks" data-testid="callback-summary">
              <span class="topic-summary__label">{t('staff.callbacks.title')}</span>
              <span class="topic-summary__count">
                {t('staff.callbacks.count', { count: snapshot.callbacks.length })}
              </span>
            </li>
          </ul>
          {snapshot.waiting.length === 0 ? (
            <p class="page__empty page__empty--small">{t('staff.queue.emptyAll')}</p>
          ) : (
            <QueueTable
              entries={sortByWaiting(snapshot.waiting)}
              caption={t('staff.queue.title')}
              now={now}
              staffId={session.staff.id}
              officers={snapshot.officers}
              topics={snapshot.topics}
            />
          )}
        </section>
      </div>

      <KpiExport topics={snapshot.topics} />

      <AssistedLinksPanel />
    </section>
  );
}
