import { errorKey, isErrorKey, type AckError } from '@madoguchi/shared';
import type { TranslateParams, Translator } from './i18n';

/** Long enough to tell devices apart on one screen; the full id stays in the row's title. */
export const SHORT_ID_LENGTH = 8;

/** Server ids carry a kind prefix (`dev_`); it says nothing, so it does not count towards the length. */
const ID_PREFIX = /^[a-z]{2,4}_/;

export function shortId(id: string): string {
  const prefix = ID_PREFIX.exec(id)?.[0] ?? '';
  const rest = id.slice(prefix.length);
  return rest.length > SHORT_ID_LENGTH + 1 ? `${prefix}${rest.slice(0, SHORT_ID_LENGTH)}…` : id;
}

/** City offices read times in Japan time whatever the browser's zone. */
const JAPAN_TIME: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};
const DATE_TIME = new Intl.DateTimeFormat('ja-JP', JAPAN_TIME);
const DATE_TIME_SECONDS = new Intl.DateTimeFormat('ja-JP', { ...JAPAN_TIME, second: '2-digit' });

function formatWith(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : format.format(date);
}

/** 2025/04/01 09:05, Japan time. */
export function formatDateTime(iso: string): string {
  return formatWith(DATE_TIME, iso);
}

/** Japan time to the second, for the audit trail: 2025/04/01 09:05:07. */
export function formatDateTimeSeconds(iso: string): string {
  return formatWith(DATE_TIME_SECONDS, iso);
}

/** The documented lock-out length, for a server that forgets to say it. */
const DEFAULT_LOCK_MINUTES = 15;

/** The text to show for an error: the server's message key when we know it, else the code's. */
export function errorText(translator: Pick<Translator, 't' | 'exists'>, error: AckError): string {
  const key =
    isErrorKey(error.message) && translator.exists(error.message) ? error.message : errorKey(error.code);
  const params: TranslateParams = { ...error.params };
  if (error.code === 'ACCOUNT_LOCKED' && params.minutes === undefined) params.minutes = DEFAULT_LOCK_MINUTES;
  return translator.t(key, params);
}
