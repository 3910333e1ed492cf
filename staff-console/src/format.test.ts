import { beforeAll, describe, expect, it } from 'vitest';
import { errorText, formatDateTime, formatDateTimeSeconds, shortId } from './format';
import { createTranslators, type ConsoleLanguage, type Translator } from './i18n';

let translators: Record<ConsoleLanguage, Translator>;
beforeAll(async () => {
  translators = await createTranslators();
});

describe('shortId', () => {
  it('shortens long ids and leaves short ones alone', () => {
    expect(shortId('0f8e2c4a-1b2c-4d5e-8f90-1234567890ab')).toBe('0f8e2c4a…');
    expect(shortId('dev-1')).toBe('dev-1');
    expect(shortId('123456789')).toBe('123456789');
    expect(shortId('dev_I5Mo18Wny0fiZ20j')).toBe('dev_I5Mo18Wn…');
    expect(shortId('dev_abc')).toBe('dev_abc');
  });
});

describe('formatDateTime', () => {
  it('shows Japan time in the Japanese numeric format, whatever the zone of the string', () => {
    expect(formatDateTime('2025-03-31T15:05:09.000Z')).toBe('2025/04/01 00:05');
    expect(formatDateTime('2025-12-01T09:30:00+09:00')).toBe('2025/12/01 09:30');
  });

  it('does not print "Invalid Date"', () => {
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDateTimeSeconds('not a date')).toBe('—');
  });

  it('gives the audit trail the second, in Japan time', () => {
    expect(formatDateTimeSeconds('2025-03-31T15:05:09.000Z')).toBe('2025/04/01 00:05:09');
  });
});

describe('errorText', () => {
  it('puts the lock-out minutes into the message', () => {
    const error = {
      code: 'ACCOUNT_LOCKED',
      message: 'errors.ACCOUNT_LOCKED',
      params: { minutes: 12 },
    } as const;
    expect(errorText(translators.ja, error)).toBe(
      'ログインに 何度も 失敗したため、12分間 ロックしています。',
    );
    expect(errorText(translators.en, error)).toBe(
      'Too many failed sign-ins: this account is locked for 12 minutes.',
    );
  });

  it('uses the documented 15 minutes when the server does not say', () => {
    expect(errorText(translators.en, { code: 'ACCOUNT_LOCKED', message: 'errors.ACCOUNT_LOCKED' })).toContain(
      '15 minutes',
    );
  });

  it('falls back to the code when the message key is unknown', () => {
    expect(errorText(translators.ja, { code: 'LOGIN_FAILED', message: 'errors.NO_SUCH_KEY' })).toBe(
      'ログインIDか パスワードが 違います。',
    );
    expect(errorText(translators.en, { code: 'ACCOUNT_DISABLED', message: 'errors.ACCOUNT_DISABLED' })).toBe(
      'This account is disabled. Please contact an administrator.',
    );
  });
});
