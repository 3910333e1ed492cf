import { AppError } from '../core/AppError.js';

/** A database URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable URL)';
  }
}

// Errors that mean the database could not be reached or was going away, not that the request
// was wrong: PostgreSQL's connection and shutdown classes, node's socket errors, pg's own
// messages, and SQLite's busy file.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57014', // query_canceled (statement timeout)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'SQLITE_BUSY',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
];

/** True when `error` says the database is unavailable (so the request may be tried again). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.includes(text));
}

/**
 * The error a caller hears for a failure below the application: DATABASE_UNAVAILABLE when the
 * database is away, else the error itself (AppErrors pass through; anything else is INTERNAL to
 * whoever answers).
 */
export function asRequestError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  return isDatabaseUnavailable(error) ? new AppError('DATABASE_UNAVAILABLE') : error;
}

/**
 * The unique indexes a store relies on to settle a race, as each engine names them: PostgreSQL by
 * the index's name, SQLite by its columns.
 */
const UNIQUE_INDEXES = {
  queue_entries_one_open_per_device: 'queue_entries.device_id',
  consultations_one_open_per_staff: 'consultations.staff_id',
  staff_accounts_tenant_id_login_id_key: 'staff_accounts.tenant_id, staff_accounts.login_id',
  citizens_tenant_id_issuer_subject_key: 'citizens.tenant_id, citizens.issuer, citizens.subject',
  devices_token_hash_key: 'devices.token_hash',
} as const;
export type UniqueIndex = keyof typeof UNIQUE_INDEXES;

/** True when `error` is a unique violation of `index` (on either engine). */
export function violatesUnique(error: unknown, index: UniqueIndex): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === '23505') return constraint === index;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof message === 'string' &&
    message.endsWith(`UNIQUE constraint failed: ${UNIQUE_INDEXES[index]}`)
  );
}
