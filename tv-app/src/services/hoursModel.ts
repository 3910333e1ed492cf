import type { Language, OpeningDay, OpeningStatus, TenantPublic } from '@madoguchi/shared';
import type { Params } from './Translator';

export interface Texts {
  t(key: string, params?: Params): string;
  pick(objectKey: string, key: string): string;
}

export interface HoursLine {
  id: string;
  text: string;
}

export type HoursState = { kind: 'loading' } | { kind: 'failed' } | { kind: 'loaded'; status: OpeningStatus };

/** `…T08:30:00+09:00` → `8:30`: times come in the tenant's own offset, so no time-zone maths. */
export function clockTime(iso: string): string {
  const match = /T(\d{2}):(\d{2})/.exec(iso);
  return match ? `${Number(match[1])}:${match[2]}` : iso;
}

function weekdayOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** `2025-11-27` and its weekday → `11月27日（木）` / `Thu 27 Nov`. */
export function formatDate(texts: Texts, date: string, weekday = weekdayOf(date)): string {
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  return texts.t('tvApp.date', {
    month,
    day,
    monthName: texts.pick('tvApp.months', String(month)),
    weekday: texts.pick('tvApp.weekdays', String(weekday)),
  });
}

function localised(text: { ja: string; en: string }, language: Language): string {
  return language === 'en' ? text.en : text.ja;
}

export function dayLine(texts: Texts, day: OpeningDay, language: Language): string {
  const date = formatDate(texts, day.date, day.weekday);
  if (day.opensAt && day.closesAt) {
    return texts.t('hours.dayLine', { date, open: clockTime(day.opensAt), close: clockTime(day.closesAt) });
  }
  if (day.holidayName) {
    return texts.t('tvApp.holidayDay', {
      date,
      closed: texts.t('hours.closed'),
      holiday: localised(day.holidayName, language),
    });
  }
  const closed = day.closedByTenant ? texts.t('hours.closedByTenant') : texts.t('hours.closed');
  return texts.t('tvApp.closedDay', { date, closed });
}

export function contactLine(texts: Texts, tenant: TenantPublic, language: Language): string {
  return texts.t('hours.contact', {
    phone: tenant.contact.phone,
    office: localised(tenant.contact.office, language),
  });
}

/**
 * The Hours screen, line by line: whether the counter is open, the telephone (a human is
 * always reachable, even when the hours cannot be loaded), then the coming days.
 */
export function hoursLines(
  texts: Texts,
  state: HoursState,
  tenant: TenantPublic,
  language: Language,
): HoursLine[] {
  const contact = { id: 'contact', text: contactLine(texts, tenant, language) };
  if (state.kind === 'loading') return [{ id: 'status', text: texts.t('tvApp.hoursLoading') }, contact];
  if (state.kind === 'failed') return [{ id: 'status', text: texts.t('tvApp.hoursFailed') }, contact];

  const { status } = state;
  const lines: HoursLine[] = [];
  if (status.openNow) {
    const until = status.closesAt ? clockTime(status.closesAt) : '';
    lines.push({ id: 'status', text: texts.t('hours.openNow', { time: until }) });
  } else {
    lines.push({ id: 'status', text: texts.t('hours.closedNow') });
    if (status.nextOpening) {
      const date = formatDate(texts, status.nextOpening.slice(0, 10));
      const when = texts.t('tvApp.dateTime', { date, time: clockTime(status.nextOpening) });
      lines.push({ id: 'next', text: texts.t('hours.nextOpening', { when }) });
    }
  }
  lines.push(contact);
  for (const day of status.days) lines.push({ id: `day-${day.date}`, text: dayLine(texts, day, language) });
  return lines;
}
