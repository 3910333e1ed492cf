import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  children: ComponentChildren;
  /** `danger` for what cannot be undone (the default); `primary` for a deliberate, audited step. */
  tone?: 'danger' | 'primary';
  confirmTestId?: string;
  /** While the answer is awaited, both buttons wait too. */
  busy?: boolean;
}

/**
 * A modal built on <dialog>: the browser traps focus, Escape cancels and focus goes back to
 * the button that opened it. Cancel has the first focus, so Enter never destroys by accident.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
  tone = 'danger',
  confirmTestId = 'confirm-ok',
  busy = false,
}: ConfirmDialogProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return undefined;
    if (!element.open) element.showModal();
    cancelButton.current?.focus();
    return () => {
      if (element.open) element.close();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      class={`dialog dialog--${tone}`}
      aria-labelledby="confirm-dialog-title"
      aria-describedby="confirm-dialog-body"
      data-testid="confirm-dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id="confirm-dialog-title" class="dialog__title">
        {title}
      </h2>
      <div id="confirm-dialog-body" class="dialog__body">
        {children}
      </div>
      <div class="dialog__actions">
        <button
          ref={cancelButton}
          type="button"
          class="button"
          data-testid="confirm-cancel"
          disabled={busy}
          onClick={onCancel}
        >
          {t('staff.cancel')}
        </button>
        <button
          type="button"
          class={`button button--${tone}`}
          data-testid={confirmTestId}
          disabled={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
