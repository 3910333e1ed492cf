import holidayJp from '@holiday-jp/holiday_jp';
import type { LocalisedText, OpeningDay, OpeningStatus } from '@madoguchi/shared';
import type { TenantFile, WeekdayKey } from './schema.js';
import {
  addDays,
  isoDate,
  isoInZone,
  localDateOf,
  monthDay,
  weekdayOf,
  zonedInstant,
  type LocalDate,
} from '../core/zonedTime.js';

const WEEKDAY_KEYS: readonly WeekdayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Period {
  opensAt: Date;
  closesAt: Date;
}

interface DayPlan {
  date: LocalDate;
  periods: Period[];
  holidayName: LocalisedText | null;
  closedByTenant: boolean;
}

/** Japanese public holidays from @holiday-jp/holiday_jp, which the community keeps up to date. */
export function publicHolidayName(date: LocalDate): LocalisedText | null {
  const holiday = (holidayJp.holidays as Record<string, { name: string; name_en: string } | undefined>)[
    isoDate(date)
  ];
  return holiday ? { ja: holiday.name, en: holiday.name_en } : null;
}

/**
 * When the counter is open: the weekly hours, minus public holidays and the city's own closed
 * days, in the tenant's time zone.
 */
export class OpeningCalendar {
  constructor(private readonly tenant: TenantFile) {}

  dayPlan(date: LocalDate): DayPlan {
    const hours = this.tenant.businessHours;
    const holidayName = publicHolidayName(date);
    const closedByTenant = hours.closedDates.includes(monthDay(date));
    const closed = closedByTenant || (hours.closedOnPublicHolidays && holidayName !== null);
    const weekly = hours.weekly[WEEKDAY_KEYS[weekdayOf(date)] as WeekdayKey];
    const periods = closed
      ? []
      : weekly.map(([open, close]) => ({
          opensAt: zonedInstant(date, open, this.tenant.timeZone),
          closesAt: zonedInstant(date, close, this.tenant.timeZone),
        }));
    return { date, periods, holidayName, closedByTenant };
  }

  isOpen(at: Date): boolean {
    return this.currentPeriod(at) !== undefined;
  }

  /** The next time the counter opens after `at`, looking up to `horizonDays` ahead. */
  nextOpening(at: Date, horizonDays = 60): Date | null {
    const today = localDateOf(at, this.tenant.timeZone);
    for (let offset = 0; offset <= horizonDays; offset += 1) {
      const plan = this.dayPlan(addDays(today, offset));
      const next = plan.periods.find((period) => period.opensAt.getTime() > at.getTime());
      if (next) return next.opensAt;
    }
    return null;
  }

  status(at: Date, days = 14): OpeningStatus {
    const zone = this.tenant.timeZone;
    const current = this.currentPeriod(at);
    const nextOpening = current ? null : this.nextOpening(at);
    const today = localDateOf(at, zone);
    const calendar: OpeningDay[] = [];
    for (let offset = 0; offset < days; offset += 1) {
      const plan = this.dayPlan(addDays(today, offset));
      const first = plan.periods[0];
      const last = plan.periods[plan.periods.length - 1];
      calendar.push({
        date: isoDate(plan.date),
        weekday: weekdayOf(plan.date),
        opensAt: first ? isoInZone(first.opensAt, zone) : null,
        closesAt: last ? isoInZone(last.closesAt, zone) : null,
        holidayName: plan.holidayName,
        closedByTenant: plan.closedByTenant,
      });
    }
    return {
      openNow: current !== undefined,
      closesAt: current ? isoInZone(current.closesAt, zone) : null,
      nextOpening: nextOpening ? isoInZone(nextOpening, zone) : null,
      days: calendar,
    };
  }

  private currentPeriod(at: Date): Period | undefined {
    const plan = this.dayPlan(localDateOf(at, this.tenant.timeZone));
    return plan.periods.find(
      (p) => p.opensAt.getTime() <= at.getTime() && at.getTime() < p.closesAt.getTime(),
    );
  }
}
