import { useConsole } from '../context';
import { useI18n } from '../i18n';

/** Whether the page is live: after a drop it says so until the socket is back and re-synced. */
export function LiveStatus() {
  const { t } = useI18n();
  const { live } = useConsole();
  return (
    <p
      class={`live live--${live ? 'on' : 'off'}`}
      role="status"
      data-testid="live-status"
      data-live={String(live)}
    >
      <span class="live__dot" aria-hidden="true" />
      {live ? t('staff.live.connected') : t('staff.live.reconnecting')}
    </p>
  );
}
