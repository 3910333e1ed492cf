import type {
  CityConfigView,
  CityPartnerView,
  CityWeeklyHours,
  PartnerHealth,
  SecretReferenceView,
} from '@madoguchi/shared';
import type { TranslateParams } from './i18n';

/** Monday first, as a Japanese office's week is written. */
export const WEEKDAYS = [
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
] as const satisfies readonly (keyof CityWeeklyHours)[];

/** A text to look up: the key and its parameters, so every word comes from the i18n resources. */
export interface TextRef {
  key: string;
  params?: TranslateParams;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `GET /api/v1/city` answer, checked enough to draw: the page reads every section below, so
 * an answer missing one is refused whole rather than half shown.
 */
export function readCityConfig(body: unknown): CityConfigView {
  const ok =
    isRecord(body) &&
    typeof body.id === 'string' &&
    isRecord(body.displayName) &&
    isRecord(body.colours) &&
    isRecord(body.businessHours) &&
    isRecord((body.businessHours as Record<string, unknown>).weekly) &&
    Array.isArray(body.topics) &&
    Array.isArray(body.services) &&
    Array.isArray(body.tvOrigins) &&
    isRecord(body.kpi) &&
    isRecord(body.identity) &&
    Array.isArray(body.partners);
  if (!ok) throw new Error('malformed city configuration');
  return body as unknown as CityConfigView;
}

/** One weekday's hours, "08:30–12:00, 13:00–17:15"; null when the counter is closed that day. */
export function hoursText(periods: readonly (readonly [string, string])[]): string | null {
  if (periods.length === 0) return null;
  return periods.map(([opens, closes]) => `${opens}–${closes}`).join(', ');
}

/** A closed day of every year, "12-29" → 12月29日 / 29/12 through `staff.city.closedDate`. */
export function closedDateText(monthDay: string): TextRef {
  const [month, day] = monthDay.split('-').map(Number);
  return { key: 'staff.city.closedDate', params: { month: month ?? 0, day: day ?? 0 } };
}

/** Where a secret comes from, in words; the secret itself is never in the answer to begin with. */
export function secretText(ref: SecretReferenceView): TextRef {
  switch (ref.kind) {
    case 'env':
      return { key: 'staff.city.secret.env', params: { name: ref.name } };
    case 'file':
      return { key: 'staff.city.secret.file', params: { path: ref.path } };
    default:
      return { key: `staff.city.secret.${ref.kind}` };
  }
}

/** A partner's configuration with its health beside it (null: health not known yet or unreadable). */
export interface CityPartnerRow extends CityPartnerView {
  health: PartnerHealth | null;
}

/** The city's partners in the order the answer gives them, each with the health of the same partner. */
export function partnerRows(
  partners: readonly CityPartnerView[],
  health: readonly PartnerHealth[] | null,
): CityPartnerRow[] {
  return partners.map((partner) => ({
    ...partner,
    health: health?.find((row) => row.partner === partner.partner) ?? null,
  }));
}

/** The KPI targets as the supervisor reads them: minutes, a share, a month. */
export function kpiTargetTexts(kpi: CityConfigView['kpi'], formatRate: (rate: number) => string): TextRef[] {
  return [
    { key: 'staff.city.targetWaitValue', params: { minutes: kpi.targetWaitMinutes } },
    { key: 'staff.city.targetAbandonmentValue', params: { rate: formatRate(kpi.targetAbandonmentRate) } },
    { key: 'staff.city.fiscalYearValue', params: { month: kpi.fiscalYearStartMonth } },
  ];
}
