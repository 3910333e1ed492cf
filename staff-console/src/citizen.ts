import {
  CONSENT_PURPOSES,
  IDENTITY_CHECKS,
  type AckError,
  type AssistedLink,
  type CitizenPanel,
  type CitizenSearch,
  type ConsentPurpose,
  type ConsentState,
  type IdentityCheck,
} from '@madoguchi/shared';
import { errorText } from './format';
import type { Translator } from './i18n';
import { isIsoDate } from './kpi';

// ── consent: what the officer may see ──────────────────────────────────────────────────────

export type ConsentBadgeState = 'granted' | 'refused' | 'undecided';

export interface ConsentBadge {
  purpose: ConsentPurpose;
  granted: boolean;
  /** `refused` was decided by the citizen; `undecided` was never asked (neither is granted). */
  state: ConsentBadgeState;
  updatedAt: string | null;
}

/**
 * One badge per purpose, always in the same order, so the same badge sits in the same place on
 * every card. A purpose the server did not mention is not granted.
 */
export function consentBadges(consents: readonly ConsentState[]): ConsentBadge[] {
  return CONSENT_PURPOSES.map((purpose) => {
    const consent = consents.find((c) => c.purpose === purpose);
    const granted = consent?.granted === true;
    const updatedAt = consent?.updatedAt ?? null;
    return { purpose, granted, state: granted ? 'granted' : updatedAt ? 'refused' : 'undecided', updatedAt };
  });
}

export function hasConsent(consents: readonly ConsentState[], purpose: ConsentPurpose): boolean {
  return consents.some((c) => c.purpose === purpose && c.granted);
}

/**
 * The profile to show, or null. Shown only when the server sent it AND the citizen's `profile`
 * consent says so: a profile sent against a refused consent is not shown either.
 */
export function visibleProfile(citizen: CitizenPanel): CitizenPanel['profile'] {
  return citizen.profile && hasConsent(citizen.consents, 'profile') ? citizen.profile : null;
}

// ── the officer's identity check before an assisted link ───────────────────────────────────

export type IdentityChecks = Record<IdentityCheck, boolean>;

/** What must be confirmed on the call before a TV may be linked; the photo ID is optional. */
export const REQUIRED_CHECKS: readonly IdentityCheck[] = ['name', 'birthDate', 'address'];

export function isRequiredCheck(check: IdentityCheck): boolean {
  return REQUIRED_CHECKS.includes(check);
}

export const NO_CHECKS: IdentityChecks = Object.fromEntries(IDENTITY_CHECKS.map((c) => [c, false])) as Record<
  IdentityCheck,
  boolean
>;

export function missingChecks(checks: IdentityChecks): IdentityCheck[] {
  return REQUIRED_CHECKS.filter((check) => !checks[check]);
}

/** The checks in the shape `citizen:link` accepts, or null while a required one is missing. */
export function linkChecks(checks: IdentityChecks): AssistedLink['checks'] | null {
  if (!checks.name || !checks.birthDate || !checks.address) return null;
  return { name: true, birthDate: true, address: true, photoId: checks.photoId };
}

// ── birth dates as citizens say them ───────────────────────────────────────────────────────

interface Era {
  name: string;
  letter: string;
  /** The first day of the era (Gregorian). */
  start: string;
}

/** Newest first. Meiji counts from 1868-01-01, as Japanese records do. */
const ERAS: readonly Era[] = [
  { name: '令和', letter: 'R', start: '2019-05-01' },
  { name: '平成', letter: 'H', start: '1989-01-08' },
  { name: '昭和', letter: 'S', start: '1926-12-25' },
  { name: '大正', letter: 'T', start: '1912-07-30' },
  { name: '明治', letter: 'M', start: '1868-01-01' },
];

