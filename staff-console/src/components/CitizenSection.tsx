import { useEffect, useMemo, useState } from 'preact/hooks';
import { CitizenPanelLoader, type CitizenPanelState } from '../citizenPanel';
import { useClock, useToday } from '../clock';
import { useConsole } from '../context';
import { formatClock } from '../counter';
import { useI18n } from '../i18n';
import { listen, request } from '../staffRequest';
import { AssistedLinking } from './AssistedLinking';
import { CitizenCard } from './CitizenCard';
import { CitizenServices } from './CitizenServices';
import { ErrorMessage } from './ErrorMessage';
import { Icon } from './Icon';

declare global {
  interface Window {
    /** For end-to-end tests: the citizen panel as the console holds it. */
    __staffCitizen?: { state: () => CitizenPanelState };
  }
}

function useCitizenPanel(consultationId: string, connected: boolean) {
  const { socket } = useConsole();
  const clock = useClock();
  const loader = useMemo(
    () =>
      new CitizenPanelLoader({
        request: (event, payload) => request(socket, event, payload),
        listen: (event, listener) => listen(socket, event, listener),
        clock,
      }),
    [socket, clock],
  );
  const [state, setState] = useState(loader.current);
  useEffect(() => {
    const off = loader.subscribe(() => setState(loader.current));
    window.__staffCitizen = { state: () => loader.current };
    return () => {
      off();
      loader.dispose();
      delete window.__staffCitizen;
    };
  }, [loader]);
  useEffect(() => {
    loader.track(consultationId, connected);
  }, [loader, consultationId, connected]);
  return { state, loader };
}

interface CitizenSectionProps {
  consultationId: string;
  /** The call's media is connected: the panel is read now and again after each reconnection. */
  connected: boolean;
}

/**
 * The people registered on the TV in this call, each with only what they consented to show,
 * and the assisted linking for a citizen without a smartphone.
 */
export function CitizenSection({ consultationId, connected }: CitizenSectionProps) {
  const { t } = useI18n();
  const { state, loader } = useCitizenPanel(consultationId, connected);
  const { panel, loading, error, offline, loadedAt } = state;
  const today = useToday();

  return (
    <section
      class="citizen"
      aria-labelledby="citizen-title"
      aria-busy={loading}
      data-testid="citizen-panel"
      data-linked-count={panel ? panel.linkedCount : undefined}
      data-loading={String(loading)}
    >
      <div class="citizen__head">
        <h3 id="citizen-title" class="citizen__title">
          <Icon name="person" size={22} />
          {t('staff.citizen.title')}
        </h3>
        <p class="citizen__count" role="status" data-testid="citizen-count">
          {panel ? t('staff.citizen.linkedCount', { count: panel.linkedCount }) : ''}
        </p>
        {panel && loadedAt !== null && (
          <p class="citizen__time">
            {t('staff.citizen.asOf', { time: formatClock(new Date(loadedAt).toISOString()) })}
          </p>
        )}
        <button
          type="button"
          class="button button--small citizen__reload"
          data-testid="citizen-reload"
          disabled={loading || !connected}
          onClick={() => void loader.refresh()}
        >
          {t('staff.citizen.reload')}
        </button>
      </div>

      <p class="citizen__rule" data-testid="citizen-rule">
        <Icon name="shield" size={20} />
        <span>{t('staff.citizen.onlyConsented')}</span>
      </p>

      {offline && (
        <p class="message message--info" role="status" data-testid="citizen-offline">
          {t('staff.citizen.offline')}
        </p>
      )}
      {error && !offline && <ErrorMessage error={error} testId="citizen-error" />}

      {!panel && !error && !offline && (
        <p class="citizen__wait" role="status">
          {connected || loading ? t('staff.loading') : t('staff.citizen.waiting')}
        </p>
      )}
      {panel &&
        (panel.citizens.length === 0 ? (
          <p class="citizen__empty" data-testid="citizen-empty">
            {t('staff.citizen.none')}
          </p>
        ) : (
          <>
            <div class="citizen__cards">
              {panel.citizens.map((citizen, index) => (
                <CitizenCard key={citizen.citizenId} citizen={citizen} index={index + 1} today={today} />
              ))}
            </div>
            <CitizenServices consultationId={consultationId} citizens={panel.citizens} />
          </>
        ))}

      <AssistedLinking consultationId={consultationId} onLinked={() => void loader.refresh()} />
    </section>
  );
}
