import { staffAccountCreateSchema, type StaffAccountCreate, type StaffRole } from '@madoguchi/shared';
import type { ApiError } from './api';

export const ACCOUNT_FIELDS = ['loginId', 'displayName', 'role', 'password'] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

export interface AccountFormValues {
  loginId: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

/** i18n keys of the message under each field that needs one. */
export type AccountFieldErrors = Partial<Record<AccountField, string>>;

export const emptyAccountForm: AccountFormValues = {
  loginId: '',
  displayName: '',
  role: 'staff',
  password: '',
};

function isAccountField(value: unknown): value is AccountField {
  return typeof value === 'string' && (ACCOUNT_FIELDS as readonly string[]).includes(value);
}

function invalidKey(field: AccountField): string {
  return `staff.accounts.fieldInvalid.${field}`;
}

/** Checks the form with the server's own schema, so both sides agree on what is valid. */
export function validateAccountForm(
  values: AccountFormValues,
): { ok: true; account: StaffAccountCreate } | { ok: false; fieldErrors: AccountFieldErrors } {
  const parsed = staffAccountCreateSchema.safeParse({ ...values, loginId: values.loginId.trim() });
  if (parsed.success) return { ok: true, account: parsed.data };
  const fieldErrors: AccountFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isAccountField(field)) fieldErrors[field] = invalidKey(field);
  }
  return { ok: false, fieldErrors };
}

/**
 * Field messages for a refused create: CONFLICT means the login id is taken; PAYLOAD_INVALID
 * names the wrong fields. Anything else (or unknown fields) is shown above the form instead.
 */
export function accountFieldErrorsFromApi(error: Pick<ApiError, 'code' | 'fields'>): AccountFieldErrors {
  if (error.code === 'CONFLICT') return { loginId: 'staff.accounts.loginIdTaken' };
  if (error.code !== 'PAYLOAD_INVALID') return {};
  const fieldErrors: AccountFieldErrors = {};
  for (const path of error.fields) {
    const field = path.split('.')[0];
    if (isAccountField(field)) fieldErrors[field] = invalidKey(field);
  }
  return fieldErrors;
}
