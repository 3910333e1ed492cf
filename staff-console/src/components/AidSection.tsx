import { AID_TEMPLATE_IDS, type AckError, type AidRequestView, type AidTemplateId } from '@madoguchi/shared';
import { useMemo, useRef, useState } from 'preact/hooks';
import { useToday } from '../clock';
import { useConsole } from '../context';
import { formatCallbackDate } from '../counter';
import { useI18n } from '../i18n';
import { ConfirmationKey, outcomeUnknown } from '../services/idempotency';
import { addDays, aidDates } from '../services/slots';
import { request, toAckError } from '../staffRequest';
import { NoConsent, ServiceSection } from './ServiceSection';
import { ServiceProblem } from './ServiceProblem';

type Period = 'morning' | 'afternoon';
const PERIODS: readonly Period[] = ['morning', 'afternoon'];

interface AidSectionProps {
  consultationId: string;
  citizenId: string;
  /** The `servicesHousehold` consent: the request carries the citizen's town. */
  granted: boolean;
}

/** 地域共助: a request for help on the citizen's behalf (template, day, morning or afternoon). */
export function AidSection({ consultationId, citizenId, granted }: AidSectionProps) {
  const { t, language } = useI18n();
  const { socket } = useConsole();
  const today = useToday();
  const dates = aidDates(today);
  const [open, setOpen] = useState(false);
  const [template, setTemplate] = useState<AidTemplateId>('shopping');
  const [date, setDate] = useState(() => addDays(today, 1));
  const [period, setPeriod] = useState<Period>('morning');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<AckError | null>(null);
  const [done, setDone] = useState<AidRequestView | null>(null);
  const keys = useMemo(() => new ConfirmationKey(), []);
  const busy = useRef(false);
  const title = useRef<HTMLHeadingElement>(null);

  const templateLabel = (id: AidTemplateId) => t(`staff.services.aid.templates.${id}`);
  const periodLabel = (p: Period) => t(`staff.services.aid.periods.${p}`);
  const dayLabel = (d: string) => formatCallbackDate(d, language);
  const chosenDate = dates.includes(date) ? date : (dates[1] ?? dates[0] ?? '');

  const change = (apply: () => void) => {
    apply();
    setProblem(null);
  };

  const confirm = async () => {
    if (busy.current || !chosenDate) return;
    busy.current = true;
    setSending(true);
    setProblem(null);
    const idempotencyKey = keys.keyFor(`${template}|${chosenDate}|${period}`);
    try {
      const answer = await request(socket, 'citizen:aidRequest', {
        consultationId,
        citizenId,
        template,
        date: chosenDate,
        period,
        idempotencyKey,
      });
      keys.settle({ ok: true });
      setDone(answer.request);
      setOpen(false);
    } catch (error) {
      const ack = toAckError(error);
      keys.settle({ ok: false, code: ack.code });
      setProblem(ack);
    } finally {
      busy.current = false;
      setSending(false);
    }
  };

  return (
    <ServiceSection
      testId="service-aid"
      id={`aid-${citizenId}`}
      title={t('staff.services.aid.title')}
      status={granted ? 'ready' : 'no-consent'}
    >
      {!granted ? (
        <NoConsent purpose="servicesHousehold" aid />
      ) : (
        <div class="aid">
          <p class="service__lead">{t('staff.services.aid.lead')}</p>
          {done && (
            <p
              class="message message--success"
              role="status"
              data-testid="aid-done"
              data-request-id={done.id}
            >
              {t('staff.services.aid.done', {
                template: templateLabel(done.template),
                date: dayLabel(done.date),
                period: periodLabel(done.period),
                area: done.area,
              })}
            </p>
          )}
          {!open ? (
            <button
              type="button"
              class="button service__action"
              data-testid="aid-open"
              onClick={() => {
                setDone(null);
                setProblem(null);
                keys.reset();
                setOpen(true);
                setTimeout(() => title.current?.focus(), 0);
              }}
            >
              {t('staff.services.aid.open')}
            </button>
          ) : (
            <div class="booking" data-testid="aid-form">
              <div class="booking__head">
                <h6 class="booking__title" tabIndex={-1} ref={title}>
                  {t('staff.services.aid.formTitle')}
                </h6>
                <button
                  type="button"
                  class="button button--small"
                  data-testid="aid-close"
                  onClick={() => setOpen(false)}
                >
                  {t('staff.services.aid.close')}
                </button>
              </div>
              <div class="booking__steps">
                <div class="field">
                  <label class="field__label" for={`aid-template-${citizenId}`}>
                    {t('staff.services.aid.template')}
                  </label>
                  <select
                    id={`aid-template-${citizenId}`}
                    class="field__input"
                    data-testid="aid-template"
                    value={template}
                    onChange={(event) =>
                      change(() => setTemplate(event.currentTarget.value as AidTemplateId))
                    }
                  >
                    {AID_TEMPLATE_IDS.map((id) => (
                      <option key={id} value={id}>
                        {templateLabel(id)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label class="field__label" for={`aid-date-${citizenId}`}>
                    {t('staff.services.aid.date')}
                  </label>
                  <select
                    id={`aid-date-${citizenId}`}
                    class="field__input"
                    data-testid="aid-date"
                    value={chosenDate}
                    onChange={(event) => change(() => setDate(event.currentTarget.value))}
                  >
                    {dates.map((d) => (
                      <option key={d} value={d}>
                        {dayLabel(d)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label class="field__label" for={`aid-period-${citizenId}`}>
                    {t('staff.services.aid.period')}
                  </label>
                  <select
                    id={`aid-period-${citizenId}`}
                    class="field__input"
                    data-testid="aid-period"
                    value={period}
                    onChange={(event) => change(() => setPeriod(event.currentTarget.value as Period))}
                  >
                    {PERIODS.map((p) => (
                      <option key={p} value={p}>
                        {periodLabel(p)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="booking__confirm">
                  <p class="booking__step-title">{t('staff.services.aid.summaryTitle')}</p>
                  <p class="booking__summary" data-testid="aid-summary">
                    {t('staff.services.aid.summary', {
                      template: templateLabel(template),
                      date: dayLabel(chosenDate),
                      period: periodLabel(period),
                    })}
                  </p>
                  {problem && (
                    <ServiceProblem
                      error={problem}
                      service="aid"
                      lead={
                        outcomeUnknown(problem.code)
                          ? t('staff.services.aid.retrySafe')
                          : t('staff.services.aid.failed')
                      }
                      onRetry={outcomeUnknown(problem.code) ? () => void confirm() : undefined}
                      busy={sending}
                    />
                  )}
                  <button
                    type="button"
                    class="button button--primary"
                    data-testid="aid-confirm"
                    disabled={sending}
                    onClick={() => void confirm()}
                  >
                    {sending ? t('staff.services.aid.sending') : t('staff.services.aid.confirm')}
                  </button>
                </div>
              </div>
            </div>
          )}
        </div>
      )}
    </ServiceSection>
  );
}
