import type { CityConfigView, PartnerHealth } from '@madoguchi/shared';
import { STAFF_TEXTS } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import {
  WEEKDAYS,
  closedDateText,
  hoursText,
  kpiTargetTexts,
  partnerRows,
  readCityConfig,
  secretText,
} from './cityConfig';

const portal: CityConfigView['partners'][number] = {
  partner: 'portal',
  source: 'city',
  baseUrl: 'https://portal.example',
  auth: 'apiKey',
  clientId: null,
  credential: { kind: 'env', name: 'MINATO_PORTAL_KEY' },
};
const childcare: CityConfigView['partners'][number] = {
  partner: 'childcare',
  source: 'installation',
  baseUrl: null,
  auth: 'apiKey',
  clientId: null,
  credential: { kind: 'generated' },
};
const health: PartnerHealth[] = [
  { partner: 'childcare', breaker: 'open', lastSuccessAt: null, lastFailureAt: null, lastError: 'timeout' },
];

function lookup(resources: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);
}

describe('the city page', () => {
  it('writes a day’s hours, and a closed day as none', () => {
    expect(
      hoursText([
        ['08:30', '12:00'],
        ['13:00', '17:15'],
      ]),
    ).toBe('08:30–12:00, 13:00–17:15');
    expect(hoursText([])).toBeNull();
    expect(closedDateText('01-03')).toEqual({ key: 'staff.city.closedDate', params: { month: 1, day: 3 } });
  });

  it('names where each secret is read from, never a value', () => {
    expect(secretText({ kind: 'env', name: 'X_KEY' })).toEqual({
      key: 'staff.city.secret.env',
      params: { name: 'X_KEY' },
    });
    expect(secretText({ kind: 'file', path: 'secrets/k' })).toEqual({
      key: 'staff.city.secret.file',
      params: { path: 'secrets/k' },
    });
    expect(secretText({ kind: 'installation' })).toEqual({ key: 'staff.city.secret.installation' });
    expect(secretText({ kind: 'generated' })).toEqual({ key: 'staff.city.secret.generated' });
  });

  it('puts each partner’s health beside its configuration', () => {
    const rows = partnerRows([portal, childcare], health);
    expect(rows.map((row) => [row.partner, row.health?.breaker ?? null])).toEqual([
      ['portal', null],
      ['childcare', 'open'],
    ]);
    expect(partnerRows([portal], null)[0]?.health).toBeNull();
  });

  it('gives the KPI targets in words', () => {
    const texts = kpiTargetTexts(
      { targetWaitMinutes: 8, targetAbandonmentRate: 0.05, fiscalYearStartMonth: 4 },
      (rate) => `${rate * 100}%`,
    );
    expect(texts.map((text) => text.params)).toEqual([{ minutes: 8 }, { rate: '5%' }, { month: 4 }]);
  });

  it('refuses an answer that lacks a section it draws', () => {
    expect(() => readCityConfig({ id: 'omura' })).toThrow();
    expect(() => readCityConfig(null)).toThrow();
  });

  it('has every text the page builds from data, in Japanese and English', () => {
    const keys = [
      ...WEEKDAYS.map((day) => `staff.city.weekday.${day}`),
      ...['env', 'file', 'installation', 'generated'].map((kind) => `staff.city.secret.${kind}`),
      ...['city', 'installation'].map((source) => `staff.city.source.${source}`),
      ...['apiKey', 'clientCredentials'].map((auth) => `staff.city.auth.${auth}`),
      ...['sandbox', 'oidc'].map((kind) => `staff.city.provider.${kind}`),
      ...['letters', 'digits'].map((alphabet) => `staff.city.userCodeAlphabet.${alphabet}`),
      ...['background', 'surface', 'text', 'focus', 'accent'].map((c) => `staff.city.colour.${c}`),
      'staff.city.closedDate',
      'staff.nav.city',
    ];
    const missing = keys.filter(
      (key) =>
        typeof lookup(STAFF_TEXTS.ja, key) !== 'string' || typeof lookup(STAFF_TEXTS.en, key) !== 'string',
    );
    expect(missing).toEqual([]);
  });
});
