import type { BookingView, ChildcareView, ChildView, ErrorCode, SlotView } from '@madoguchi/shared';
import { speechOf } from './counterModel';
import { formatDate } from './hoursModel';
import { addDays, ageText, charsPerTextPage, dayLabel, jstParts, textPages } from './serviceFormat';
import {
  emptySpec,
  line,
  numbered,
  pagedChoices,
  question,
  serviceMessage,
  titleOf,
  type ServiceChoice,
  type ServiceScreenSpec,
  type SpecContext,
} from './serviceScreens';

/** 母子健康相談 times are offered from tomorrow for this many days. */
export const SLOT_DAYS = 28;

/** A new booking (for one child, or none chosen), or moving an existing one. */
export type BookFlow = { kind: 'new'; childId: string | null } | { kind: 'change'; bookingId: string };

/** Where the viewer is inside 子育て. */
export type ChildcareStep =
  | { step: 'main' }
  | { step: 'child'; childId: string }
  | { step: 'card'; childId: string; cardId: string; textPage: number }
  | { step: 'bookings' }
  | { step: 'booking'; bookingId: string }
  | { step: 'whichChild' }
  | { step: 'date'; flow: BookFlow }
  | { step: 'time'; flow: BookFlow; date: string }
  | { step: 'confirm'; flow: BookFlow; slot: SlotView }
  | { step: 'booked'; booking: BookingView; changed: boolean };

export type SlotsState =
  { kind: 'loading' } | { kind: 'loaded'; slots: SlotView[] } | { kind: 'failed'; code: ErrorCode };

export interface ChildcareInput {
  step: ChildcareStep;
  data: ChildcareView;
  page: number;
  slots: SlotsState;
  /** Asking whether to cancel this booking. */
  cancelling: string | null;
}

/** One day of 母子健康相談 with the times that still have room, earliest first. */
export interface SlotDay {
  date: string;
  slots: SlotView[];
}

/** The slots grouped by their day in Japan; full times and days without room left out. */
export function slotsByDay(slots: readonly SlotView[]): SlotDay[] {
  const days = new Map<string, SlotView[]>();
  const open = slots
    .filter((slot) => slot.remaining > 0)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (const slot of open) {
    const date = jstParts(slot.startsAt)?.date;
    if (!date) continue;
    const day = days.get(date);
    if (day) day.push(slot);
    else days.set(date, [slot]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, daySlots]) => ({ date, slots: daySlots }));
}

/** The dates asked for: tomorrow through SLOT_DAYS days on. */
export function slotRange(today: string): { from: string; to: string } {
  return { from: addDays(today, 1), to: addDays(today, SLOT_DAYS) };
}

