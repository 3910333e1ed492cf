import type { AckError, OfficerStatus } from '@madoguchi/shared';
import { useState } from 'preact/hooks';
import { useConsole } from '../context';
import { useI18n } from '../i18n';
import { request, toAckError } from '../staffRequest';

interface OfficerStatusSwitchProps {
  status: OfficerStatus | null;
  onError: (error: AckError | null) => void;
}

/** Available officers are offered citizens; away ones are not. In a call the switch waits. */
export function OfficerStatusSwitch({ status, onError }: OfficerStatusSwitchProps) {
  const { t } = useI18n();
  const { socket, live } = useConsole();
  const [pending, setPending] = useState(false);
  const shown = status ?? 'offline';
  const available = shown === 'available';

  const toggle = async () => {
    setPending(true);
    onError(null);
    try {
      await request(socket, 'officer:status', { status: available ? 'away' : 'available' });
    } catch (error) {
      onError(toAckError(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <div class="officer-status">
      <span id="officer-status-label" class="officer-status__label">
        {t('staff.officer.switchLabel')}
      </span>
      <button
        type="button"
        role="switch"
        class={`switch switch--${shown}`}
        aria-checked={available}
        aria-labelledby="officer-status-label officer-status-value"
        data-testid="officer-status"
        data-status={shown}
        disabled={pending || !live || shown === 'inCall'}
        onClick={() => void toggle()}
      >
        <span class="switch__track" aria-hidden="true">
          <span class="switch__thumb" />
        </span>
        <span id="officer-status-value">{t(`staff.officer.status.${shown}`)}</span>
      </button>
    </div>
  );
}
