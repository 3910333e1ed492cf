import type { AckError } from '@madoguchi/shared';
import { useI18n } from '../i18n';
import { serviceProblemText, type ServiceName } from '../services/problems';

interface ServiceProblemProps {
  error: AckError;
  service: ServiceName;
  /** What failed, before the reason ("The booking failed."). */
  lead?: string;
  onRetry?: () => void;
  /** A retry is already on its way. */
  busy?: boolean;
}

/** A service's error where it happened, with a retry; the rest of the panel goes on working. */
export function ServiceProblem({ error, service, lead, onRetry, busy = false }: ServiceProblemProps) {
  const i18n = useI18n();
  return (
    <div
      class="message message--error service-problem"
      role="alert"
      data-testid="service-error"
      data-error-code={error.code}
      data-service={service}
    >
      <span>{serviceProblemText(i18n, error, service, lead)}</span>
      {onRetry && (
        <button
          type="button"
          class="button button--small"
          data-testid="service-retry"
          disabled={busy}
          onClick={onRetry}
        >
          {i18n.t('staff.services.retry')}
        </button>
      )}
    </div>
  );
}
