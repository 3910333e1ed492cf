import { epochMs, type Ack, type CitizenPanel, type StaffRequestName } from '@madoguchi/shared';
import { useEffect, useState } from 'preact/hooks';
import { hasConsent, visibleProfile } from '../citizen';
import { useClock } from '../clock';
import { useConsole } from '../context';
import { useI18n } from '../i18n';
import { request, toAckError, type StaffPayload, type StaffReply } from '../staffRequest';
import { AidSection } from './AidSection';
import { ChildcareSection } from './ChildcareSection';
import { WalletSection } from './WalletSection';

const SERVICE_EVENTS = [
  'citizen:wallet',
  'citizen:childcare',
  'citizen:slots',
  'citizen:book',
  'citizen:aidRequest',
  'tv:card',
  'tv:navigate',
] as const satisfies readonly StaffRequestName[];
type ServiceEvent = (typeof SERVICE_EVENTS)[number];

declare global {
  interface Window {
    /**
     * For end-to-end tests: a service request on this officer's socket as the server answers it
     * (e.g. to watch a read without consent be refused and audited). Only while a call is open.
     */
    __staffServices?: {
      request: <E extends ServiceEvent>(event: E, payload: StaffPayload<E>) => Promise<Ack<StaffReply<E>>>;
    };
  }
}

interface CitizenServicesProps {
  consultationId: string;
  citizens: readonly CitizenPanel[];
}

/**
 * The city's services for one person on the TV at a time (the officer chooses whom when several
 * are registered): each shown and usable only with that person's consent for it.
 */
export function CitizenServices({ consultationId, citizens }: CitizenServicesProps) {
  const { t } = useI18n();
  const { socket } = useConsole();
  const clock = useClock();
  const [chosenId, setChosenId] = useState<string | null>(null);

  useEffect(() => {
    window.__staffServices = {
      request: async (event, payload) => {
        if (!(SERVICE_EVENTS as readonly string[]).includes(event))
          return { ok: false, error: toAckError(null, 'PAYLOAD_INVALID') };
        try {
          return { ok: true, data: await request(socket, event, payload) };
        } catch (error) {
          return { ok: false, error: toAckError(error) };
        }
      },
    };
    return () => {
      delete window.__staffServices;
    };
  }, [socket]);
  const index = Math.max(
    0,
    citizens.findIndex((c) => c.citizenId === chosenId),
  );
  const citizen = citizens[index];
  if (!citizen) return null;
  const label = (c: CitizenPanel, i: number) =>
    visibleProfile(c)?.name ?? t('staff.citizen.person', { n: i + 1 });
  const now = epochMs(clock);

  return (
    <section
      class="services"
      aria-labelledby="services-title"
      data-testid="citizen-services"
      data-citizen-id={citizen.citizenId}
    >
      <div class="services__head">
        <h4 id="services-title" class="services__title">
          {t('staff.services.title')}
        </h4>
        <p class="services__lead">{t('staff.services.lead')}</p>
      </div>

      {citizens.length > 1 && (
        <div class="services__choose" role="radiogroup" aria-labelledby="services-choose-label">
          <span id="services-choose-label" class="services__choose-label">
            {t('staff.services.chooseCitizen')}
          </span>
          {citizens.map((c, i) => {
            const chosen = c.citizenId === citizen.citizenId;
            return (
              <button
                key={c.citizenId}
                type="button"
                role="radio"
                aria-checked={chosen}
                class={`services__person${chosen ? ' services__person--chosen' : ''}`}
                data-testid="service-citizen"
                data-citizen-id={c.citizenId}
                data-chosen={String(chosen)}
                tabIndex={chosen ? 0 : -1}
                onClick={() => setChosenId(c.citizenId)}
                onKeyDown={(event) => {
                  const step =
                    event.key === 'ArrowRight' || event.key === 'ArrowDown'
                      ? 1
                      : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
                        ? -1
                        : 0;
                  if (step === 0) return;
                  event.preventDefault();
                  const next = citizens[(i + step + citizens.length) % citizens.length];
                  if (next) {
                    setChosenId(next.citizenId);
                    const buttons =
                      event.currentTarget.parentElement?.querySelectorAll<HTMLButtonElement>(
                        '[role="radio"]',
                      );
                    buttons?.[(i + step + citizens.length) % citizens.length]?.focus();
                  }
                }}
              >
                {label(c, i)}
              </button>
            );
          })}
        </div>
      )}

      {/* Keyed by the person: nothing read for one is ever drawn for another. */}
      <div class="services__body" key={citizen.citizenId}>
        <h5 class="services__for" data-testid="services-for">
          {visibleProfile(citizen)
            ? t('staff.services.forCitizen', { name: label(citizen, index) })
            : t('staff.services.forPerson', { name: label(citizen, index) })}
        </h5>
        <WalletSection
          consultationId={consultationId}
          citizenId={citizen.citizenId}
          granted={hasConsent(citizen.consents, 'wallet')}
          now={now}
        />
        <ChildcareSection
          consultationId={consultationId}
          citizenId={citizen.citizenId}
          granted={hasConsent(citizen.consents, 'childcare')}
        />
        <AidSection
          consultationId={consultationId}
          citizenId={citizen.citizenId}
          granted={hasConsent(citizen.consents, 'servicesHousehold')}
        />
      </div>
    </section>
  );
}