/** Bookings still on, soonest first. */
export function activeBookings(bookings: readonly BookingView[]): BookingView[] {
  return bookings
    .filter((booking) => booking.status === 'booked')
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/** `10:00〜10:30` */
export function timeRange(slot: Pick<SlotView, 'startsAt' | 'endsAt'>): string {
  const start = jstParts(slot.startsAt)?.time ?? '';
  const end = jstParts(slot.endsAt)?.time ?? '';
  return end ? `${start}〜${end}` : start;
}

/** `あした 11月28日（金） 10:00` */
export function whenText(context: SpecContext, startsAt: string): string {
  const parts = jstParts(startsAt);
  if (!parts) return '';
  return context.texts.t('tvApp.dateTime', {
    date: dayLabel(context.texts, parts.date, context.today),
    time: parts.time,
  });
}

function childName(context: SpecContext, child: ChildView): string {
  return context.texts.t('tvApp.childcare.childName', { name: child.name });
}

export function childcareSpec(context: SpecContext, input: ChildcareInput): ServiceScreenSpec {
  const spec = stepSpec(context, input);
  if (input.cancelling) {
    const { texts } = context;
    const booking = input.data.bookings.find((candidate) => candidate.id === input.cancelling);
    spec.dialog = question(
      texts,
      texts.t('tvApp.childcare.cancelQuestion', { when: booking ? whenText(context, booking.startsAt) : '' }),
      texts.t('tvApp.childcare.cancelKeep'),
      texts.t('tvApp.childcare.cancelYes'),
    );
  }
  return spec;
}

function stepSpec(context: SpecContext, input: ChildcareInput): ServiceScreenSpec {
  const { texts } = context;
  const { step, data } = input;
  const title = (part?: string) => titleOf(texts, 'childcare', part);
  switch (step.step) {
    case 'main': {
      const spec = emptySpec(title());
      const next = activeBookings(data.bookings)[0];
      if (data.children.length === 0) spec.lines.push(line(texts.t('tvApp.childcare.noChildren'), 'strong'));
      else spec.lines.push(line(texts.t('tvApp.childcare.lead'), 'strong'));
      if (next) {
        spec.lines.push(
          line(
            texts.t('tvApp.childcare.nextBooking', {
              when: whenText(context, next.startsAt),
              place: next.place,
            }),
            'body',
          ),
        );
      }
      const rows = data.children.map((child) => {
        const label = childName(context, child);
        const value = ageText(texts, child.ageMonths);
        return { id: `child:${child.id}`, label, value };
      });
      const bookings = activeBookings(data.bookings).length;
      const consult: ServiceChoice = {
        id: 'bookings',
        label:
          bookings > 0
            ? texts.t('tvApp.childcare.consultations', { count: bookings })
            : texts.t('tvApp.childcare.consultationsNone'),
      };
      return pagedChoices(spec, texts, rows, input.page, [consult]);
    }
    case 'child': {
      const child = data.children.find((candidate) => candidate.id === step.childId);
      if (!child) return gone(context, title());
      const spec = emptySpec(title(childName(context, child)));
      spec.lines.push(
        line(
          texts.t('tvApp.childcare.childHeadline', {
            name: childName(context, child),
            age: ageText(texts, child.ageMonths),
          }),
          'headline',
        ),
      );
      if (child.cards.length === 0) {
        spec.lines.push(line(texts.t('tvApp.childcare.noCards'), 'body'));
        spec.choices = [{ id: 'back', label: texts.t('tvApp.services.back') }];
        return numbered(spec, texts);
      }
      spec.lines.push(line(texts.t('tvApp.childcare.cardsLead'), 'strong'));
      const rows = child.cards.map((card) => ({ id: `card:${card.id}`, label: card.title }));
      return pagedChoices(spec, texts, rows, input.page);
    }
    case 'card': {
      const child = data.children.find((candidate) => candidate.id === step.childId);
      const index = child?.cards.findIndex((candidate) => candidate.id === step.cardId) ?? -1;
      const card = child?.cards[index];
      if (!child || !card) return gone(context, title());
      const spec = emptySpec(title(childName(context, child)));
      spec.lines.push(line(card.title, 'headline'));
      const pages = textPages(card.body, charsPerTextPage(context.textScale));
      const page = Math.min(Math.max(0, step.textPage), pages.length - 1);
      spec.lines.push(line(pages[page] ?? '', 'body'));
      if (pages.length > 1) {
        spec.paging = { page: page + 1, pages: pages.length };
        spec.lines.push(line(texts.t('tvApp.services.textPage', spec.paging), 'note'));
        spec.choices.push({
          id: 'text:next',
          label:
            page + 1 < pages.length
              ? texts.t('tvApp.services.readMore', { page: page + 2, pages: pages.length })
              : texts.t('tvApp.services.readFromStart'),
        });
      }
      if (index + 1 < child.cards.length)
        spec.choices.push({ id: 'card:following', label: texts.t('tvApp.childcare.nextCard') });
      spec.choices.push({ id: 'back', label: texts.t('tvApp.services.back') });
      return numbered(spec, texts);
    }
    case 'bookings': {
      const spec = emptySpec(title(texts.t('tvApp.childcare.titles.bookings')));
      const bookings = activeBookings(data.bookings);
      spec.lines.push(
        line(
          bookings.length > 0
            ? texts.t('tvApp.childcare.bookingsLead', { count: bookings.length })
            : texts.t('tvApp.childcare.noBookings'),
          'strong',
        ),
      );
      const rows = bookings.map((booking) => {
        const label = whenText(context, booking.startsAt);
        return { id: `booking:${booking.id}`, label, value: booking.place };
      });
      return pagedChoices(spec, texts, rows, input.page, [
        { id: 'book', label: texts.t('tvApp.childcare.book') },
      ]);
    }
    case 'booking': {
      const booking = data.bookings.find((candidate) => candidate.id === step.bookingId);
      if (!booking) return gone(context, title(texts.t('tvApp.childcare.titles.bookings')));
      const spec = emptySpec(title(texts.t('tvApp.childcare.titles.booking')));
      bookingLines(spec, context, data, booking.startsAt, booking.place, booking.childId);
      if (booking.status === 'booked') {
        spec.choices = [
          { id: 'change', label: texts.t('tvApp.childcare.change') },
          { id: 'cancel', label: texts.t('tvApp.childcare.cancel') },
        ];
      } else {
        spec.lines.push(line(texts.t('tvApp.childcare.cancelled'), 'strong'));
      }
      spec.choices.push({ id: 'back', label: texts.t('tvApp.services.back') });
      return numbered(spec, texts);
    }
    case 'whichChild': {
      const spec = emptySpec(title(texts.t('tvApp.childcare.titles.book')));
      spec.lines.push(line(texts.t('tvApp.childcare.whichChild'), 'strong'));
      const rows: ServiceChoice[] = data.children.map((child) => ({
        id: `for:${child.id}`,
        label: childName(context, child),
        value: ageText(texts, child.ageMonths),
      }));
      return pagedChoices(spec, texts, rows, input.page, [
        { id: 'for:none', label: texts.t('tvApp.childcare.forNobody') },
      ]);
    }
    case 'date':
      return slotsSpec(context, input, step.flow, null);
    case 'time':
      return slotsSpec(context, input, step.flow, step.date);
    case 'confirm': {
      const spec = emptySpec(
        title(texts.t(`tvApp.childcare.titles.${step.flow.kind === 'change' ? 'changeConfirm' : 'confirm'}`)),
      );
      const flow = step.flow;
      const changing =
        flow.kind === 'change' ? data.bookings.find((booking) => booking.id === flow.bookingId) : undefined;
      const childId = flow.kind === 'new' ? flow.childId : (changing?.childId ?? null);
      const parts = jstParts(step.slot.startsAt);
      const date = parts ? dayLabel(texts, parts.date, context.today) : '';
      spec.lines.push(
        line(texts.t('tvApp.childcare.slotWhen', { date, time: timeRange(step.slot) }), 'headline'),
      );
      spec.lines.push(line(texts.t('tvApp.childcare.place', { place: step.slot.place }), 'strong'));
      const child = data.children.find((candidate) => candidate.id === childId);
      if (child)
        spec.lines.push(
          line(texts.t('tvApp.childcare.forChild', { name: childName(context, child) }), 'body'),
        );
      if (changing) {
        spec.lines.push(
          line(texts.t('tvApp.childcare.changeFrom', { when: whenText(context, changing.startsAt) }), 'body'),
        );
      }
      spec.lines.push(
        line(
          texts.t(
            step.flow.kind === 'change'
              ? 'tvApp.childcare.changeQuestion'
              : 'tvApp.childcare.confirmQuestion',
          ),
          'strong',
        ),
      );
      spec.choices = [
        {
          id: 'confirm',
          label: texts.t(
            step.flow.kind === 'change' ? 'tvApp.childcare.changeYes' : 'tvApp.childcare.bookYes',
          ),
        },
        { id: 'back', label: texts.t('tvApp.childcare.bookNo') },
      ];
      return numbered(spec, texts);
    }
    case 'booked': {
      const spec = emptySpec(title(texts.t('tvApp.childcare.titles.booked')));
      spec.lines.push(
        line(texts.t(step.changed ? 'tvApp.childcare.changed' : 'tvApp.childcare.booked'), 'headline'),
      );
      bookingLines(spec, context, data, step.booking.startsAt, step.booking.place, step.booking.childId);
      spec.lines.push(line(texts.t('tvApp.childcare.reminderNote'), 'note'));
      spec.choices = [
        { id: 'bookings', label: texts.t('tvApp.childcare.seeBookings') },
        { id: 'home', label: texts.t('tvApp.services.home') },
      ];
      return numbered(spec, texts);
    }
  }
}

function bookingLines(
  spec: ServiceScreenSpec,
  context: SpecContext,
  data: ChildcareView,
  startsAt: string,
  place: string,
  childId: string | null,
): void {
  const { texts } = context;
  spec.lines.push(line(whenText(context, startsAt), 'headline'));
  spec.lines.push(line(texts.t('tvApp.childcare.place', { place }), 'strong'));
  const child = data.children.find((candidate) => candidate.id === childId);
  if (child)
    spec.lines.push(line(texts.t('tvApp.childcare.forChild', { name: childName(context, child) }), 'body'));
}

function gone(context: SpecContext, title: string): ServiceScreenSpec {
  const spec = emptySpec(title);
  spec.lines.push(line(context.texts.t('tvApp.childcare.gone'), 'strong'));
  spec.choices = [{ id: 'back', label: context.texts.t('tvApp.services.back') }];
  return numbered(spec, context.texts);
}

/** Choosing a day (date null), then a time that day; the same steps book and change. */
function slotsSpec(
  context: SpecContext,
  input: ChildcareInput,
  flow: BookFlow,
  date: string | null,
): ServiceScreenSpec {
  const { texts } = context;
  const part = flow.kind === 'change' ? (date ? 'changeTime' : 'changeDate') : date ? 'time' : 'date';
  const spec = emptySpec(titleOf(texts, 'childcare', texts.t(`tvApp.childcare.titles.${part}`)));
  const { slots } = input;
  if (slots.kind === 'loading') {
    spec.lines.push(line(texts.t('tvApp.childcare.slotsLoading'), 'strong'));
    return spec;
  }
  if (slots.kind === 'failed') {
    spec.lines = serviceMessage(texts, 'childcare', slots.code, 1).lines.map((text, index) =>
      line(text, index === 0 ? 'headline' : 'strong'),
    );
    spec.choices = [{ id: 'slots:retry', label: texts.t('tvApp.services.actions.retry') }];
    return spec;
  }
  const days = slotsByDay(slots.slots);
  if (!date) {
    if (days.length === 0) {
      spec.lines.push(line(texts.t('tvApp.childcare.noSlots'), 'strong'));
      spec.choices = [{ id: 'back', label: texts.t('tvApp.services.back') }];
      return numbered(spec, texts);
    }
    spec.lines.push(line(texts.t('tvApp.childcare.chooseDate'), 'strong'));
    const rows = days.map((day) => ({
      id: `date:${day.date}`,
      label: dayLabel(texts, day.date, context.today),
      value: texts.t('tvApp.childcare.timesLeft', { count: day.slots.length }),
    }));
    return pagedChoices(spec, texts, rows, input.page);
  }
  const day = days.find((candidate) => candidate.date === date);
  spec.lines.push(
    line(texts.t('tvApp.childcare.chooseTime', { date: dayLabel(texts, date, context.today) }), 'strong'),
  );
  if (!day) {
    spec.lines.push(line(texts.t('tvApp.childcare.dayFull'), 'body'));
    spec.choices = [{ id: 'back', label: texts.t('tvApp.childcare.otherDay') }];
    return numbered(spec, texts);
  }
  const rows = day.slots.map((slot) => {
    const label = texts.t('tvApp.childcare.slotRow', { time: timeRange(slot), place: slot.place });
    const value = texts.t('tvApp.childcare.remaining', { count: slot.remaining });
    return { id: `slot:${slot.id}`, label, value, speech: speechOf([label, value]) };
  });
  return pagedChoices(spec, texts, rows, input.page);
}

/** `11月28日（金）` of a date, for the reminder and cards (no きょう/あした). */
export function plainDate(context: Pick<SpecContext, 'texts'>, startsAt: string): string {
  const parts = jstParts(startsAt);
  return parts ? formatDate(context.texts, parts.date) : '';
}
