import { errorKey, OUTCOME_CODES, type OutcomeCode } from '@madoguchi/shared';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { NOTES_MAX, notesProblem } from '../notes';

interface EndFormProps {
  /** The call is still on: the button ends it; else it records the outcome of an ended one. */
  live: boolean;
  busy: boolean;
  /** Fields the server refused (PAYLOAD_INVALID). */
  invalidFields: readonly string[];
  /** The server refused the notes sent: they hold a My Number (MY_NUMBER_REFUSED). */
  notesRefused: boolean;
  onSubmit: (outcome: OutcomeCode, notes: string) => void;
}

function isOutcome(value: string): value is OutcomeCode {
  return (OUTCOME_CODES as readonly string[]).includes(value);
}

/** The outcome code and notes every consultation ends with. */
export function EndForm({ live, busy, invalidFields, notesRefused, onSubmit }: EndFormProps) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  const outcomeMissing = !isOutcome(outcome);
  const outcomeInvalid = (touched && outcomeMissing) || invalidFields.includes('outcome');
  const problem = notesProblem(notes, {
    refused: notesRefused,
    sent,
    invalidField: invalidFields.includes('notes'),
  });
  const myNumber = problem === 'myNumber';

  useEffect(() => {
    // The server refused the notes: the officer's next move is to edit them.
    if (notesRefused) document.getElementById('end-notes')?.focus();
  }, [notesRefused]);

  const submit = (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (outcomeMissing) {
      document.getElementById('end-outcome')?.focus();
      return;
    }
    if (myNumber) {
      // Never sent: the officer removes the number first.
      document.getElementById('end-notes')?.focus();
      return;
    }
    if (problem === 'tooLong' || !isOutcome(outcome)) return;
    setSent(notes);
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
          aria-invalid={problem !== null}
          aria-describedby={myNumber ? 'end-notes-error end-notes-count' : 'end-notes-count'}
          onInput={(event) => setNotes(event.currentTarget.value)}
        />
        {myNumber && (
          <p
            id="end-notes-error"
            class="field__error field__error--block"
            role="alert"
            data-testid="end-notes-error"
            data-error-code="MY_NUMBER_REFUSED"
          >
            {t(errorKey('MY_NUMBER_REFUSED'))}
          </p>
        )}
        <p
          id="end-notes-count"
          class={`field__hint${problem === 'tooLong' || problem === 'invalid' ? ' field__error' : ''}`}
          data-testid="end-notes-count"
        >
          {problem === 'tooLong' || problem === 'invalid'
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
