import { epochMs, type AckError, type BookingView, type ChildView, type SlotView } from '@madoguchi/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useClock } from '../clock';
import { useConsole } from '../context';
import { formatCallbackDate, formatClock, tokyoDate } from '../counter';
import { useI18n } from '../i18n';
import { ConfirmationKey, outcomeUnknown } from '../services/idempotency';
import { isPartnerTrouble } from '../services/problems';
import { findSlot, groupSlotsByDay, settleChoice, slotRange, type BookingChoice } from '../services/slots';
import { request, toAckError } from '../staffRequest';
import { ServiceProblem } from './ServiceProblem';

interface BookingFormProps {
  consultationId: string;
  citizenId: string;
  childList: readonly ChildView[];
  onBooked: (booking: BookingView) => void;
  onClose: () => void;
}

type SlotsState =
  | { kind: 'loading' }
  | { kind: 'shown'; slots: SlotView[]; range: { from: string; to: string } }
  | { kind: 'error'; error: AckError };

/**
 * 母子健康相談 booked for the citizen: a day, a time, (a child), confirm. One idempotency key
 * per confirmation, so a double press or a retry after a lost answer books once.
 */
export function BookingForm({ consultationId, citizenId, childList, onBooked, onClose }: BookingFormProps) {
  const { t, language } = useI18n();
  const { socket } = useConsole();
  const clock = useClock();
  const [slots, setSlots] = useState<SlotsState>({ kind: 'loading' });
  const [choice, setChoice] = useState<BookingChoice>({
    date: '',
    slotId: '',
    childId: childList[0]?.id ?? '',
  });
  const [booking, setBooking] = useState(false);
  const [problem, setProblem] = useState<AckError | null>(null);
  const keys = useMemo(() => new ConfirmationKey(), []);
  const busy = useRef(false);
  const seq = useRef(0);
  const title = useRef<HTMLHeadingElement>(null);

  const loadSlots = async () => {
    const ticket = (seq.current += 1);
    const range = slotRange(tokyoDate(epochMs(clock)));
    setSlots({ kind: 'loading' });
    try {
      const answer = await request(socket, 'citizen:slots', {
        consultationId,
        citizenId,
        ...range,
      });
      if (ticket !== seq.current) return;
      setSlots({ kind: 'shown', slots: Array.isArray(answer.slots) ? answer.slots : [], range });
    } catch (error) {
      if (ticket === seq.current) setSlots({ kind: 'error', error: toAckError(error) });
    }
  };

  useEffect(() => {
    void loadSlots();
    title.current?.focus();
    return () => {
      seq.current += 1;
    };
    // Read once when the form opens (a retry reads again).
  }, []);

  const days = useMemo(
    () => (slots.kind === 'shown' ? groupSlotsByDay(slots.slots, epochMs(clock)) : []),
    [slots, clock],
  );
  const settled = settleChoice(days, choice);
  const slot = findSlot(days, settled.slotId);
  const day = days.find((d) => d.date === settled.date);
  const child = childList.find((c) => c.id === settled.childId);
  // One place all day: said once beside the times, not in every option.
  const oneDayPlace =
    day && new Set(day.slots.map((s) => s.place)).size === 1 ? (day.slots[0]?.place ?? '') : '';
  const dayLabel = (date: string) => formatCallbackDate(date, language);
  const choose = (patch: Partial<BookingChoice>) => {
    setChoice({ ...settled, ...patch });
    setProblem(null);
  };

  const confirm = async () => {
    if (!slot || busy.current) return;
    busy.current = true;
    setBooking(true);
    setProblem(null);
    const childId = child ? child.id : null;
    const idempotencyKey = keys.keyFor(`${slot.id}|${childId ?? ''}`);
    try {
      const answer = await request(socket, 'citizen:book', {
        consultationId,
        citizenId,
        slotId: slot.id,
        childId,
        idempotencyKey,
      });
      keys.settle({ ok: true });
      onBooked(answer.booking);
    } catch (error) {
      const ack = toAckError(error);
      keys.settle({ ok: false, code: ack.code });
      setProblem(ack);
      // Someone took the last place (or it is booked already): show the times as they are now.
      if (ack.code === 'SLOT_FULL' || ack.code === 'ALREADY_BOOKED') void loadSlots();
    } finally {
      busy.current = false;
      setBooking(false);
    }
  };

  return (
    <div class="booking" data-testid="book-form" data-state={slots.kind}>
      <div class="booking__head">
        <h6 class="booking__title" tabIndex={-1} ref={title}>
          {t('staff.services.book.title')}
        </h6>
        <button type="button" class="button button--small" data-testid="book-close" onClick={onClose}>
          {t('staff.services.book.close')}
        </button>
      </div>

      {slots.kind === 'loading' && (
        <p class="service__wait" role="status">
          {t('staff.services.book.loadingSlots')}
        </p>
      )}
      {slots.kind === 'error' && (
        <ServiceProblem
          error={slots.error}
          service="childcare"
          lead={
            isPartnerTrouble(slots.error)
              ? undefined
              : t('staff.services.failed', { service: t('staff.services.service.childcare') })
          }
          onRetry={() => void loadSlots()}
        />
      )}
      {problem && (
        <ServiceProblem
          error={problem}
          service="childcare"
          lead={
            outcomeUnknown(problem.code)
              ? t('staff.services.book.retrySafe')
              : t('staff.services.book.failed')
          }
          // Partner trouble or a lost answer: the same confirmation again (the same key).
          onRetry={slot && outcomeUnknown(problem.code) ? () => void confirm() : undefined}
          busy={booking}
        />
      )}
      {slots.kind === 'shown' && (
        <>
          <p class="field__hint">
            {t('staff.services.book.range', {
              from: dayLabel(slots.range.from),
              to: dayLabel(slots.range.to),
            })}
          </p>
          {days.every((d) => d.available === 0) ? (
            <p class="service__none" data-testid="book-no-slots">
              {t('staff.services.book.noSlots')}
            </p>
          ) : (
            <div class="booking__steps">
              <div class="field">
                <label class="field__label" for={`book-date-${citizenId}`}>
                  {t('staff.services.book.date')}
                </label>
                <select
                  id={`book-date-${citizenId}`}
                  class="field__input"
                  data-testid="book-date"
                  value={settled.date}
                  onChange={(event) => choose({ date: event.currentTarget.value, slotId: '' })}
                >
                  {days.map((d) => (
                    <option key={d.date} value={d.date} disabled={d.available === 0}>
                      {d.available === 0
                        ? t('staff.services.book.dayFull', { date: dayLabel(d.date) })
                        : t('staff.services.book.dayOption', { date: dayLabel(d.date), count: d.available })}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label class="field__label" for={`book-slot-${citizenId}`}>
                  {t('staff.services.book.slot')}
                </label>
                <select
                  id={`book-slot-${citizenId}`}
                  class="field__input"
                  data-testid="book-slot"
                  value={settled.slotId}
                  onChange={(event) => choose({ slotId: event.currentTarget.value })}
                >
                  {(day?.slots ?? []).map((s) => {
                    const time = t('staff.services.book.slotTime', {
                      start: formatClock(s.startsAt),
                      end: formatClock(s.endsAt),
                    });
                    const params = {
                      slot: oneDayPlace ? time : `${time} ${s.place}`,
                      remaining: s.remaining,
                    };
                    return (
                      <option key={s.id} value={s.id} data-slot-id={s.id} disabled={s.remaining <= 0}>
                        {s.remaining <= 0
                          ? t('staff.services.book.slotFull', params)
                          : t('staff.services.book.slotOption', params)}
                      </option>
                    );
                  })}
                </select>
                {oneDayPlace && <p class="field__hint">{oneDayPlace}</p>}
              </div>
              <div class="field">
                <label class="field__label" for={`book-child-${citizenId}`}>
                  {t('staff.services.book.child')}
                </label>
                <select
                  id={`book-child-${citizenId}`}
                  class="field__input"
                  data-testid="book-child"
                  value={settled.childId}
                  onChange={(event) => choose({ childId: event.currentTarget.value })}
                >
                  {childList.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                  <option value="">{t('staff.services.book.noChild')}</option>
                </select>
              </div>

              {slot && (
                <div class="booking__confirm">
                  <p class="booking__step-title">{t('staff.services.book.summaryTitle')}</p>
                  <p class="booking__summary" data-testid="book-summary" data-slot-id={slot.id}>
                    {t('staff.services.book.summary', {
                      date: dayLabel(settled.date),
                      start: formatClock(slot.startsAt),
                      end: formatClock(slot.endsAt),
                      place: slot.place,
                      child: child ? child.name : t('staff.services.book.noChild'),
                    })}
                  </p>
                  <p class="field__hint">{t('staff.services.book.summaryHint')}</p>
                  <button
                    type="button"
                    class="button button--primary"
                    data-testid="book-confirm"
                    disabled={booking}
                    onClick={() => void confirm()}
                  >
                    {booking ? t('staff.services.book.booking') : t('staff.services.book.confirm')}
                  </button>
                </div>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
