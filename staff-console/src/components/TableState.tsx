import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';

/** A page still waiting for its first data. */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <p class="page__empty" role="status">
      {t('staff.loading')}
    </p>
  );
}

interface TableStateProps<Row> {
  /** `null` until the first load lands. */
  rows: readonly Row[] | null;
  /** The load failed: its error, shown above, says so, so no "loading" line. */
  failed: boolean;
  emptyTestId: string;
  emptyText: string;
  /** What to show once there are rows (the table). */
  children: (rows: readonly Row[]) => ComponentChildren;
}

/** A panel's list loaded on demand: "loading" until it lands, a line when empty, else the table. */
export function TableState<Row>({ rows, failed, emptyTestId, emptyText, children }: TableStateProps<Row>) {
  const { t } = useI18n();
  if (rows === null) {
    return failed ? null : <p class="page__empty page__empty--small">{t('staff.loading')}</p>;
  }
  if (rows.length === 0) {
    return (
      <p class="page__empty page__empty--small" data-testid={emptyTestId}>
        {emptyText}
      </p>
    );
  }
  return <>{children(rows)}</>;
}
