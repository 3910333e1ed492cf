import type { KpiFigures } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import {
  formatFiguresDay,
  formatRate,
  formatScore,
  isIsoDate,
  kpiRangeProblem,
  kpiUrl,
  satisfactionRows,
} from './kpi';

describe('KPI range and export links', () => {
  it('accepts real days only', () => {
    expect(isIsoDate('2025-04-01')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-4-1')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it('says what is wrong with a range', () => {
    expect(kpiRangeProblem('2025-04-01', '2025-04-30')).toBeNull();
    expect(kpiRangeProblem('2025-04-01', '2025-04-01')).toBeNull();
    expect(kpiRangeProblem('', '2025-04-01')).toBe('fromInvalid');
    expect(kpiRangeProblem('2025-04-01', 'x')).toBe('toInvalid');
    expect(kpiRangeProblem('2025-05-01', '2025-04-01')).toBe('order');
  });

  it('builds the JSON and CSV addresses', () => {
    expect(kpiUrl('2025-04-01', '2025-04-30', 'json')).toBe('/api/v1/kpi?from=2025-04-01&to=2025-04-30');
    expect(kpiUrl('2025-04-01', '2025-04-30', 'csv')).toBe(
      '/api/v1/kpi?from=2025-04-01&to=2025-04-30&format=csv',
    );
  });
});

describe('KPI formatting', () => {
  it('shows rates as percentages with one decimal, and a dash when nobody finished', () => {
    expect(formatRate(0.125, 'ja')).toBe('12.5%');
    expect(formatRate(0, 'en')).toBe('0%');
    expect(formatRate(1, 'en')).toBe('100%');
    expect(formatRate(1 / 3, 'en')).toBe('33.3%');
    expect(formatRate(null, 'ja')).toBe('—');
  });

  it('shows satisfaction averages with one decimal in the questions’ order', () => {
    expect(formatScore(4.25)).toBe('4.3');
    expect(formatScore(5)).toBe('5.0');
    expect(formatScore(null)).toBe('—');
    const figures = {
      satisfaction: { easyToTalk: 4.5, resolved: null, useAgain: 3, responses: 2 },
    } as unknown as KpiFigures;
    expect(satisfactionRows(figures)).toEqual([
      { question: 'easyToTalk', score: '4.5' },
      { question: 'resolved', score: '—' },
      { question: 'useAgain', score: '3.0' },
    ]);
  });
});

describe('figures day', () => {
  it('shows the Japan day a period starts on', () => {
    expect(formatFiguresDay('2026-11-26T15:00:00.000Z')).toBe('2026/11/27');
    expect(formatFiguresDay('2026-11-27')).toBe('2026/11/27');
    expect(formatFiguresDay('whenever')).toBe('whenever');
  });
});
