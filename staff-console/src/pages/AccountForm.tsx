import { STAFF_ROLES, type AckError, type StaffAccount, type StaffRole } from '@madoguchi/shared';
import { useRef, useState } from 'preact/hooks';
import {
  ACCOUNT_FIELDS,
  accountFieldErrorsFromApi,
  emptyAccountForm,
  validateAccountForm,
  type AccountField,
  type AccountFieldErrors,
  type AccountFormValues,
} from '../accountForm';
import { ApiError } from '../api';
import { useConsole } from '../context';
import { ackErrorOf } from '../errors';
import { useI18n } from '../i18n';
import { ErrorMessage } from '../components/ErrorMessage';

const FIELD_TEST_ID: Record<AccountField, string> = {
  loginId: 'account-login-id',
  displayName: 'account-display-name',
  role: 'account-role',
  password: 'account-password',
};

interface AccountFormProps {
  onCreated: (account: StaffAccount) => void;
}

export function AccountForm({ onCreated }: AccountFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useConsole();
  const [values, setValues] = useState<AccountFormValues>(emptyAccountForm);
  const [fieldErrors, setFieldErrors] = useState<AccountFieldErrors>({});
  const [formError, setFormError] = useState<AckError | undefined>(undefined);
  const [created, setCreated] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const set = (field: AccountField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setCreated(false);
  };

  const focusFirstInvalid = (errors: AccountFieldErrors) => {
    const first = ACCOUNT_FIELDS.find((field) => errors[field]);
    if (first) form.current?.querySelector<HTMLElement>(`#${FIELD_TEST_ID[first]}`)?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    setCreated(false);
    setFormError(undefined);
    const checked = validateAccountForm(values);
    if (!checked.ok) {
      setFieldErrors(checked.fieldErrors);
      focusFirstInvalid(checked.fieldErrors);
      return;
    }
    setFieldErrors({});
    setSubmitting(true);
    try {
      const account = await api.createStaffAccount(checked.account);
      setValues(emptyAccountForm);
      setCreated(true);
      onCreated(account);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, ackErrorOf('INTERNAL'));
      const errors = accountFieldErrorsFromApi(apiError);
      setFieldErrors(errors);
      if (Object.keys(errors).length === 0) setFormError(apiError.toAckError());
      focusFirstInvalid(errors);
    } finally {
      setSubmitting(false);
    }
  };

  const describedBy = (field: AccountField, hint?: string) =>
    [hint, fieldErrors[field] ? `${FIELD_TEST_ID[field]}-error` : undefined].filter(Boolean).join(' ') ||
    undefined;

  const fieldError = (field: AccountField) =>
    fieldErrors[field] && (
      <p
        id={`${FIELD_TEST_ID[field]}-error`}
        class="field__error"
        data-testid={`${FIELD_TEST_ID[field]}-error`}
      >
        {t(fieldErrors[field])}
      </p>
    );

  const textField = (field: Exclude<AccountField, 'role'>, label: string, extra: Record<string, unknown>) => (
    <div class="field">
      <label for={FIELD_TEST_ID[field]} class="field__label">
        {label}
      </label>
      {field === 'loginId' && (
        <p id="account-login-id-hint" class="field__hint">
          {t('staff.accounts.loginIdHint')}
        </p>
      )}
      <input
        id={FIELD_TEST_ID[field]}
        name={field}
        class="field__input"
        value={values[field]}
        aria-invalid={Boolean(fieldErrors[field])}
        aria-describedby={describedBy(field, field === 'loginId' ? 'account-login-id-hint' : undefined)}
        data-testid={FIELD_TEST_ID[field]}
        onInput={(event) => set(field, event.currentTarget.value)}
        {...extra}
      />
      {fieldError(field)}
    </div>
  );

  return (
    <section class="panel accounts__create" aria-labelledby="account-form-title">
      <h2 id="account-form-title" class="panel__title">
        {t('staff.accounts.create')}
      </h2>
      <div class="message-slot message-slot--inline" role="status">
        {created && (
          <p class="message message--success" data-testid="account-created">
            {t('staff.accounts.created')}
          </p>
        )}
      </div>
      {formError && <ErrorMessage error={formError} testId="account-form-error" />}
      <form ref={form} class="form" data-testid="account-form" noValidate onSubmit={submit}>
        {textField('loginId', t('staff.accounts.loginId'), {
          type: 'text',
          autocomplete: 'off',
          autocapitalize: 'none',
          spellcheck: false,
          maxLength: 64,
        })}
        {textField('displayName', t('staff.accounts.displayName'), {
          type: 'text',
          autocomplete: 'off',
          maxLength: 100,
        })}
        <div class="field">
          <label for={FIELD_TEST_ID.role} class="field__label">
            {t('staff.accounts.role')}
          </label>
          <select
            id={FIELD_TEST_ID.role}
            name="role"
            class="field__input"
            value={values.role}
            aria-invalid={Boolean(fieldErrors.role)}
            aria-describedby={describedBy('role')}
            data-testid={FIELD_TEST_ID.role}
            onChange={(event) => set('role', event.currentTarget.value as StaffRole)}
          >
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`staff.role.${role}`)}
              </option>
            ))}
          </select>
          {fieldError('role')}
        </div>
        {textField('password', t('staff.accounts.password'), {
          type: 'password',
          autocomplete: 'new-password',
          maxLength: 256,
        })}
        <button
          type="submit"
          class="button button--primary button--wide"
          disabled={submitting}
          aria-busy={submitting}
          data-testid="account-submit"
        >
          {submitting ? t('staff.accounts.creating') : t('staff.accounts.create')}
        </button>
      </form>
    </section>
  );
}
