import { errorKey, type AckError, type ErrorCode } from '@madoguchi/shared';

/** An error with its code's own message key (`errorKey`), for failures the console names itself. */
export function ackErrorOf(code: ErrorCode): AckError {
  return { code, message: errorKey(code) };
}
