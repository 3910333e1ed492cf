/**
 * Japan Standard Time for the sandbox partners. Japan has kept +09:00 all year since 1951, so a
 * fixed offset is exact. Instants are stored as UTC ISO strings (they sort as text) and leave
 * the partners with the +09:00 offset, as the city's systems write them.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `2026-12-01T10:00:00+09:00` (whole seconds). */
export function jstIso(instant: Date): string {
  return `${new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 19)}+09:00`;
}

/** The calendar date in Japan, `YYYY-MM-DD`. */
export function jstDate(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a wall-clock time (`HH:MM`) on a Japanese calendar date. */
export function jstInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+09:00`);
}

export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function daysAgo(now: Date, days: number, time = '10:00'): Date {
  return jstInstant(addDays(jstDate(now), -days), time);
}
