import { errorKey, type AckError, type ErrorCode } from '@madoguchi/shared';

/**
 * A request on the device channel failed. It is an `AckError` too (code, i18n message key,
 * params, fields), so the app shows `t(error.message)` whatever the cause.
 */
export class DeviceRequestError extends Error implements AckError {
  readonly code: ErrorCode;
  readonly params?: Record<string, string | number>;
  readonly fields?: string[];

  constructor(error: AckError) {
    super(error.message);
    this.name = 'DeviceRequestError';
    this.code = error.code;
    if (error.params) this.params = error.params;
    if (error.fields) this.fields = error.fields;
  }

  static of(code: ErrorCode): DeviceRequestError {
    return new DeviceRequestError({ code, message: errorKey(code) });
  }
}

/** Any call on a closed channel. */
export class DeviceChannelClosedError extends Error {
  constructor() {
    super('the device channel is closed');
    this.name = 'DeviceChannelClosedError';
  }
}
