import type { BookingView, ChildView } from '@madoguchi/shared';
import { useState } from 'preact/hooks';
import { useToday } from '../clock';
import { formatCallbackDate, formatClock, tokyoDate } from '../counter';
import { useI18n } from '../i18n';
import { infoTextCard } from '../services/cards';
import { isPartnerTrouble } from '../services/problems';
import { ageParts } from '../services/slots';
import { useSendCard, type SendCardState } from '../useSendCard';
import { useServiceRead } from '../useServiceRead';
import { BookingForm } from './BookingForm';
import { BirthDate } from './CitizenCard';
import { CardSent } from './CardSent';
import { NoConsent, ServiceLoading, ServiceSection } from './ServiceSection';
import { ServiceProblem } from './ServiceProblem';

interface ChildcareSectionProps {
  consultationId: string;
  citizenId: string;
  granted: boolean;
}

/** 子育て: children, their 母子健康相談 bookings, booking one — only with the `childcare` consent. */
export function ChildcareSection({ consultationId, citizenId, granted }: ChildcareSectionProps) {
  const { t, language } = useI18n();
  const { state, reload } = useServiceRead('citizen:childcare', consultationId, citizenId, granted);
  const [booking, setBooking] = useState(false);
  const [booked, setBooked] = useState<BookingView | null>(null);
  const cards = useSendCard(consultationId);
  // Shown while reloading too (after a booking), so the form does not jump; never without consent.
  const view = state.status === 'shown' || state.status === 'loading' ? state.data : null;

  const sendBooking = (bookingId: string) =>
    void cards.send({ kind: 'booking', bookingId, citizenId }, bookingId, {
      key: 'staff.tvCard.sentBooking',
    });

  return (
    <ServiceSection
      testId="service-childcare"
      id={`childcare-${citizenId}`}
      title={t('staff.services.childcare.title')}
      status={state.status}
      loadedAt={state.loadedAt}
      onReload={reload}
    >
      {state.status === 'no-consent' && <NoConsent purpose="childcare" />}
      {state.status === 'loading' && !view && <ServiceLoading />}
      {state.status === 'error' && state.error && (
        <ServiceProblem
          error={state.error}
          service="childcare"
          lead={
            isPartnerTrouble(state.error)
              ? undefined
              : t('staff.services.failed', { service: t('staff.services.service.childcare') })
          }
          onRetry={reload}
        />
      )}
      {view && (
        <div class="childcare">
          <Children
            childList={view.children}
            sending={cards.sending}
            onSend={(card, source, title) =>
              void cards.send(card, source, { key: 'staff.tvCard.sentInfo', params: { title } })
            }
          />
          <CardOutcome cards={cards} kind="text" />

          {booked && (
            <div
              class="message message--success"
              role="status"
              data-testid="book-done"
              data-booking-id={booked.id}
            >
              <span>
                {t('staff.services.book.done', {
                  date: formatCallbackDate(tokyoDate(Date.parse(booked.startsAt)), language),
                  start: formatClock(booked.startsAt),
                  place: booked.place,
                })}
              </span>
              <button
                type="button"
                class="button button--small button--primary"
                data-testid="book-done-card"
                disabled={cards.sending !== null}
                onClick={() => sendBooking(booked.id)}
              >
                {t('staff.services.book.sendCard')}
              </button>
            </div>
          )}

          <Bookings
            bookings={view.bookings}
            childList={view.children}
            sending={cards.sending}
            onSend={sendBooking}
          />
          <CardOutcome cards={cards} kind="booking" onRetry={sendBooking} />

          {booking ? (
            <BookingForm
              consultationId={consultationId}
              citizenId={citizenId}
              childList={view.children}
              onClose={() => setBooking(false)}
              onBooked={(done) => {
                setBooking(false);
                setBooked(done);
                cards.clear();
                reload();
              }}
            />
          ) : (
            <button
              type="button"
              class="button service__action"
              data-testid="book-open"
              onClick={() => {
                setBooked(null);
                setBooking(true);
              }}
            >
              {t('staff.services.book.open')}
            </button>
          )}
        </div>
      )}
    </ServiceSection>
  );
}

/** Whether the card just sent (or refused) is said here: info cards by the children, booking cards by the bookings. */
function CardOutcome({
  cards,
  kind,
  onRetry,
}: {
  cards: SendCardState;
  kind: 'text' | 'booking';
  onRetry?: (source: string) => void;
}) {
  const { t } = useI18n();
  if (cards.sent?.kind === kind) return <CardSent sent={cards.sent} />;
  const failed = cards.error;
  if (failed?.kind === kind) {
    return (
      <ServiceProblem
        error={failed.error}
        service="card"
        lead={t('staff.tvCard.failed')}
        onRetry={onRetry && isPartnerTrouble(failed.error) ? () => onRetry(failed.source) : undefined}
        busy={cards.sending !== null}
      />
    );
  }
  return null;
}

