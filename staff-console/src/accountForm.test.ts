import { describe, expect, it } from 'vitest';
import { accountFieldErrorsFromApi, validateAccountForm } from './accountForm';

describe('validateAccountForm', () => {
  it('accepts a valid account and trims the login id', () => {
    const result = validateAccountForm({
      loginId: ' tanaka.h ',
      displayName: '田中 花子',
      role: 'supervisor',
      password: 'correct horse battery',
    });
    expect(result).toEqual({
      ok: true,
      account: {
        loginId: 'tanaka.h',
        displayName: '田中 花子',
        role: 'supervisor',
        password: 'correct horse battery',
        language: 'ja',
      },
    });
  });

  it('names every wrong field with its message key', () => {
    const result = validateAccountForm({
      loginId: 'Tanaka!',
      displayName: '  ',
      role: 'staff',
      password: 'short',
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        loginId: 'staff.accounts.fieldInvalid.loginId',
        displayName: 'staff.accounts.fieldInvalid.displayName',
        password: 'staff.accounts.fieldInvalid.password',
      },
    });
  });
});

describe('accountFieldErrorsFromApi', () => {
  it('shows CONFLICT as "login id taken" on the login id', () => {
    expect(accountFieldErrorsFromApi({ code: 'CONFLICT', fields: [] })).toEqual({
      loginId: 'staff.accounts.loginIdTaken',
    });
  });

  it('maps PAYLOAD_INVALID fields and ignores ones the form does not have', () => {
    expect(
      accountFieldErrorsFromApi({ code: 'PAYLOAD_INVALID', fields: ['password', 'language', 'role.x'] }),
    ).toEqual({ password: 'staff.accounts.fieldInvalid.password', role: 'staff.accounts.fieldInvalid.role' });
  });

  it('leaves other errors to the form-level message', () => {
    expect(accountFieldErrorsFromApi({ code: 'FORBIDDEN', fields: [] })).toEqual({});
  });
});
