import { SURVEY_QUESTIONS, type KpiFigures } from '@madoguchi/shared';
import { sql } from 'kysely';
import type { TenantDb } from '../db/index.js';

/** Counts rows where `condition` holds (the same SQL on both engines). */
const countWhere = (condition: ReturnType<typeof sql>) =>
  sql<number>`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

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
  constructor(private readonly db: TenantDb) {}

  async figures(from: Date, to: Date, topics: readonly string[]): Promise<KpiFigures> {
    const range = { from: from.toISOString(), to: to.toISOString() };
    const db = this.db;
    const [requestRows, endingRows, waitRows, serveRows, surveyRow] = await Promise.all([
      db
        .selectFrom('queue_entries')
        .select([
          'topic',
          sql<number>`COUNT(*)`.as('requests'),
          countWhere(sql`kind = 'callback'`).as('callbacks'),
        ])
        .where('joined_at', '>=', range.from)
        .where('joined_at', '<', range.to)
        .groupBy('topic')
        .execute(),
      db
        .selectFrom('queue_entries')
        .select([
          'topic',
          countWhere(sql`status = 'served'`).as('served'),
          countWhere(sql`status = 'abandoned'`).as('abandoned'),
        ])
        .where('ended_at', '>=', range.from)
        .where('ended_at', '<', range.to)
        .groupBy('topic')
        .execute(),
      db
        .selectFrom('queue_entries')
        .select(['topic', this.db.secondsBetween('first_accepted_at', 'joined_at').as('seconds')])
        .where('kind', '=', 'walkIn')
        .where('first_accepted_at', '>=', range.from)
        .where('first_accepted_at', '<', range.to)
        .execute(),
      db
        .selectFrom('consultations')
        .select(['topic', this.db.secondsBetween('ended_at', 'answered_at').as('seconds')])
        .where('status', '=', 'ended')
        .where('answered_at', 'is not', null)
        .where('ended_at', '>=', range.from)
        .where('ended_at', '<', range.to)
        .execute(),
      db
        .selectFrom('survey_answers')
        .select((eb) => [
          eb.fn.avg<number | null>('easy_to_talk').as('easyToTalk'),
          eb.fn.avg<number | null>('resolved').as('resolved'),
          eb.fn.avg<number | null>('use_again').as('useAgain'),
          sql<number>`COUNT(*)`.as('responses'),
        ])
        .where('answered_at', '>=', range.from)
        .where('answered_at', '<', range.to)
        .executeTakeFirst(),
    ]);
    // Both engines' numbers as numbers (PostgreSQL's COUNT and AVG arrive as text otherwise).
    const num = (value: unknown): number => Number(value ?? 0);
    const orNull = (value: unknown): number | null =>
      value === null || value === undefined ? null : Number(value);
    const requests = requestRows.map((r) => ({
      topic: r.topic,
      requests: num(r.requests),
      callbacks: num(r.callbacks),
    }));
    const endings = endingRows.map((e) => ({
      topic: e.topic,
      served: num(e.served),
      abandoned: num(e.abandoned),
    }));
    const waits = waitRows.map((w) => ({ topic: w.topic, seconds: num(w.seconds) }));
    const serves = serveRows.map((r) => ({ topic: r.topic, seconds: num(r.seconds) }));
    const survey = {
      easyToTalk: orNull(surveyRow?.easyToTalk),
      resolved: orNull(surveyRow?.resolved),
      useAgain: orNull(surveyRow?.useAgain),
      responses: num(surveyRow?.responses),
    };

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
