import { TV_ROUTES, type AckError, type TvRoute } from '@madoguchi/shared';
import { useRef, useState } from 'preact/hooks';
import { useConsole } from '../context';
import { useI18n } from '../i18n';
import { request, toAckError } from '../staffRequest';
import { ServiceProblem } from './ServiceProblem';

/**
 * Remote assist: the officer opens a screen on the citizen's TV; the TV says 係員が画面を
 * 操作しています while it follows.
 */
export function RemoteAssist({ consultationId }: { consultationId: string }) {
  const { t } = useI18n();
  const { socket } = useConsole();
  const [sending, setSending] = useState<TvRoute | null>(null);
  const [sent, setSent] = useState<TvRoute | null>(null);
  const [error, setError] = useState<AckError | null>(null);
  const busy = useRef(false);

  const open = async (route: TvRoute) => {
    if (busy.current) return;
    busy.current = true;
    setSending(route);
    setSent(null);
    setError(null);
    try {
      await request(socket, 'tv:navigate', { consultationId, route });
      setSent(route);
    } catch (failure) {
      setError(toAckError(failure));
    } finally {
      busy.current = false;
      setSending(null);
    }
  };

  return (
    <div class="remote" data-testid="remote-assist">
      <h4 class="tv-tools__subtitle">{t('staff.remote.title')}</h4>
      <p class="tv-tools__lead" id="remote-lead">
        {t('staff.remote.lead')}
      </p>
      <div class="remote__routes" role="group" aria-labelledby="remote-lead">
        {TV_ROUTES.map((route) => (
          <button
            key={route}
            type="button"
            class={`button button--small remote__route${sent === route ? ' remote__route--sent' : ''}`}
            data-testid="assist-route"
            data-route={route}
            aria-label={t('staff.remote.openLabel', { screen: t(`staff.remote.route.${route}`) })}
            disabled={sending !== null}
            onClick={() => void open(route)}
          >
            {t(`staff.remote.route.${route}`)}
          </button>
        ))}
      </div>
      {sent && (
        <p class="message message--success" role="status" data-testid="assist-sent" data-route={sent}>
          {t('staff.remote.sent', { screen: t(`staff.remote.route.${sent}`) })}
        </p>
      )}
      {error && <ServiceProblem error={error} service="assist" lead={t('staff.remote.failed')} />}
    </div>
  );
}
