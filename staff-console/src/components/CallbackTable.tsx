import type { QueueEntryView, Topic } from '@madoguchi/shared';
import { formatCallbackDate, formatClock, sortCallbacks, tokyoDate, topicLabel } from '../counter';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { DataTable } from './DataTable';

interface CallbackTableProps {
  entries: readonly QueueEntryView[];
  topics: readonly Topic[];
  today: string;
  onCall: (entry: QueueEntryView) => void;
  callDisabled: boolean;
}

/** Citizens who asked to be called back, by the day and half-day they chose. */
export function CallbackTable({ entries, topics, today, onCall, callDisabled }: CallbackTableProps) {
  const { t, language } = useI18n();
  const sorted = sortCallbacks(entries);
  if (sorted.length === 0) {
    return (
      <p class="page__empty page__empty--small" data-testid="callbacks-empty">
        {t('staff.callbacks.empty')}
      </p>
    );
  }
  return (
    <DataTable
      caption={t('staff.callbacks.title')}
      columns={[t('staff.callbacks.when'), t('staff.queue.topic'), t('staff.actions')]}
      compact
      class="callbacks-table"
      testId="callbacks-table"
    >
      {sorted.map((entry) => {
        const callback = entry.callback;
        const due = callback !== null && callback.date <= today;
        const ringing = entry.status === 'ringing';
        return (
          <tr
            key={entry.entryId}
            class={`row${due ? ' row--due' : ''}`}
            data-testid="callback-row"
            data-entry-id={entry.entryId}
            data-topic={entry.topic}
            data-status={entry.status}
            data-camera={String(entry.camera)}
          >
            <th scope="row">
              {callback ? (
                <>
                  <span class="callback-when">
                    {callback.date === today
                      ? t('staff.callbacks.today')
                      : formatCallbackDate(callback.date, language)}{' '}
                    {t(`staff.callbacks.period.${callback.period}`)}
                  </span>
                  {callback.date < today && (
                    <span class="marker marker--late">{t('staff.callbacks.overdue')}</span>
                  )}
                  <span class="callback-asked">
                    {t('staff.callbacks.requestedAt')}{' '}
                    <time dateTime={entry.joinedAt} title={formatDateTime(entry.joinedAt)}>
                      {formatCallbackDate(tokyoDate(Date.parse(entry.joinedAt)), language)}{' '}
                      {formatClock(entry.joinedAt)}
                    </time>
                  </span>
                  <span class="callback-asked">
                    {t('staff.callbacks.attempts')}{' '}
                    <span data-testid="callback-attempts">{callback.attempts}</span>
                  </span>
                </>
              ) : (
                '—'
              )}
            </th>
            <td>
              {topicLabel(topics, entry.topic, language)}
              {!entry.camera && <span class="marker marker--audio">{t('staff.queue.noCamera')}</span>}
            </td>
            <td>
              {ringing ? (
                <span class="status status--ringing" data-testid="callback-ringing">
                  <span class="status__dot" aria-hidden="true" />
                  {t('staff.callbacks.ringing')}
                </span>
              ) : (
                <button
                  type="button"
                  class="button button--small button--primary"
                  data-testid="callback-call"
                  disabled={callDisabled || entry.status !== 'callbackRequested'}
                  onClick={() => onCall(entry)}
                >
                  {t('staff.callbacks.call')}
                </button>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
