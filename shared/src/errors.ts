/**
 * Stable error codes. Clients branch on the code; the message is an i18n key (`errors.<CODE>`)
 * so every side can show it in the viewer's language.
 */
export const ERROR_CODES = [
  'PAYLOAD_INVALID',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'TENANT_UNKNOWN',
  'CONFLICT',
  'RATE_LIMITED',
  'CSRF_INVALID',
  'LOGIN_FAILED',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'DEVICE_NOT_REGISTERED',
  'DEVICE_ALREADY_REGISTERED',
  'DEVICE_TOKEN_INVALID',
  'DEVICE_TOKEN_REVOKED',
  'SERVER_UNREACHABLE',
  'DATABASE_UNAVAILABLE',
  'COUNTER_CLOSED',
  'TOPIC_UNKNOWN',
  'SLOT_UNAVAILABLE',
  'ALREADY_QUEUED',
  'NOT_QUEUED',
  'QUEUE_EMPTY',
  'ENTRY_TAKEN',
  'CALL_NOT_FOUND',
  'CALL_STATE',
  'OFFICER_BUSY',
  'STALE_MEDIA',
  'MEDIA_FAILED',
  'MY_NUMBER_REFUSED',
  'CONSENT_REQUIRED',
  'NOT_LINKED',
  'DIRECTORY_UNAVAILABLE',
  'PARTNER_UNAVAILABLE',
  'PARTNER_ERROR',
  'INSUFFICIENT_FUNDS',
  'SLOT_FULL',
  'ALREADY_BOOKED',
  'SIGN_IN_REQUIRED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
  code: ErrorCode;
  /** i18n key, `errors.<code>` unless a more specific key applies. */
  message: string;
  /** Values for the message's placeholders, e.g. `{ minutes: 15 }`. */
  params?: Record<string, string | number>;
  /** For PAYLOAD_INVALID: which fields were wrong (paths joined with dots). */
  fields?: string[];
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export type AckCallback<T> = (result: Ack<T>) => void;

export function okAck<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/** The i18n key of an error code's message: the one place that spells `errors.<CODE>`. */
export function errorKey(code: ErrorCode): `errors.${ErrorCode}` {
  return `errors.${code}`;
}

/** True when `text` is an error message key (`errors.…`) rather than words. */
export function isErrorKey(text: unknown): text is string {
  return typeof text === 'string' && text.startsWith('errors.');
}

export function errorAck(code: ErrorCode, fields?: string[]): { ok: false; error: AckError } {
  const error: AckError = { code, message: errorKey(code) };
  if (fields && fields.length > 0) error.fields = fields;
  return { ok: false, error };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Body of every HTTP error response. */
export interface HttpErrorBody {
  error: AckError;
}
