import type { CityKpiTargets, KpiFigures, Topic } from '@madoguchi/shared';
import { formatDuration, topicLabel } from '../counter';
import { useI18n } from '../i18n';
import { formatRate, satisfactionRows } from '../kpi';

interface KpiFiguresViewProps {
  figures: KpiFigures;
  topics: readonly Topic[];
  testId: string;
  /** The city's targets, shown beside the wait and the abandonment rate (the KPI answer has them). */
  targets?: CityKpiTargets;
  /** The heading level the figures' sub-headings use. */
  level?: 2 | 3;
}

function Figure({
  label,
  value,
  sub,
  target,
  testId,
}: {
  label: string;
  value: string;
  sub?: string;
  target?: string;
  testId: string;
}) {
  return (
    <div class="figure" data-testid={testId}>
      <dt class="figure__label">{label}</dt>
      <dd class="figure__value">
        {value}
        {sub && <span class="figure__sub">{sub}</span>}
        {target && (
          <span class="figure__sub figure__target" data-testid={`${testId}-target`}>
            {target}
          </span>
        )}
      </dd>
    </div>
  );
}

/** Requests, served, abandoned, waiting and serving times, satisfaction, and the same per topic. */
export function KpiFiguresView({ figures, topics, testId, targets, level = 3 }: KpiFiguresViewProps) {
  const { t, language } = useI18n();
  const Heading = level === 2 ? 'h2' : 'h3';
  const satisfaction = satisfactionRows(figures);
  return (
    <div
      class="figures"
      data-testid={testId}
      data-from={figures.from}
      data-to={figures.to}
      data-requests={figures.requests}
      data-callbacks={figures.callbacks}
      data-served={figures.served}
      data-abandoned={figures.abandoned}
      data-abandonment-rate={figures.abandonmentRate ?? ''}
      data-wait-average={figures.waitSeconds.average ?? ''}
      data-serve-average={figures.serveSeconds.average ?? ''}
      data-responses={figures.satisfaction.responses}
    >
      <dl class="figures__grid">
        <Figure
          testId="figure-requests"
          label={t('staff.kpi.requests')}
          value={String(figures.requests)}
          sub={t('staff.kpi.callbacksIncluded', { count: figures.callbacks })}
        />
        <Figure testId="figure-served" label={t('staff.kpi.served')} value={String(figures.served)} />
        <Figure
          testId="figure-abandoned"
          label={t('staff.kpi.abandoned')}
          value={String(figures.abandoned)}
        />
        <Figure
          testId="figure-abandonment-rate"
          label={t('staff.kpi.abandonmentRate')}
          value={formatRate(figures.abandonmentRate, language)}
          {...(targets
            ? {
                target: t('staff.kpi.targetRate', {
                  rate: formatRate(targets.targetAbandonmentRate, language),
                }),
              }
            : {})}
        />
        <Figure
          testId="figure-wait"
          label={t('staff.kpi.waitAverage')}
          value={formatDuration(figures.waitSeconds.average)}
          {...(targets ? { target: t('staff.kpi.targetWait', { minutes: targets.targetWaitMinutes }) } : {})}
          sub={t('staff.kpi.waitMedianP90', {
            median: formatDuration(figures.waitSeconds.median),
            p90: formatDuration(figures.waitSeconds.p90),
          })}
        />
        <Figure
          testId="figure-serve"
          label={t('staff.kpi.serveAverage')}
          value={formatDuration(figures.serveSeconds.average)}
          sub={t('staff.kpi.serveMedian', { median: formatDuration(figures.serveSeconds.median) })}
        />
      </dl>

      <div class="figures__tables">
        <div>
          <Heading class="figures__title">
            {t('staff.kpi.satisfaction')}
            <span class="figures__title-sub">
              {t('staff.kpi.responses', { count: figures.satisfaction.responses })}
            </span>
          </Heading>
          <table class="table table--compact" data-testid="kpi-satisfaction">
            <thead>
              <tr>
                <th scope="col">{t('staff.kpi.question')}</th>
                <th scope="col">{t('staff.kpi.score')}</th>
              </tr>
            </thead>
            <tbody>
              {satisfaction.map((row) => (
                <tr key={row.question} data-question={row.question}>
                  <th scope="row">{t(`counter.survey.${row.question}`)}</th>
                  <td class="cell-num">{row.score === '—' ? row.score : `${row.score} / 5`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <Heading class="figures__title">{t('staff.kpi.byTopic')}</Heading>
          <div class="table-wrap">
            <table class="table table--compact" data-testid="kpi-by-topic">
              <thead>
                <tr>
                  <th scope="col">{t('staff.queue.topic')}</th>
                  <th scope="col">{t('staff.kpi.requests')}</th>
                  <th scope="col">{t('staff.kpi.callbacks')}</th>
                  <th scope="col">{t('staff.kpi.served')}</th>
                  <th scope="col">{t('staff.kpi.abandoned')}</th>
                  <th scope="col">{t('staff.kpi.waitAverage')}</th>
                  <th scope="col">{t('staff.kpi.serveAverage')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.byTopic.length === 0 ? (
                  <tr>
                    <td colSpan={7}>{t('staff.kpi.noData')}</td>
                  </tr>
                ) : (
                  figures.byTopic.map((row) => (
                    <tr
                      key={row.topic}
                      data-testid="kpi-topic-row"
                      data-topic={row.topic}
                      data-requests={row.requests}
                      data-served={row.served}
                      data-abandoned={row.abandoned}
                      data-callbacks={row.callbacks}
                    >
                      <th scope="row">{topicLabel(topics, row.topic, language)}</th>
                      <td class="cell-num">{row.requests}</td>
                      <td class="cell-num">{row.callbacks}</td>
                      <td class="cell-num">{row.served}</td>
                      <td class="cell-num">{row.abandoned}</td>
                      <td class="cell-num">{formatDuration(row.averageWaitSeconds)}</td>
                      <td class="cell-num">{formatDuration(row.averageServeSeconds)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
