import type { Language, LocalisedPartnerText } from '@madoguchi/shared';
import { formatDate, type Texts } from './hoursModel';

/**
 * Dates, times, amounts and ages as the service screens write them. Pure: no clock is read here;
 * callers pass the time from the app's clock.
 */

/** Japan has one time zone and no summer time: JST is UTC+9 all year. */
const JST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` in Japan at the instant `ms`. */
export function jstDate(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * An instant from a partner (`2025-11-28T10:00:00+09:00`, or in UTC) as Japan's date and clock
 * time (`10:00`, `9:30`); null when it cannot be read.
 */
export function jstParts(iso: string): { date: string; time: string } | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const shifted = new Date(ms + JST_OFFSET_MS).toISOString();
  const hours = Number(shifted.slice(11, 13));
  return { date: shifted.slice(0, 10), time: `${hours}:${shifted.slice(14, 16)}` };
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const utc = (date: string) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** `count` dates starting `first` days after `today` (1: tomorrow). */
export function nextDays(today: string, count: number, first = 1): string[] {
  return Array.from({ length: count }, (_, index) => addDays(today, first + index));
}

/** `11月28日（金）`, preceded by きょう / あした when it is one of those. */
export function dayLabel(texts: Texts, date: string, today: string): string {
  const formatted = formatDate(texts, date);
  const offset = daysBetween(today, date);
  if (offset === 0) return texts.t('tvApp.services.todayDate', { date: formatted });
  if (offset === 1) return texts.t('tvApp.services.tomorrowDate', { date: formatted });
  return formatted;
}

/** `12,340`: grouped by hand, older set-top box browsers lack Intl number formats. */
export function groupDigits(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A child's age from whole months: `8か月`, `1歳`, `1歳3か月`. */
export function ageText(texts: Pick<Texts, 't'>, ageMonths: number): string {
  const months = Math.max(0, Math.floor(ageMonths));
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0) return texts.t('tvApp.childcare.ageMonths', { months: rest });
  if (rest === 0) return texts.t('tvApp.childcare.ageYears', { years });
  return texts.t('tvApp.childcare.ageYearsMonths', { years, months: rest });
}

/** A partner's text in the viewer's language; Japanese when there is no English. */
export function localText(text: LocalisedPartnerText, language: Language): string {
  return language === 'en' && text.en ? text.en : text.ja;
}

/**
 * Long text (a notice, an information card) in pieces that fit one screen: cut after a sentence
 * (。 ． . ！ ？ or a line break) when one fits, inside a sentence only when it alone is too long.
 */
export function textPages(text: string, maxChars: number): string[] {
  const size = Math.max(10, Math.floor(maxChars));
  const sentences = text
    .replace(/\r\n?/g, '\n')
    .split(/(?<=[。．.!?！？\n])/)
    .filter((sentence) => sentence.trim() !== '');
  const pages: string[] = [];
  let page = '';
  const flush = () => {
    if (page.trim() !== '') pages.push(page.trim());
    page = '';
  };
  for (const sentence of sentences) {
    if (page.length + sentence.length <= size) {
      page += sentence;
      continue;
    }
    flush();
    let rest = sentence;
    while (rest.length > size) {
      pages.push(rest.slice(0, size).trim());
      rest = rest.slice(size);
    }
    page = rest;
  }
  flush();
  return pages.length > 0 ? pages : [''];
}

/** How much text one screen holds at a text size (the rest is on the next page). */
export function charsPerTextPage(textScale: number): number {
  if (textScale >= 1.5) return 70;
  if (textScale >= 1.25) return 110;
  return 170;
}
