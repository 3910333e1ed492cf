import type { AckError, AuditEntry, StaffAccount } from '@madoguchi/shared';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { apiAckError } from '../api';
import {
  AUDIT_LIMIT,
  actionLabelKey,
  detailsText,
  parseActor,
  sortEntries,
  verificationSummary,
  type VerificationSummary,
} from '../audit';
import { useClock } from '../clock';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { Icon } from '../components/Icon';
import { TableState } from '../components/TableState';
import { useConsole } from '../context';
import { formatDateTime, formatDateTimeSeconds, shortId } from '../format';
import { useI18n } from '../i18n';
import { PageTitle } from './PageTitle';

function Id({ id }: { id: string | null }) {
  if (!id) return <span aria-label="—">—</span>;
  return <code title={id}>{shortId(id)}</code>;
}

function ActorCell({ actor, names }: { actor: string; names: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  const parsed = parseActor(actor);
  if (parsed.kind === 'system') return <span>{t('staff.audit.actorKind.system')}</span>;
  if (parsed.kind === 'other') return <code>{actor}</code>;
  const name = parsed.kind === 'staff' ? names.get(parsed.id) : undefined;
  return (
    <span class="audit-actor" title={actor}>
      <span class="audit-actor__kind">{t(`staff.audit.actorKind.${parsed.kind}`)}</span>
      {name ? <span class="audit-actor__name">{name}</span> : <Id id={parsed.id} />}
    </span>
  );
}

/** What happened, in words when the console knows the action; its code either way. */
function ActionCell({ action }: { action: string }) {
  const { t, exists } = useI18n();
  const key = actionLabelKey(action);
  return (
    <span class="audit-action">
      {exists(key) && <span class="audit-action__label">{t(key)}</span>}
      <code class="audit-action__code">{action}</code>
    </span>
  );
}

/** The verdict, very visible: a broken chain names its first broken row and why. */
function VerificationResult({
  summary,
  checkedAt,
  onShowRow,
}: {
  summary: VerificationSummary;
  checkedAt: string;
  /** Set when the broken row is among the rows listed below. */
  onShowRow?: () => void;
}) {
  const { t } = useI18n();
  const ok = summary.kind === 'ok';
  return (
    <div
      class={`audit-result audit-result--${ok ? 'ok' : 'broken'}`}
      role={ok ? 'status' : 'alert'}
      tabIndex={-1}
      id="audit-result"
      data-testid="audit-result"
      data-ok={String(ok)}
      data-first-broken={summary.kind === 'broken' ? String(summary.seq) : ''}
      data-reason={summary.kind === 'broken' ? summary.reason : ''}
      data-rows={summary.rows}
    >
      <span class="audit-result__icon">
        <Icon name={ok ? 'shield' : 'cross'} size={40} />
      </span>
      <div>
        <p class="audit-result__verdict">
          {summary.kind === 'ok'
            ? t('staff.audit.ok', { count: summary.rows })
            : t('staff.audit.broken', {
                seq: summary.seq,
                reason: t(`staff.audit.reason.${summary.reason}`),
              })}
        </p>
        <p class="audit-result__detail">
          {summary.kind === 'ok' ? t('staff.audit.okHint') : t('staff.audit.brokenHint')}{' '}
          {t('staff.audit.checkedAt', { time: formatDateTime(checkedAt) })}
        </p>
      </div>
      {summary.kind === 'broken' && onShowRow && (
        <button
          type="button"
          class="button button--small button--danger-outline audit-result__show"
          data-testid="audit-show-broken"
          onClick={onShowRow}
        >
          {t('staff.audit.showRow', { seq: summary.seq })}
        </button>
      )}
    </div>
  );
}

/** The audit trail (admin): verify its hash chain, and read its latest rows. */
export function AuditPage() {
  const { t } = useI18n();
  const { api } = useConsole();
  const clock = useClock();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [entriesError, setEntriesError] = useState<AckError | null>(null);
  const [loading, setLoading] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [verdict, setVerdict] = useState<{ summary: VerificationSummary; at: string } | null>(null);
  const [verifyError, setVerifyError] = useState<AckError | null>(null);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const verified = useRef(false);

  const load = useCallback(() => {
    setLoading(true);
    setEntriesError(null);
    api.auditEntries(AUDIT_LIMIT).then(
      (list) => {
        setEntries(sortEntries(list));
        setLoading(false);
      },
      (error: unknown) => {
        setEntriesError(apiAckError(error));
        setLoading(false);
      },
    );
  }, [api]);

  useEffect(load, [load]);

  useEffect(() => {
    // Officers' names read better than their ids; without them the ids still say who.
    api.staffAccounts().then(
      (accounts: StaffAccount[]) => setNames(new Map(accounts.map((a) => [a.id, a.displayName]))),
      () => undefined,
    );
  }, [api]);

  useEffect(() => {
    if (verdict && verified.current) document.getElementById('audit-result')?.focus();
  }, [verdict]);

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      const verification = await api.verifyAudit();
      verified.current = true;
      setVerdict({ summary: verificationSummary(verification), at: clock.now().toISOString() });
    } catch (error) {
      setVerdict(null);
      setVerifyError(apiAckError(error));
    } finally {
      setVerifying(false);
    }
    load();
  };

  const brokenSeq = verdict?.summary.kind === 'broken' ? verdict.summary.seq : null;
  const brokenListed = brokenSeq !== null && (entries ?? []).some((entry) => entry.seq === brokenSeq);
  const showBrokenRow = () => {
    const row = document.getElementById(`audit-row-${brokenSeq}`);
    row?.scrollIntoView({ block: 'center' });
    row?.focus();
  };

  return (
    <section class="page audit" aria-labelledby="page-title">
      <div class="page__head">
        <PageTitle>{t('staff.audit.title')}</PageTitle>
      </div>
      <p class="page__lead">{t('staff.audit.lead')}</p>

      <section class="panel" aria-labelledby="audit-verify-title">
        <div class="panel__head">
          <h2 id="audit-verify-title" class="panel__title">
            {t('staff.audit.verifyTitle')}
          </h2>
          <button
            type="button"
            class="button button--primary button--large"
            data-testid="audit-verify"
            disabled={verifying}
            onClick={() => void verify()}
          >
            {verifying ? t('staff.audit.verifying') : t('staff.audit.verify')}
          </button>
        </div>
        <p class="panel__lead">{t('staff.audit.verifyLead')}</p>
        {verifyError && <ErrorMessage error={verifyError} testId="audit-verify-error" />}
        {verdict && (
          <VerificationResult
            summary={verdict.summary}
            checkedAt={verdict.at}
            onShowRow={brokenListed ? showBrokenRow : undefined}
          />
        )}
      </section>

      <section class="panel audit__entries" aria-labelledby="audit-entries-title">
        <div class="panel__head">
          <h2 id="audit-entries-title" class="panel__title">
            {t('staff.audit.entriesTitle', { limit: AUDIT_LIMIT })}
          </h2>
          <button
            type="button"
            class="button button--small"
            data-testid="audit-reload"
            disabled={loading}
            onClick={load}
          >
            {t('staff.audit.reload')}
          </button>
        </div>
        {entriesError && <ErrorMessage error={entriesError} testId="audit-error" />}
        <TableState
          rows={entries}
          failed={entriesError !== null}
          emptyTestId="audit-empty"
          emptyText={t('staff.audit.empty')}
        >
          {(entries) => (
            <DataTable
              caption={t('staff.audit.entriesTitle', { limit: AUDIT_LIMIT })}
              columns={[
                t('staff.audit.seq'),
                t('staff.audit.at'),
                t('staff.audit.actor'),
                t('staff.audit.action'),
                t('staff.audit.subject'),
                t('staff.audit.consultation'),
                t('staff.audit.details'),
              ]}
              compact
              class="audit-table"
              testId="audit-table"
            >
              {entries.map((entry) => {
                // The first broken row stands out; the ones after it are not vouched for either.
                const broken = entry.seq === brokenSeq;
                const unverified = brokenSeq !== null && entry.seq > brokenSeq;
                const details = detailsText(entry.details);
                return (
                  <tr
                    key={entry.seq}
                    id={`audit-row-${entry.seq}`}
                    tabIndex={broken ? -1 : undefined}
                    class={`row${broken ? ' row--broken' : ''}${unverified ? ' row--unverified' : ''}`}
                    data-testid="audit-row"
                    data-seq={entry.seq}
                    data-action={entry.action}
                    data-actor={entry.actor}
                    data-subject={entry.subject ?? ''}
                    data-broken={String(broken)}
                  >
                    <th scope="row" class="cell-num">
                      {entry.seq}
                      {broken && <span class="marker marker--late">{t('staff.audit.brokenRow')}</span>}
                    </th>
                    <td>
                      <time dateTime={entry.at}>{formatDateTimeSeconds(entry.at)}</time>
                    </td>
                    <td>
                      <ActorCell actor={entry.actor} names={names} />
                    </td>
                    <td>
                      <ActionCell action={entry.action} />
                    </td>
                    <td class="cell-id">
                      <Id id={entry.subject} />
                    </td>
                    <td class="cell-id">
                      <Id id={entry.consultationId} />
                    </td>
                    <td class="audit-details" title={details}>
                      {details || '—'}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </TableState>
      </section>
    </section>
  );
}
