import { OUTCOME_CODES, type OutcomeCode } from '@madoguchi/shared';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export const NOTES_MAX = 2000;

interface EndFormProps {
  /** The call is still on: the button ends it; else it records the outcome of an ended one. */
  live: boolean;
  busy: boolean;
  /** Fields the server refused (PAYLOAD_INVALID). */
  invalidFields: readonly string[];
  onSubmit: (outcome: OutcomeCode, notes: string) => void;
}

function isOutcome(value: string): value is OutcomeCode {
  return (OUTCOME_CODES as readonly string[]).includes(value);
}

/** The outcome code and notes every consultation ends with. */
export function EndForm({ live, busy, invalidFields, onSubmit }: EndFormProps) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const [touched, setTouched] = useState(false);

  const outcomeMissing = !isOutcome(outcome);
  const notesTooLong = notes.length > NOTES_MAX;
  const outcomeInvalid = (touched && outcomeMissing) || invalidFields.includes('outcome');
  const notesInvalid = notesTooLong || invalidFields.includes('notes');

  const submit = (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (outcomeMissing) {
      document.getElementById('end-outcome')?.focus();
      return;
    }
    if (notesTooLong || !isOutcome(outcome)) return;
    onSubmit(outcome, notes);
  };

  return (
    <form class="form call-form" onSubmit={submit} noValidate data-testid="end-form">
      <h3 class="call-form__title">{live ? t('staff.call.endTitle') : t('staff.call.recordTitle')}</h3>
      <div class="field">
        <label class="field__label" for="end-outcome">
          {t('staff.call.outcome')}
        </label>
        <select
          id="end-outcome"
          class="field__input"
          data-testid="end-outcome"
          value={outcome}
          required
          aria-invalid={outcomeInvalid}
          aria-describedby={outcomeInvalid ? 'end-outcome-error' : undefined}
          onChange={(event) => setOutcome(event.currentTarget.value)}
        >
          <option value="">{t('staff.call.outcomeChoose')}</option>
          {OUTCOME_CODES.map((code) => (
            <option key={code} value={code}>
              {t(`counter.outcome.${code}`)}
            </option>
          ))}
        </select>
        {outcomeInvalid && (
          <p id="end-outcome-error" class="field__error" data-testid="end-outcome-error">
            {t('staff.call.outcomeRequired')}
          </p>
        )}
      </div>
      <div class="field">
        <label class="field__label" for="end-notes">
          {t('staff.call.notes')}
        </label>
        <textarea
          id="end-notes"
          class="field__input field__input--area"
          data-testid="end-notes"
          rows={4}
          maxLength={NOTES_MAX}
          value={notes}
          aria-invalid={notesInvalid}
          aria-describedby="end-notes-count"
          onInput={(event) => setNotes(event.currentTarget.value)}
        />
        <p
          id="end-notes-count"
          class={`field__hint${notesInvalid ? ' field__error' : ''}`}
          data-testid="end-notes-count"
        >
          {notesInvalid
            ? t('staff.call.notesTooLong', { max: NOTES_MAX })
            : t('staff.call.notesCount', { count: notes.length, max: NOTES_MAX })}
        </p>
      </div>
      <button
        type="submit"
        class={`button button--wide ${live ? 'button--danger' : 'button--primary'}`}
        data-testid="end-submit"
        disabled={busy}
      >
        {busy ? t('staff.call.saving') : live ? t('staff.call.endSubmit') : t('staff.call.recordSubmit')}
      </button>
    </form>
  );
}
