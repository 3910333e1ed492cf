import { errorKey, type AckError, type QueueEntryView } from '@madoguchi/shared';
import { useState } from 'preact/hooks';
import { useCallView } from '../call/useCall';
import { CallbackTable } from '../components/CallbackTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { LiveStatus } from '../components/LiveStatus';
import { OfficerStatusSwitch } from '../components/OfficerStatusSwitch';
import { OpenConsultations } from '../components/OpenConsultations';
import { QueueTable } from '../components/QueueTable';
import { PageLoading } from '../components/TableState';
import { useConsole } from '../context';
import { groupQueue, hasAcceptable, myConsultations, officerStatus, tokyoDate } from '../counter';
import { useCounter } from '../counterContext';
import { useI18n } from '../i18n';
import { useNow } from '../useNow';
import { PageTitle } from './PageTitle';

/** What the officer tried when an error came back, so the message can say it plainly. */
type Attempt = 'accept' | 'callback' | 'status';

export function CounterPage() {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { session } = useConsole();
  const { snapshot, snapshotError, resync, call } = useCounter();
  const view = useCallView(call);
  const now = useNow();
  const [problem, setProblem] = useState<{ error: AckError; attempt: Attempt } | null>(null);
  const [pending, setPending] = useState(false);
  const staffId = session.staff.id;

  const idle = view.phase === 'idle';
  const waiting = snapshot?.waiting ?? [];
  const groups = snapshot ? groupQueue(snapshot.topics, waiting, language) : [];
  const open = myConsultations(snapshot, staffId).filter(
    (consultation) => consultation.consultationId !== view.consultation?.consultationId,
  );

  const run = async (attempt: Attempt, action: () => Promise<AckError | null>) => {
    setPending(true);
    setProblem(null);
    call.clearNotice();
    const error = await action();
    setPending(false);
    if (error) setProblem({ error, attempt });
  };

  // The server lets an officer hold one consultation at a time, open ones included.
  const blocked = !idle || pending || open.length > 0;

  const accept = (target: { entryId?: string; topic?: string }) =>
    void run('accept', () => call.accept(target));
  const callBack = (entry: QueueEntryView) => void run('callback', () => call.callBack(entry.entryId));

  const problemText = (error: AckError, attempt: Attempt): string | undefined => {
    // The race every officer meets: say who won, not "conflict".
    if (error.code === 'ENTRY_TAKEN') return t('staff.counter.taken');
    if (error.code === 'QUEUE_EMPTY') return t('staff.counter.queueEmpty');
    if (attempt === 'callback' && error.code !== 'SERVER_UNREACHABLE') {
      return `${t('staff.counter.callbackFailed')} ${i18n.t(errorKey(error.code))}`;
    }
    return undefined;
  };

  return (
    <section class="page counter" aria-labelledby="page-title">
      <div class="page__head">
        <PageTitle>{t('staff.counter.title')}</PageTitle>
        <p class="page__count" aria-live="polite" data-testid="queue-count" data-count={waiting.length}>
          {t('staff.counter.waitingCount', { count: waiting.length })}
          <span class="page__count-sub">
            {t('staff.counter.callbackCount', { count: snapshot?.callbacks.length ?? 0 })}
          </span>
        </p>
        <OfficerStatusSwitch
          status={officerStatus(snapshot, staffId)}
          onError={(error) => setProblem(error ? { error, attempt: 'status' } : null)}
        />
        <LiveStatus />
      </div>

      <div class="counter__messages" data-testid="counter-messages">
        {view.notice && idle && (
          <div
            class="message message--success"
            role="status"
            data-testid="call-notice"
            data-notice={view.notice.key}
          >
            {t(
              view.notice.key,
              view.notice.params?.reason
                ? { reason: t(`counter.endReason.${view.notice.params.reason}`) }
                : undefined,
            )}
          </div>
        )}
        {problem && (
          <ErrorMessage
            error={problem.error}
            testId="counter-error"
            text={problemText(problem.error, problem.attempt)}
          />
        )}
        {snapshotError && <ErrorMessage error={snapshotError} testId="snapshot-error" onRetry={resync} />}
        {snapshot && !snapshot.openNow && (
          <p class="message message--info" data-testid="counter-closed">
            {t('staff.counter.closedNow')}
          </p>
        )}
      </div>

      <OpenConsultations
        consultations={open}
        topics={snapshot?.topics ?? []}
        canRecord={idle}
        onRecord={(consultation) => call.recordOutcome(consultation)}
      />

      {!snapshot ? (
        <PageLoading />
      ) : (
        <div class="counter__grid">
          <section class="panel" aria-labelledby="queue-title" data-testid="queue">
            <div class="panel__head">
              <h2 id="queue-title" class="panel__title">
                {t('staff.queue.title')}
              </h2>
              <button
                type="button"
                class="button button--primary button--large"
                data-testid="accept-next"
                disabled={blocked || !hasAcceptable(waiting, staffId)}
                onClick={() => accept({})}
              >
                {t('staff.queue.acceptNext')}
              </button>
            </div>
            {groups.map((group) => {
              const label = group.label ?? group.topic;
              const headingId = `queue-topic-${group.topic}`;
              return (
                <section
                  key={group.topic}
                  class="queue-group"
                  aria-labelledby={headingId}
                  data-testid="queue-group"
                  data-topic={group.topic}
                  data-count={group.entries.length}
                >
                  <div class="queue-group__head">
                    <h3 id={headingId} class="queue-group__title">
                      {label}
                      <span class="queue-group__count">
                        {t('staff.queue.groupCount', { count: group.entries.length })}
                      </span>
                    </h3>
                    <button
                      type="button"
                      class="button button--small"
                      data-testid="accept-next-topic"
                      data-topic={group.topic}
                      disabled={blocked || !hasAcceptable(group.entries, staffId)}
                      onClick={() => accept({ topic: group.topic })}
                    >
                      {t('staff.queue.acceptNextIn', { topic: label })}
                    </button>
                  </div>
                  {group.entries.length === 0 ? (
                    <p class="queue-group__empty">{t('staff.queue.empty')}</p>
                  ) : (
                    <QueueTable
                      entries={group.entries}
                      caption={label}
                      now={now}
                      staffId={staffId}
                      officers={snapshot.officers}
                      onAccept={(entry) => accept({ entryId: entry.entryId })}
                      acceptDisabled={blocked}
                    />
                  )}
                </section>
              );
            })}
          </section>

          <section class="panel" aria-labelledby="callbacks-title" data-testid="callbacks">
            <h2 id="callbacks-title" class="panel__title">
              {t('staff.callbacks.title')}
            </h2>
            <CallbackTable
              entries={snapshot.callbacks}
              topics={snapshot.topics}
              today={tokyoDate(now)}
              onCall={callBack}
              callDisabled={blocked}
            />
          </section>
        </div>
      )}
    </section>
  );
}
