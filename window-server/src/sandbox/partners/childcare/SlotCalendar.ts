import holidayJp from '@holiday-jp/holiday_jp';
import type { SqliteFile } from '../../../db/index.js';
import { addDays, jstDate, jstInstant, weekdayOf } from '../time.js';

export const SLOT_TABLE = `
  CREATE TABLE slots (
    id TEXT PRIMARY KEY,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    place TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0)
  ) STRICT;
  CREATE INDEX slots_by_start ON slots (starts_at);`;

/** Where the city's 母子健康相談 is held: `大村市 こども家庭センター`. */
export const placeIn = (city: string): string => `${city} こども家庭センター`;
/** Families seen in one half-hour: the nurses and dietitians on duty. */
export const CAPACITY = 3;
/** 母子健康相談 runs on weekday mornings and one early-afternoon session, Japan time. */
const SESSIONS: readonly [start: string, end: string][] = [
  ['10:00', '10:30'],
  ['10:30', '11:00'],
  ['13:30', '14:00'],
];
/** Slots open this many days ahead of today. */
export const DAYS_AHEAD = 30;

const HOLIDAYS = holidayJp.holidays as Record<string, unknown>;

const isWorkingDay = (date: string): boolean => {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && HOLIDAYS[date] === undefined;
};

/**
 * 母子健康相談 slots, generated from the clock for today and the next DAYS_AHEAD days (weekdays
 * that are not public holidays), and kept: a booked slot stays when the window moves on.
 */
export class SlotCalendar {
  private generatedFor: string | null = null;
  private readonly place: string;

  /** `city`: the Japanese name of the city whose centre holds the sessions. */
  constructor(
    private readonly db: SqliteFile,
    city: string,
  ) {
    this.place = placeIn(city);
  }

  /**
   * An extra session on any day (a Saturday 相談会, say), as the centre's staff add one: the
   * sandbox's `POST /_sessions`. Returns the slot id; adding the same session again changes nothing.
   */
  addSession(date: string, start: string, end: string, capacity = CAPACITY): string {
    const id = `slot-${date.replace(/-/g, '')}-${start.replace(':', '')}`;
    this.db
      .prepare('INSERT OR IGNORE INTO slots (id, starts_at, ends_at, place, capacity) VALUES (?, ?, ?, ?, ?)')
      .run(
        id,
        jstInstant(date, start).toISOString(),
        jstInstant(date, end).toISOString(),
        this.place,
        capacity,
      );
    return id;
  }

  ensure(now: Date): void {
    const today = jstDate(now);
    if (this.generatedFor === today) return;
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO slots (id, starts_at, ends_at, place, capacity) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (let offset = 0; offset <= DAYS_AHEAD; offset += 1) {
        const date = addDays(today, offset);
        if (!isWorkingDay(date)) continue;
        for (const [start, end] of SESSIONS) {
          const id = `slot-${date.replace(/-/g, '')}-${start.replace(':', '')}`;
          insert.run(
            id,
            jstInstant(date, start).toISOString(),
            jstInstant(date, end).toISOString(),
            this.place,
            CAPACITY,
          );
        }
      }
    })();
    this.generatedFor = today;
  }
}
