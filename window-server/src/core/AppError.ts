import { errorKey, type AckError, type ErrorCode } from '@madoguchi/shared';

const HTTP_STATUS: Record<ErrorCode, number> = {
  PAYLOAD_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TENANT_UNKNOWN: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  CSRF_INVALID: 403,
  LOGIN_FAILED: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  DEVICE_NOT_REGISTERED: 409,
  DEVICE_ALREADY_REGISTERED: 409,
  DEVICE_TOKEN_INVALID: 401,
  DEVICE_TOKEN_REVOKED: 401,
  SERVER_UNREACHABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  COUNTER_CLOSED: 409,
  TOPIC_UNKNOWN: 400,
  SLOT_UNAVAILABLE: 400,
  ALREADY_QUEUED: 409,
  NOT_QUEUED: 409,
  QUEUE_EMPTY: 409,
  ENTRY_TAKEN: 409,
  CALL_NOT_FOUND: 404,
  CALL_STATE: 409,
  OFFICER_BUSY: 409,
  STALE_MEDIA: 409,
  MEDIA_FAILED: 500,
  MY_NUMBER_REFUSED: 400,
  CONSENT_REQUIRED: 403,
  NOT_LINKED: 404,
  DIRECTORY_UNAVAILABLE: 503,
  PARTNER_UNAVAILABLE: 503,
  PARTNER_ERROR: 502,
  INSUFFICIENT_FUNDS: 409,
  SLOT_FULL: 409,
  ALREADY_BOOKED: 409,
  SIGN_IN_REQUIRED: 403,
  INTERNAL: 500,
};

/** A failure the caller should hear about, with a stable code. Anything else is INTERNAL. */
export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    readonly params?: Record<string, string | number>,
    readonly fields?: string[],
  ) {
    super(code);
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  toAckError(): AckError {
    const error: AckError = { code: this.code, message: errorKey(this.code) };
    if (this.params) error.params = this.params;
    if (this.fields) error.fields = this.fields;
    return error;
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}
