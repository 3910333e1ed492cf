import type { AckError, KpiReport, Topic } from '@madoguchi/shared';
import { useState } from 'preact/hooks';
import { apiAckError } from '../api';
import { useToday } from '../clock';
import { useConsole } from '../context';
import { useI18n } from '../i18n';
import { kpiRangeProblem, kpiUrl } from '../kpi';
import { ErrorMessage } from './ErrorMessage';
import { KpiFiguresView } from './KpiFiguresView';

/** Figures for any range of days: shown here, or downloaded as JSON or CSV for reports. */
export function KpiExport({ topics }: { topics: readonly Topic[] }) {
  const { t } = useI18n();
  const { api } = useConsole();
  const today = useToday();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [figures, setFigures] = useState<{ figures: KpiReport; from: string; to: string } | null>(null);
  const [error, setError] = useState<AckError | null>(null);
  const [loading, setLoading] = useState(false);
  const problem = kpiRangeProblem(from, to);

  const show = async (event: Event) => {
    event.preventDefault();
    if (problem) return;
    setLoading(true);
    setError(null);
    try {
      setFigures({ figures: await api.kpi(from, to), from, to });
    } catch (failure) {
      setFigures(null);
      setError(apiAckError(failure));
    } finally {
      setLoading(false);
    }
  };

  const link = (format: 'json' | 'csv') =>
    problem
      ? { 'aria-disabled': 'true' as const }
      : {
          href: api.urlOf(kpiUrl(from, to, format)),
          ...(format === 'csv'
            ? { download: `madoguchi-kpi-${from}_${to}.csv` }
            : { target: '_blank', rel: 'noopener' }),
        };

  return (
    <section class="panel" aria-labelledby="kpi-title" data-testid="kpi-export">
      <h2 id="kpi-title" class="panel__title">
        {t('staff.kpi.exportTitle')}
      </h2>
      <form class="kpi-form" onSubmit={(event) => void show(event)} noValidate>
        <div class="field">
          <label class="field__label" for="kpi-from">
            {t('staff.kpi.from')}
          </label>
          <input
            id="kpi-from"
            type="date"
            class="field__input"
            data-testid="kpi-from"
            value={from}
            max={to || undefined}
            aria-invalid={problem === 'fromInvalid' || problem === 'order'}
            onInput={(event) => setFrom(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label class="field__label" for="kpi-to">
            {t('staff.kpi.to')}
          </label>
          <input
            id="kpi-to"
            type="date"
            class="field__input"
            data-testid="kpi-to"
            value={to}
            min={from || undefined}
            aria-invalid={problem === 'toInvalid' || problem === 'order'}
            onInput={(event) => setTo(event.currentTarget.value)}
          />
        </div>
        <div class="kpi-form__actions">
          <button
            type="submit"
            class="button button--primary"
            data-testid="kpi-show"
            disabled={!!problem || loading}
          >
            {loading ? t('staff.loading') : t('staff.kpi.show')}
          </button>
          <a class="button" data-testid="kpi-json" {...link('json')}>
            {t('staff.kpi.json')}
          </a>
          <a class="button" data-testid="kpi-csv" {...link('csv')}>
            {t('staff.kpi.csv')}
          </a>
        </div>
      </form>
      {problem && (
        <p class="field__error" role="alert" data-testid="kpi-range-error">
          {t(`staff.kpi.problem.${problem}`)}
        </p>
      )}
      {error && <ErrorMessage error={error} testId="kpi-error" />}
      {figures && (
        <div class="kpi-range">
          <h3 class="figures__title">
            {t('staff.kpi.rangeTitle', {
              from: figures.from.replaceAll('-', '/'),
              to: figures.to.replaceAll('-', '/'),
            })}
          </h3>
          <KpiFiguresView
            figures={figures.figures}
            targets={figures.figures.targets}
            topics={topics}
            testId="kpi-range-figures"
            level={3}
          />
        </div>
      )}
    </section>
  );
}
