import type { AckError, StaffAccount } from '@madoguchi/shared';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { apiAckError } from '../api';
import { useConsole } from '../context';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { AccountForm } from './AccountForm';
import { PageTitle } from './PageTitle';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageLoading } from '../components/TableState';

/** Newest first, as a just-created account is the one the admin looks for. */
function sortAccounts(accounts: readonly StaffAccount[]): StaffAccount[] {
  return [...accounts].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || a.loginId.localeCompare(b.loginId),
  );
}

type Announcement = { key: string; name: string } | undefined;

export function AccountsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { api, session } = useConsole();
  const [accounts, setAccounts] = useState<StaffAccount[] | undefined>(undefined);
  const [problem, setProblem] = useState<AckError | undefined>(undefined);
  const [busyId, setBusyId] = useState<string | undefined>(undefined);
  const [announcement, setAnnouncement] = useState<Announcement>(undefined);

  const load = useCallback(() => {
    setProblem(undefined);
    api.staffAccounts().then(
      (list) => setAccounts(sortAccounts(list)),
      (error: unknown) => setProblem(apiAckError(error)),
    );
  }, [api]);

  useEffect(load, [load]);

  const replace = (account: StaffAccount) =>
    setAccounts((current) => sortAccounts([...(current ?? []).filter((a) => a.id !== account.id), account]));

  const toggle = async (account: StaffAccount) => {
    setBusyId(account.id);
    setProblem(undefined);
    setAnnouncement(undefined);
    try {
      const updated = await api.updateStaffAccount(account.id, { disabled: !account.disabled });
      replace(updated);
      const key = updated.disabled ? 'staff.accounts.nowDisabled' : 'staff.accounts.nowActive';
      setAnnouncement({ key, name: updated.displayName });
    } catch (error) {
      setProblem(apiAckError(error));
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <section class="page" aria-labelledby="page-title">
      <div class="page__head">
        <PageTitle>{t('staff.accounts.title')}</PageTitle>
      </div>
      <div class="accounts">
        <AccountForm
          onCreated={(account) => {
            replace(account);
            setAnnouncement(undefined);
          }}
        />
        <section class="panel accounts__list" aria-labelledby="accounts-list-title">
          <h2 id="accounts-list-title" class="panel__title">
            {t('staff.accounts.list')}
          </h2>
          <p class="announcement" role="status" data-testid="account-status">
            {announcement ? t(announcement.key, { name: announcement.name }) : ''}
          </p>
          {problem && (
            <ErrorMessage
              error={problem}
              testId="accounts-error"
              onRetry={accounts === undefined ? load : undefined}
            />
          )}
          {accounts === undefined ? (
            !problem && <PageLoading />
          ) : (
            <DataTable
              caption={t('staff.accounts.list')}
              columns={[
                t('staff.accounts.displayName'),
                t('staff.accounts.loginId'),
                t('staff.accounts.role'),
                t('staff.accounts.status'),
                t('staff.accounts.createdAt'),
                t('staff.actions'),
              ]}
              testId="accounts-table"
            >
              {accounts.map((account) => {
                const self = account.id === session.staff.id;
                return (
                  <tr
                    key={account.id}
                    class={account.disabled ? 'row row--disabled' : 'row'}
                    data-testid="account-row"
                    data-account-id={account.id}
                    data-login-id={account.loginId}
                    data-disabled={String(account.disabled)}
                  >
                    <th scope="row">
                      {account.displayName}
                      {self && <span class="tag">{t('staff.accounts.you')}</span>}
                    </th>
                    <td>
                      <code>{account.loginId}</code>
                    </td>
                    <td>{t(`staff.role.${account.role}`)}</td>
                    <td>
                      <span class={`state state--${account.disabled ? 'disabled' : 'active'}`}>
                        {account.disabled ? t('staff.accounts.disabled') : t('staff.accounts.active')}
                      </span>
                    </td>
                    <td>
                      <time dateTime={account.createdAt}>{formatDateTime(account.createdAt)}</time>
                    </td>
                    <td>
                      {/* Disabling yourself would end this very session: leave that to another admin. */}
                      {!self && (
                        <button
                          type="button"
                          class={`button button--small ${account.disabled ? '' : 'button--danger-outline'}`}
                          data-testid="account-toggle"
                          disabled={busyId === account.id}
                          aria-label={`${account.disabled ? t('staff.accounts.enable') : t('staff.accounts.disable')}: ${account.displayName}`}
                          onClick={() => void toggle(account)}
                        >
                          {account.disabled ? t('staff.accounts.enable') : t('staff.accounts.disable')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </section>
      </div>
    </section>
  );
}