function eraByName(token: string): Era | undefined {
  const upper = token.toUpperCase();
  return ERAS.find((era) => era.name === token || era.letter === upper);
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const WESTERN = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const JAPANESE = /^(令和|平成|昭和|大正|明治|[RHSTMrhstm])(\d{1,2}|元)[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

/**
 * A birth date as an officer types what the citizen says: 1985-04-01, 1985/4/1, 19850401,
 * 1985年4月1日, 昭和60年4月1日, S60.4.1, 平成元年1月8日 (full-width digits too). Returns
 * YYYY-MM-DD, or null when it is not a real day in the past (or not in the era named).
 */
export function parseBirthDate(text: string, today?: string): string | null {
  const input = text.normalize('NFKC').replace(/\s+/g, '');
  let date: string;
  const western = WESTERN.exec(input) ?? COMPACT.exec(input);
  if (western) {
    date = iso(Number(western[1]), Number(western[2]), Number(western[3]));
  } else {
    const japanese = JAPANESE.exec(input);
    const era = japanese ? eraByName(japanese[1] ?? '') : undefined;
    if (!japanese || !era) return null;
    const eraYear = japanese[2] === '元' ? 1 : Number(japanese[2]);
    if (eraYear < 1) return null;
    date = iso(Number(era.start.slice(0, 4)) + eraYear - 1, Number(japanese[3]), Number(japanese[4]));
    const next = ERAS[ERAS.indexOf(era) - 1];
    if (date < era.start || (next && date >= next.start)) return null;
  }
  if (!isIsoDate(date)) return null;
  if (today && date > today) return null;
  return date;
}

/** 1985-04-01 → 昭和60年 (元年 for the first year); '' for a day before Meiji or a broken date. */
export function japaneseEraYear(date: string): string {
  if (!isIsoDate(date)) return '';
  const era = ERAS.find((e) => date >= e.start);
  if (!era) return '';
  const year = Number(date.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${year === 1 ? '元' : year}年`;
}

/** Full years on `today` (both YYYY-MM-DD); null for a broken date. */
export function ageOn(birthDate: string, today: string): number | null {
  if (!isIsoDate(birthDate) || !isIsoDate(today) || birthDate > today) return null;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** 1985-04-01 → 1985/04/01, the way the console writes days. */
export function formatBirthDate(date: string): string {
  return isIsoDate(date) ? date.replaceAll('-', '/') : date || '—';
}

// ── the directory search form ──────────────────────────────────────────────────────────────

export const SEARCH_NAME_MAX = 100;

export type SearchProblem = 'nameMissing' | 'nameTooLong' | 'birthDateInvalid';

export type SearchForm = { ok: true; payload: CitizenSearch } | { ok: false; problems: SearchProblem[] };

/** The `citizen:search` payload for what the officer typed, or what is wrong with it. */
export function searchPayload(
  consultationId: string,
  name: string,
  birthDateText: string,
  today?: string,
): SearchForm {
  const problems: SearchProblem[] = [];
  const trimmed = name.trim();
  if (trimmed.length === 0) problems.push('nameMissing');
  else if (trimmed.length > SEARCH_NAME_MAX) problems.push('nameTooLong');
  const birthDate = birthDateText.trim() === '' ? undefined : parseBirthDate(birthDateText, today);
  if (birthDate === null) problems.push('birthDateInvalid');
  if (problems.length > 0) return { ok: false, problems };
  const payload: CitizenSearch = { consultationId, name: trimmed };
  if (birthDate) payload.birthDate = birthDate;
  return { ok: true, payload };
}

// ── what went wrong, in the officer's words ────────────────────────────────────────────────

export type AssistAttempt = 'search' | 'link';

/** The error in words that say what happened to the officer's step, when the code alone would not. */
export function assistProblemText(
  translator: Pick<Translator, 't' | 'exists'>,
  error: AckError,
  attempt: AssistAttempt,
): string {
  if (attempt === 'link') {
    if (error.code === 'NOT_FOUND') return translator.t('staff.assist.notFound');
    if (error.code === 'CONFLICT') return translator.t('staff.assist.conflict');
    if (error.code === 'PAYLOAD_INVALID' && error.fields?.some((field) => field.startsWith('checks')))
      return translator.t('staff.assist.checksRefused');
  }
  const lead = attempt === 'search' ? 'staff.assist.searchFailed' : 'staff.assist.linkFailed';
  return `${translator.t(lead)} ${errorText(translator, error)}`;
}
