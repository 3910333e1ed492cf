import type { SlotView } from '@madoguchi/shared';
import { tokyoDate } from '../counter';
import { isIsoDate } from '../kpi';

/** How far ahead the officer may book a 母子健康相談: four weeks from today. */
export const BOOKING_DAYS = 28;

/** YYYY-MM-DD plus whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  if (!isIsoDate(date)) return date;
  const parsed = new Date(`${date}T00:00:00Z`);
  parsed.setUTCDate(parsed.getUTCDate() + days);
  return parsed.toISOString().slice(0, 10);
}

/** The `citizen:slots` range: today and the next BOOKING_DAYS - 1 days. */
export function slotRange(today: string, days = BOOKING_DAYS): { from: string; to: string } {
  return { from: today, to: addDays(today, days - 1) };
}

export interface SlotDay {
  /** Japan day, YYYY-MM-DD. */
  date: string;
  /** Soonest first. */
  slots: SlotView[];
  /** Slots with places left. */
  available: number;
}

/**
 * The slots grouped by their Japan day, days and times soonest first. Slots already begun and
 * malformed ones are left out; full ones stay (shown as full) so the officer can say so.
 */
export function groupSlotsByDay(slots: readonly SlotView[], nowMs: number): SlotDay[] {
  const days = new Map<string, SlotView[]>();
  const sorted = slots
    .filter((slot) => {
      const starts = Date.parse(slot.startsAt);
      return Number.isFinite(starts) && starts > nowMs && typeof slot.id === 'string';
    })
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id));
  for (const slot of sorted) {
    const date = tokyoDate(Date.parse(slot.startsAt));
    const list = days.get(date) ?? [];
    list.push(slot);
    days.set(date, list);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, list]) => ({ date, slots: list, available: list.filter(isBookable).length }));
}

export function isBookable(slot: SlotView): boolean {
  return slot.remaining > 0;
}

export interface BookingChoice {
  date: string;
  slotId: string;
  /** '' for no particular child. */
  childId: string;
}

/**
 * Keeps the officer's choice valid as the slots change (a reload, a slot that filled up): a day
 * without places moves to the first day with some, a full or vanished time to the first free
 * time of that day. Empty strings when nothing can be booked.
 */
export function settleChoice(days: readonly SlotDay[], choice: BookingChoice): BookingChoice {
  const open = days.filter((day) => day.available > 0);
  const day = open.find((d) => d.date === choice.date) ?? open[0];
  if (!day) return { ...choice, date: '', slotId: '' };
  const slot = day.slots.find((s) => s.id === choice.slotId && isBookable(s)) ?? day.slots.find(isBookable);
  return { ...choice, date: day.date, slotId: slot?.id ?? '' };
}

export function findSlot(days: readonly SlotDay[], slotId: string): SlotView | undefined {
  for (const day of days) {
    const slot = day.slots.find((s) => s.id === slotId);
    if (slot) return slot;
  }
  return undefined;
}

/** Whole months → years and months, for "2歳3か月". */
export function ageParts(ageMonths: number): { years: number; months: number } {
  const months = Number.isFinite(ageMonths) && ageMonths > 0 ? Math.floor(ageMonths) : 0;
  return { years: Math.floor(months / 12), months: months % 12 };
}

/** The choices for a mutual-aid date: today and the next `days - 1` days. */
export function aidDates(today: string, days = 14): string[] {
  if (!isIsoDate(today)) return [];
  return Array.from({ length: days }, (_, i) => addDays(today, i));
}
