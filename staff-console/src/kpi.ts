import { SURVEY_QUESTIONS, type KpiFigures, type SurveyQuestion } from '@madoguchi/shared';
import type { ConsoleLanguage } from './i18n';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (2025-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export type KpiRangeProblem = 'fromInvalid' | 'toInvalid' | 'order';

/** What is wrong with a date range, or null when the export may be asked for. */
export function kpiRangeProblem(from: string, to: string): KpiRangeProblem | null {
  if (!isIsoDate(from)) return 'fromInvalid';
  if (!isIsoDate(to)) return 'toInvalid';
  return from > to ? 'order' : null;
}

/**
 * The export's path below the city's base (`ApiClient.urlOf` makes the link); the server answers
 * JSON, or a CSV download with `format=csv`.
 */
export function kpiUrl(from: string, to: string, format: 'json' | 'csv'): string {
  const query = new URLSearchParams({ from, to });
  if (format === 'csv') query.set('format', 'csv');
  return `/api/v1/kpi?${query.toString()}`;
}

/** 0.125 → "12.5%"; null (nobody finished yet) → "—". */
export function formatRate(rate: number | null, language: ConsoleLanguage): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(rate);
}

/** A 1–5 average with one decimal: 4.25 → "4.3"; null (no answers) → "—". */
export function formatScore(score: number | null): string {
  if (score === null || !Number.isFinite(score)) return '—';
  return score.toFixed(1);
}

export interface SatisfactionRow {
  question: SurveyQuestion;
  score: string;
}

/** The three survey questions in their fixed order, each with its average. */
export function satisfactionRows(figures: KpiFigures): SatisfactionRow[] {
  return SURVEY_QUESTIONS.map((question) => ({
    question,
    score: formatScore(figures.satisfaction[question]),
  }));
}

const DAY = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Japan day a figures period starts on, 2025/04/01; the value itself when it is not a time. */
export function formatFiguresDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DAY.format(date);
}
