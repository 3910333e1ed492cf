import type { CallbackSlot } from '@madoguchi/shared';
import type { OpeningCalendar } from '../tenants/index.js';
import { addDays, isoDate, localDateOf, zonedInstant } from '../core/zonedTime.js';

/** Morning calls end at noon; afternoon calls start after the lunch hour. */
const NOON = '12:00';
const AFTER_LUNCH = '13:00';
/** How many opening days ahead a citizen may choose. */
const DAYS_OFFERED = 2;

/**
 * The call-back times to offer: morning and afternoon of the next two days the counter opens,
 * leaving out what has already passed today.
 */
export function callbackSlots(calendar: OpeningCalendar, timeZone: string, now: Date): CallbackSlot[] {
  const today = localDateOf(now, timeZone);
  const slots: CallbackSlot[] = [];
  let openDays = 0;
  for (let offset = 0; offset < 30 && openDays < DAYS_OFFERED; offset += 1) {
    const date = addDays(today, offset);
    const plan = calendar.dayPlan(date);
    const first = plan.periods[0];
    const last = plan.periods[plan.periods.length - 1];
    if (!first || !last) continue;
    openDays += 1;
    const relativeDay = offset === 0 ? 'today' : offset === 1 ? 'tomorrow' : null;
    const noon = zonedInstant(date, NOON, timeZone);
    const afterLunch = zonedInstant(date, AFTER_LUNCH, timeZone);
    if (first.opensAt < noon && now < noon)
      slots.push({ date: isoDate(date), period: 'morning', relativeDay });
    if (last.closesAt > afterLunch && now < last.closesAt) {
      slots.push({ date: isoDate(date), period: 'afternoon', relativeDay });
    }
  }
  return slots;
}
