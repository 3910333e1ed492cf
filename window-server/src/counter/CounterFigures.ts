import { SURVEY_QUESTIONS, type KpiFigures } from '@madoguchi/shared';
import type { Database } from '../db/index.js';

interface TopicCounts {
  topic: string;
  requests: number;
  callbacks: number;
}

const SECONDS_BETWEEN = (later: string, earlier: string): string =>
  `(julianday(${later}) - julianday(${earlier})) * 86400`;

function average(values: number[]): number | null {
  if (values.length === 0) return null;
  return Math.round(values.reduce((sum, v) => sum + v, 0) / values.length);
}

function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);
}

const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

/**
 * The counter's figures for a period, straight from the rows the counter keeps: requests and
 * call backs by when they were made, outcomes by when they ended, waiting by when an officer
 * first took the call, serving by when it ended.
 */
export class CounterFigures {
  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
  ) {}

  figures(from: Date, to: Date, topics: readonly string[]): KpiFigures {
    const range = { tenantId: this.tenantId, from: from.toISOString(), to: to.toISOString() };
    const requests = this.db
      .prepare<typeof range, TopicCounts>(
        `SELECT topic, COUNT(*) AS requests, SUM(kind = 'callback') AS callbacks FROM queue_entries
         WHERE tenant_id = @tenantId AND joined_at >= @from AND joined_at < @to GROUP BY topic`,
      )
      .all(range);
    const endings = this.db
      .prepare<typeof range, { topic: string; served: number; abandoned: number }>(
        `SELECT topic, SUM(status = 'served') AS served, SUM(status = 'abandoned') AS abandoned FROM queue_entries
         WHERE tenant_id = @tenantId AND ended_at >= @from AND ended_at < @to GROUP BY topic`,
      )
      .all(range);
    const waits = this.db
      .prepare<typeof range, { topic: string; seconds: number }>(
        `SELECT topic, ${SECONDS_BETWEEN('first_accepted_at', 'joined_at')} AS seconds FROM queue_entries
         WHERE tenant_id = @tenantId AND kind = 'walkIn' AND first_accepted_at >= @from AND first_accepted_at < @to`,
      )
      .all(range);
    const serves = this.db
      .prepare<typeof range, { topic: string; seconds: number }>(
        `SELECT topic, ${SECONDS_BETWEEN('ended_at', 'answered_at')} AS seconds FROM consultations
         WHERE tenant_id = @tenantId AND status = 'ended' AND answered_at IS NOT NULL
           AND ended_at >= @from AND ended_at < @to`,
      )
      .all(range);
    const survey = this.db
      .prepare<
        typeof range,
        { easyToTalk: number | null; resolved: number | null; useAgain: number | null; responses: number }
      >(
        `SELECT AVG(s.easy_to_talk) AS easyToTalk, AVG(s.resolved) AS resolved, AVG(s.use_again) AS useAgain,
           COUNT(*) AS responses
         FROM survey_answers s JOIN consultations c ON c.id = s.consultation_id
         WHERE c.tenant_id = @tenantId AND s.answered_at >= @from AND s.answered_at < @to`,
      )
      .get(range) ?? { easyToTalk: null, resolved: null, useAgain: null, responses: 0 };

    const allTopics = [
      ...new Set([...topics, ...requests.map((r) => r.topic), ...endings.map((e) => e.topic)]),
    ];
    const byTopic = allTopics.map((topic) => {
      const req = requests.find((r) => r.topic === topic);
      const end = endings.find((e) => e.topic === topic);
      return {
        topic,
        requests: req?.requests ?? 0,
        callbacks: req?.callbacks ?? 0,
        served: end?.served ?? 0,
        abandoned: end?.abandoned ?? 0,
        averageWaitSeconds: average(waits.filter((w) => w.topic === topic).map((w) => w.seconds)),
        averageServeSeconds: average(serves.filter((s) => s.topic === topic).map((s) => s.seconds)),
      };
    });
    const sum = (key: 'requests' | 'callbacks' | 'served' | 'abandoned'): number =>
      byTopic.reduce((total, row) => total + row[key], 0);
    const served = sum('served');
    const abandoned = sum('abandoned');
    const waitSeconds = waits.map((w) => w.seconds);
    const serveSeconds = serves.map((s) => s.seconds);
    const satisfaction = Object.fromEntries(
      SURVEY_QUESTIONS.map((question) => [question, round2(survey[question])]),
    ) as Record<(typeof SURVEY_QUESTIONS)[number], number | null>;
    return {
      from: range.from,
      to: range.to,
      requests: sum('requests'),
      callbacks: sum('callbacks'),
      served,
      abandoned,
      abandonmentRate: served + abandoned === 0 ? null : round2(abandoned / (served + abandoned)),
      waitSeconds: {
        average: average(waitSeconds),
        median: quantile(waitSeconds, 0.5),
        p90: quantile(waitSeconds, 0.9),
      },
      serveSeconds: { average: average(serveSeconds), median: quantile(serveSeconds, 0.5) },
      satisfaction: { ...satisfaction, responses: survey.responses },
      byTopic,
    };
  }
}
