import type { OfficerView, QueueEntryView, Topic } from '@madoguchi/shared';
import { formatClock, formatDuration, mayAccept, topicLabel, waitingSeconds } from '../counter';
import { useI18n } from '../i18n';
import { DataTable } from './DataTable';

interface QueueTableProps {
  entries: readonly QueueEntryView[];
  caption: string;
  now: number;
  staffId: string;
  officers: readonly OfficerView[];
  /** Show the topic column (the supervisor's single list across topics). */
  topics?: readonly Topic[];
  /** Without it the table is for looking only (the supervisor page). */
  onAccept?: (entry: QueueEntryView) => void;
  acceptDisabled?: boolean;
}

/** Waiting citizens, longest first, with live waiting times and what an officer must know before answering. */
export function QueueTable({
  entries,
  caption,
  now,
  staffId,
  officers,
  topics,
  onAccept,
  acceptDisabled = false,
}: QueueTableProps) {
  const { t, language } = useI18n();
  const officerName = (id: string) => officers.find((officer) => officer.staffId === id)?.displayName ?? id;

  return (
    <DataTable
      caption={caption}
      columns={[
        t('staff.queue.position'),
        topics && t('staff.queue.topic'),
        t('staff.queue.waiting'),
        t('staff.queue.joinedAt'),
        t('staff.queue.notes'),
        onAccept && t('staff.actions'),
      ]}
      compact
      class="queue-table"
    >
      {entries.map((entry, index) => {
        const acceptable = mayAccept(entry, staffId);
        const seconds = waitingSeconds(entry.joinedAt, now);
        return (
          <tr
            key={entry.entryId}
            class={`row${entry.assignedStaffId === staffId ? ' row--mine' : ''}`}
            data-testid="queue-row"
            data-entry-id={entry.entryId}
            data-topic={entry.topic}
            data-camera={String(entry.camera)}
            data-transferred={String(entry.transferred)}
            data-assigned={entry.assignedStaffId ?? ''}
            data-device-id={entry.deviceId}
          >
            <th scope="row" class="cell-num">
              {index + 1}
            </th>
            {topics && <td>{topicLabel(topics, entry.topic, language)}</td>}
            <td class="cell-wait" data-testid="queue-wait" data-seconds={seconds}>
              <span class="visually-hidden">{t('staff.queue.waiting')} </span>
              {formatDuration(seconds)}
            </td>
            <td>
              <time dateTime={entry.joinedAt}>{formatClock(entry.joinedAt)}</time>
            </td>
            <td class="cell-markers">
              {entry.kind === 'callback' && <span class="marker">{t('staff.queue.callback')}</span>}
              {entry.transferred && (
                <span class="marker marker--transfer" data-testid="queue-transferred">
                  {t('staff.queue.transferred')}
                </span>
              )}
              {entry.assignedStaffId !== null && (
                <span class="marker marker--assigned" data-testid="queue-assigned">
                  {entry.assignedStaffId === staffId
                    ? t('staff.queue.assignedToYou')
                    : t('staff.queue.assignedTo', { name: officerName(entry.assignedStaffId) })}
                </span>
              )}
              {!entry.camera && (
                <span class="marker marker--audio" data-testid="queue-no-camera">
                  {t('staff.queue.noCamera')}
                </span>
              )}
            </td>
            {onAccept && (
              <td>
                <button
                  type="button"
                  class="button button--small button--primary"
                  data-testid="accept-entry"
                  disabled={acceptDisabled || !acceptable}
                  aria-label={t('staff.queue.acceptRow', {
                    position: index + 1,
                    waiting: formatDuration(seconds),
                  })}
                  onClick={() => onAccept(entry)}
                >
                  {t('staff.queue.accept')}
                </button>
              </td>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}
