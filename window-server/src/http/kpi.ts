import { ja, type KpiFigures, type Topic } from '@madoguchi/shared';
import { z } from 'zod';
import { AppError } from '../core/AppError.js';
import type { Tenant } from '../tenants/index.js';
import { addDays, zonedInstant, type LocalDate } from '../core/zonedTime.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-27');

export const kpiQuerySchema = z.strictObject({
  from: day,
  to: day,
  format: z.enum(['json', 'csv']).default('json'),
});

/** A year at most: enough for the annual report, bounded for the database. */
const MAX_DAYS = 366;

function localDate(text: string): LocalDate {
  const [year, month, dayOfMonth] = text.split('-').map(Number) as [number, number, number];
  const date = { year, month, day: dayOfMonth };
  const check = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== dayOfMonth) {
    throw new AppError('PAYLOAD_INVALID', undefined, ['from']);
  }
  return date;
}

/** `from` and `to` are whole days in the tenant's time zone, both included. */
export function kpiRange(tenant: Tenant, from: string, to: string): { from: Date; to: Date } {
  const zone = tenant.file.timeZone;
  const start = zonedInstant(localDate(from), '00:00', zone);
  const end = zonedInstant(addDays(localDate(to), 1), '00:00', zone);
  const days = (end.getTime() - start.getTime()) / 86_400_000;
  if (days <= 0) throw new AppError('PAYLOAD_INVALID', undefined, ['to']);
  if (days > MAX_DAYS) throw new AppError('PAYLOAD_INVALID', undefined, ['from', 'to']);
  return { from: start, to: end };
}

const cell = (value: string | number | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The figures as CSV for a spreadsheet: one row per topic and a total, Japanese labels beside
 * the ids, with a byte-order mark so Excel in Japan reads UTF-8.
 */
export function kpiCsv(figures: KpiFigures, topics: readonly Topic[]): string {
  const header = [
    'topic',
    'topic_ja',
    'requests',
    'callbacks',
    'served',
    'abandoned',
    'abandonment_rate',
    'average_wait_seconds',
    'average_serve_seconds',
    'satisfaction_easy_to_talk',
    'satisfaction_resolved',
    'satisfaction_use_again',
    'survey_responses',
  ];
  const rows = figures.byTopic.map((row) => [
    row.topic,
    topics.find((topic) => topic.id === row.topic)?.label.ja ?? row.topic,
    row.requests,
    row.callbacks,
    row.served,
    row.abandoned,
    row.served + row.abandoned === 0
      ? null
      : Math.round((row.abandoned / (row.served + row.abandoned)) * 100) / 100,
    row.averageWaitSeconds,
    row.averageServeSeconds,
    null,
    null,
    null,
    null,
  ]);
  rows.push([
    'all',
    ja.counter.kpiTotal,
    figures.requests,
    figures.callbacks,
    figures.served,
    figures.abandoned,
    figures.abandonmentRate,
    figures.waitSeconds.average,
    figures.serveSeconds.average,
    figures.satisfaction.easyToTalk,
    figures.satisfaction.resolved,
    figures.satisfaction.useAgain,
    figures.satisfaction.responses,
  ]);
  return `\ufeff${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
