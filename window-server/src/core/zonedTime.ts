/** Calendar arithmetic in a tenant's time zone, without a date library. */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: Date, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** The calendar date of an instant in the zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const parts = wallClock(instant, timeZone);
  return { year: parts.year as number, month: parts.month as number, day: parts.day as number };
}

/** Offset of the zone from UTC at that instant, in minutes. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const p = wallClock(instant, timeZone);
  const asUtc = Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant when the zone's clocks show `hh:mm` on that date. */
export function zonedInstant(date: LocalDate, time: string, timeZone: string): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(date.year, date.month - 1, date.day, hours, minutes);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  // A second pass settles dates next to a daylight-saving change.
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60_000);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function isoDate(date: LocalDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

export function monthDay(date: LocalDate): string {
  return `${pad(date.month)}-${pad(date.day)}`;
}

/** ISO 8601 with the zone's offset, e.g. 2026-11-27T08:30:00+09:00. */
export function isoInZone(instant: Date, timeZone: string): string {
  const p = wallClock(instant, timeZone);
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${p.year}-${pad(p.month as number)}-${pad(p.day as number)}T${pad(p.hour as number)}:${pad(p.minute as number)}:${pad(p.second as number)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
