import type { Clock } from '../../../core/clock.js';
import { newId } from '../../../core/secrets.js';
import type { SqliteFile } from '../../../db/index.js';
import type { Booking, Slot } from '../../../partnerContracts/index.js';
import { invalid, notFound, PartnerFailure } from '../http.js';
import { jstIso } from '../time.js';
import { SLOT_TABLE, SlotCalendar } from './SlotCalendar.js';

export const FAMILY_TABLES = `
  CREATE TABLE family_members (
    subject TEXT PRIMARY KEY,
    family_id TEXT NOT NULL
  ) STRICT;
  CREATE TABLE children (
    id TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    name TEXT NOT NULL,
    birth_date TEXT NOT NULL
  ) STRICT;
  CREATE INDEX children_by_family ON children (family_id);
  ${SLOT_TABLE}
  CREATE TABLE bookings (
    id TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    slot_id TEXT NOT NULL REFERENCES slots (id),
    child_id TEXT REFERENCES children (id),
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX bookings_by_slot ON bookings (slot_id, status);
  CREATE INDEX bookings_by_family ON bookings (family_id, status);`;

interface SlotRow {
  id: string;
  starts_at: string;
  ends_at: string;
  place: string;
  capacity: number;
  booked: number;
}

interface BookingRow {
  id: string;
  slot_id: string;
  starts_at: string;
  place: string;
  child_id: string | null;
  status: Booking['status'];
}

const SLOT_SELECT = `SELECT s.id, s.starts_at, s.ends_at, s.place, s.capacity,
  (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.status = 'booked') AS booked FROM slots s`;
const BOOKING_SELECT = `SELECT b.id, b.slot_id, s.starts_at, s.place, b.child_id, b.status
  FROM bookings b JOIN slots s ON s.id = b.slot_id`;

const slotOf = (row: SlotRow): Slot => ({
  id: row.id,
  startsAt: jstIso(new Date(row.starts_at)),
  endsAt: jstIso(new Date(row.ends_at)),
  place: row.place,
  capacity: row.capacity,
  booked: row.booked,
});

const bookingOf = (row: BookingRow): Booking => ({
  id: row.id,
  slotId: row.slot_id,
  startsAt: jstIso(new Date(row.starts_at)),
  place: row.place,
  childId: row.child_id,
  status: row.status,
});

/**
 * Families (a household: both parents see the same children and bookings), their children and
 * their 母子健康相談 bookings. The capacity check and the booking are one IMMEDIATE transaction
 * (the caller's), so two families can never both take the last place.
 */
export class FamilyStore {
  readonly calendar: SlotCalendar;

  /** `city`: the Japanese name of the city the families live in. */
  constructor(
    private readonly db: SqliteFile,
    private readonly clock: Clock,
    city: string,
  ) {
    this.calendar = new SlotCalendar(db, city);
  }

  /** A citizen the concierge has not met is a family of one, with no children registered. */
  familyOf(subject: string): string {
    const row = this.db
      .prepare<[string], { family_id: string }>('SELECT family_id FROM family_members WHERE subject = ?')
      .get(subject);
    return row?.family_id ?? `fam-${subject}`;
  }

  children(familyId: string): { id: string; name: string; birthDate: string }[] {
    return this.db
      .prepare<[string], { id: string; name: string; birthDate: string }>(
        'SELECT id, name, birth_date AS birthDate FROM children WHERE family_id = ? ORDER BY birth_date, id',
      )
      .all(familyId);
  }

  slots(from: Date, to: Date): Slot[] {
    this.calendar.ensure(this.clock.now());
    return this.db
      .prepare<[string, string], SlotRow>(
        `${SLOT_SELECT} WHERE s.starts_at >= ? AND s.starts_at < ? ORDER BY s.starts_at`,
      )
      .all(from.toISOString(), to.toISOString())
      .map(slotOf);
  }

  /** Bookings still to come, soonest first. */
  upcomingBookings(familyId: string): Booking[] {
    return this.db
      .prepare<[string, string], BookingRow>(
        `${BOOKING_SELECT} WHERE b.family_id = ? AND b.status = 'booked' AND s.ends_at > ? ORDER BY s.starts_at, b.id`,
      )
      .all(familyId, this.clock.now().toISOString())
      .map(bookingOf);
  }

  book(familyId: string, slotId: string, childId: string | null): Booking {
    if (childId !== null && !this.children(familyId).some((child) => child.id === childId)) {
      throw invalid('childId is not a child of this family');
    }
    this.checkBookable(familyId, slotId);
    const id = newId('bkg');
    const at = this.clock.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO bookings (id, family_id, slot_id, child_id, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'booked', ?, ?)`,
      )
      .run(id, familyId, slotId, childId, at, at);
    return this.booking(familyId, id);
  }

  /** To another slot, with the same rules as a new booking; the old place is freed. */
  move(familyId: string, bookingId: string, slotId: string): Booking {
    const current = this.booking(familyId, bookingId);
    if (current.status !== 'booked') throw new PartnerFailure(409, 'CONFLICT', 'the booking was cancelled');
    this.checkBookable(familyId, slotId);
    this.db
      .prepare('UPDATE bookings SET slot_id = ?, updated_at = ? WHERE id = ?')
      .run(slotId, this.clock.now().toISOString(), bookingId);
    return this.booking(familyId, bookingId);
  }

  /** Cancelling twice answers the cancelled booking again, as DELETE should. */
  cancel(familyId: string, bookingId: string): Booking {
    this.booking(familyId, bookingId);
    this.db
      .prepare(`UPDATE bookings SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'booked'`)
      .run(this.clock.now().toISOString(), bookingId);
    return this.booking(familyId, bookingId);
  }

  /** Another family's booking is as unknown as a missing one. */
  booking(familyId: string, bookingId: string): Booking {
    const row = this.db
      .prepare<[string, string], BookingRow>(`${BOOKING_SELECT} WHERE b.id = ? AND b.family_id = ?`)
      .get(bookingId, familyId);
    if (!row) throw notFound('booking');
    return bookingOf(row);
  }

  private checkBookable(familyId: string, slotId: string): void {
    this.calendar.ensure(this.clock.now());
    const slot = this.db.prepare<[string], SlotRow>(`${SLOT_SELECT} WHERE s.id = ?`).get(slotId);
    if (!slot) throw notFound('slot');
    if (new Date(slot.starts_at) <= this.clock.now()) {
      throw new PartnerFailure(409, 'CONFLICT', 'the slot has already started');
    }
    const held = this.db
      .prepare(`SELECT 1 FROM bookings WHERE family_id = ? AND slot_id = ? AND status = 'booked'`)
      .get(familyId, slotId);
    if (held)
      throw new PartnerFailure(409, 'ALREADY_BOOKED', 'this family already holds a place in this slot');
    if (slot.booked >= slot.capacity) throw new PartnerFailure(409, 'SLOT_FULL', 'the slot is full');
  }
}
