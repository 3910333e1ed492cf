import type { AckError } from '@madoguchi/shared';
import type { ComponentChildren } from 'preact';
import { errorText } from '../format';
import { useI18n } from '../i18n';

interface ErrorMessageProps {
  error: AckError;
  testId: string;
  /** A sentence that says more than the error code's text (what happened to what). */
  text?: string;
  /** Offers a "load again" button: for a failed load the officer can simply retry. */
  onRetry?: () => void;
  children?: ComponentChildren;
}

/** An error in the page's words, announced at once; the code is there for tests and support. */
export function ErrorMessage({ error, testId, text, onRetry, children }: ErrorMessageProps) {
  const i18n = useI18n();
  return (
    <div class="message message--error" role="alert" data-testid={testId} data-error-code={error.code}>
      <span>{text ?? errorText(i18n, error)}</span>
      {children}
      {onRetry && (
        <button type="button" class="button button--small" onClick={onRetry}>
          {i18n.t('staff.retry')}
        </button>
      )}
    </div>
  );
}