function Age({ months }: { months: number }) {
  const { t } = useI18n();
  const age = ageParts(months);
  return (
    <span>
      {age.years === 0
        ? t('staff.services.childcare.ageMonths', { months: age.months })
        : t('staff.services.childcare.ageYears', age)}
    </span>
  );
}

function Children({
  childList,
  sending,
  onSend,
}: {
  childList: readonly ChildView[];
  sending: string | null;
  onSend: (card: NonNullable<ReturnType<typeof infoTextCard>>, source: string, title: string) => void;
}) {
  const { t } = useI18n();
  const today = useToday();
  return (
    <div>
      <h6 class="service__subtitle">{t('staff.services.childcare.children')}</h6>
      {childList.length === 0 ? (
        <p class="service__none">{t('staff.services.childcare.noChildren')}</p>
      ) : (
        <ul class="children">
          {childList.map((child) => (
            <li key={child.id} class="child" data-testid="child-row" data-child-id={child.id}>
              <p class="child__line">
                <strong class="child__name">{child.name}</strong>
                <span class="child__age" data-testid="child-age" data-age-months={child.ageMonths}>
                  <Age months={child.ageMonths} />
                </span>
                <span class="child__birth">
                  <BirthDate date={child.birthDate} today={today} />
                </span>
              </p>
              {child.cards.length > 0 && (
                <details class="child__info">
                  <summary>
                    {t('staff.services.childcare.info')}（{child.cards.length}）
                  </summary>
                  <ul class="info-cards">
                    {child.cards.map((info) => {
                      const card = infoTextCard(info.title, info.body);
                      return (
                        <li key={info.id} class="info-card" data-testid="child-info" data-info-id={info.id}>
                          <p class="info-card__title">{info.title}</p>
                          <p class="info-card__body">{info.body}</p>
                          {card && (
                            <button
                              type="button"
                              class="button button--small"
                              data-testid="child-info-send"
                              aria-label={t('staff.services.childcare.sendInfoLabel', { title: info.title })}
                              disabled={sending !== null}
                              onClick={() => onSend(card, info.id, info.title)}
                            >
                              {t('staff.services.childcare.sendInfo')}
                            </button>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Bookings({
  bookings,
  childList,
  sending,
  onSend,
}: {
  bookings: readonly BookingView[];
  childList: readonly ChildView[];
  sending: string | null;
  onSend: (bookingId: string) => void;
}) {
  const { t, language } = useI18n();
  const sorted = [...bookings].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return (
    <div>
      <h6 class="service__subtitle">{t('staff.services.childcare.bookings')}</h6>
      {sorted.length === 0 ? (
        <p class="service__none" data-testid="no-bookings">
          {t('staff.services.childcare.noBookings')}
        </p>
      ) : (
        <table class="table table--compact service__table">
          <caption class="visually-hidden">{t('staff.services.childcare.bookings')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.services.childcare.when')}</th>
              <th scope="col">{t('staff.services.childcare.place')}</th>
              <th scope="col">{t('staff.services.childcare.child')}</th>
              <th scope="col">{t('staff.services.childcare.status')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('staff.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((booking) => {
              const when = `${formatCallbackDate(tokyoDate(Date.parse(booking.startsAt)), language)} ${formatClock(booking.startsAt)}`;
              const child = childList.find((c) => c.id === booking.childId);
              return (
                <tr
                  key={booking.id}
                  data-testid="booking-row"
                  data-booking-id={booking.id}
                  data-status={booking.status}
                  class={booking.status === 'cancelled' ? 'row--disabled' : undefined}
                >
                  <th scope="row">
                    <time dateTime={booking.startsAt}>{when}</time>
                  </th>
                  <td>{booking.place}</td>
                  <td>{child ? child.name : t('staff.services.childcare.anyChild')}</td>
                  <td>{t(`staff.services.childcare.statusValue.${booking.status}`)}</td>
                  <td>
                    {booking.status === 'booked' && (
                      <button
                        type="button"
                        class="button button--small"
                        data-testid="card-booking"
                        data-booking-id={booking.id}
                        aria-label={t('staff.services.childcare.sendCardLabel', { when })}
                        disabled={sending !== null}
                        onClick={() => onSend(booking.id)}
                      >
                        {sending === booking.id
                          ? t('staff.tvCard.sending')
                          : t('staff.services.childcare.sendCard')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
