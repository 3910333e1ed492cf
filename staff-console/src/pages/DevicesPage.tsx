import { roleAtLeast, type AckError, type DeviceSummary } from '@madoguchi/shared';
import { useState } from 'preact/hooks';
import { apiAckError } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DeviceStatusMarker } from '../components/DeviceStatusMarker';
import { useConsole } from '../context';
import { countOnline, deviceStatus } from '../devices';
import { formatDateTime, shortId } from '../format';
import { useI18n } from '../i18n';
import { useDeviceTable } from '../useDeviceTable';
import { PageTitle } from './PageTitle';
import { LiveStatus } from '../components/LiveStatus';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageLoading } from '../components/TableState';

export function DevicesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { api, socket, session } = useConsole();
  const { table, loadError, reload, apply } = useDeviceTable(api, socket);
  const [confirming, setConfirming] = useState<DeviceSummary | undefined>(undefined);
  const [actionError, setActionError] = useState<AckError | undefined>(undefined);
  const mayRevoke = roleAtLeast(session.staff.role, 'supervisor');
  const devices = table.devices;
  const problem = actionError ?? loadError;

  const revoke = async (device: DeviceSummary) => {
    setConfirming(undefined);
    setActionError(undefined);
    try {
      apply({ kind: 'updated', device: await api.revokeDevice(device.id) });
    } catch (error) {
      setActionError(apiAckError(error));
    }
    // The revoke button is gone from a revoked row; the page title keeps the keyboard in place.
    document.getElementById('page-title')?.focus();
  };

  return (
    <section class="page" aria-labelledby="page-title">
      <div class="page__head">
        <PageTitle>{t('staff.devices.title')}</PageTitle>
        <p class="page__count" aria-live="polite" data-testid="devices-count" data-count={devices.length}>
          {t('staff.devices.count', { count: devices.length })}
          <span class="page__count-sub">
            {t('staff.devices.onlineCount', { count: countOnline(devices) })}
          </span>
        </p>
        <LiveStatus />
      </div>

      {problem && (
        <ErrorMessage
          error={problem}
          testId="devices-error"
          onRetry={loadError && !actionError ? reload : undefined}
        />
      )}

      {table.loading ? (
        <PageLoading />
      ) : devices.length === 0 ? (
        <p class="page__empty" data-testid="devices-empty">
          {t('staff.devices.empty')}
        </p>
      ) : (
        <DataTable
          caption={t('staff.devices.title')}
          columns={[
            t('staff.devices.id'),
            t('staff.devices.profile'),
            t('staff.devices.appVersion'),
            t('staff.devices.model'),
            t('staff.devices.lastSeen'),
            t('staff.devices.status'),
            mayRevoke && t('staff.actions'),
          ]}
          testId="devices-table"
        >
          {devices.map((device) => {
            const status = deviceStatus(device);
            return (
              <tr
                key={device.id}
                class={`row row--${status}`}
                data-testid="device-row"
                data-device-id={device.id}
                data-online={String(status === 'online')}
                data-status={status}
              >
                <th scope="row" class="cell-id">
                  <code title={device.id}>{shortId(device.id)}</code>
                </th>
                <td>{device.profile}</td>
                <td>{device.appVersion}</td>
                <td class="cell-model" title={device.model}>
                  {device.model}
                </td>
                <td>
                  <time dateTime={device.lastSeenAt}>{formatDateTime(device.lastSeenAt)}</time>
                </td>
                <td>
                  <DeviceStatusMarker status={status} />
                </td>
                {mayRevoke && (
                  <td>
                    {!device.revoked && (
                      <button
                        type="button"
                        class="button button--small button--danger-outline"
                        data-testid="device-revoke"
                        aria-label={`${t('staff.devices.revoke')} ${shortId(device.id)}`}
                        onClick={() => setConfirming(device)}
                      >
                        {t('staff.devices.revoke')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </DataTable>
      )}

      {confirming && (
        <ConfirmDialog
          title={t('staff.devices.revokeTitle')}
          confirmLabel={t('staff.devices.revoke')}
          onConfirm={() => void revoke(confirming)}
          onCancel={() => setConfirming(undefined)}
        >
          <p>{t('staff.devices.revokeConfirm')}</p>
          <dl class="dialog__facts">
            <dt>{t('staff.devices.id')}</dt>
            <dd>
              <code>{confirming.id}</code>
            </dd>
            <dt>{t('staff.devices.model')}</dt>
            <dd>{confirming.model}</dd>
          </dl>
        </ConfirmDialog>
      )}
    </section>
  );
}
