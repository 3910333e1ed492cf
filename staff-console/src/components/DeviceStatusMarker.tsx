import type { DeviceStatus } from '../devices';
import { useI18n } from '../i18n';

/** Colour is never the only signal: every state has its word, and revoked has its own shape. */
export function DeviceStatusMarker({ status }: { status: DeviceStatus }) {
  const { t } = useI18n();
  return (
    <span class={`status status--${status}`} data-testid="device-status">
      <span class="status__dot" aria-hidden="true" />
      {t(`staff.devices.${status}`)}
    </span>
  );
}
