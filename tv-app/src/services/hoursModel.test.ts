import type { OpeningStatus, TenantPublic } from '@madoguchi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { clockTime, formatDate, hoursLines } from './hoursModel';
import { Translator } from './Translator';

const TENANT: TenantPublic = {
  id: 'omura',
  displayName: { ja: '大村市', en: 'Omura City' },
  colours: {
    background: '#0b1f3a',
    surface: '#16335c',
    text: '#f5f7fa',
    focus: '#ffd23f',
    accent: '#2e7d32',
  },
  services: ['hours', 'guide', 'settings'],
  contact: { phone: '0957-53-4111', office: { ja: '大村市役所', en: 'Omura City Hall' } },
};

const CLOSED_ON_HOLIDAY: OpeningStatus = {
  openNow: false,
  nextOpening: '2025-11-25T08:30:00+09:00',
  closesAt: null,
  days: [
    {
      date: '2025-11-24',
      weekday: 1,
      opensAt: null,
      closesAt: null,
      holidayName: { ja: '勤労感謝の日 振替休日', en: 'Labour Thanksgiving Day (observed)' },
      closedByTenant: false,
    },
    {
      date: '2025-11-25',
      weekday: 2,
      opensAt: '2025-11-25T08:30:00+09:00',
      closesAt: '2025-11-25T17:15:00+09:00',
      holidayName: null,
      closedByTenant: false,
    },
    {
      date: '2025-12-29',
      weekday: 1,
      opensAt: null,
      closesAt: null,
      holidayName: null,
      closedByTenant: true,
    },
    {
      date: '2025-11-29',
      weekday: 6,
      opensAt: null,
      closesAt: null,
      holidayName: null,
      closedByTenant: false,
    },
  ],
};

let ja: Translator;
let en: Translator;
beforeAll(async () => {
  ja = await Translator.create('ja');
  en = await Translator.create('en');
});

describe('times and dates', () => {
  it("reads the clock time in the tenant's own offset", () => {
    expect(clockTime('2025-11-25T08:30:00+09:00')).toBe('8:30');
    expect(clockTime('2025-11-25T17:15:00+09:00')).toBe('17:15');
  });

  it('formats dates per language, with the weekday', () => {
    expect(formatDate(ja, '2025-11-27')).toBe('11月27日（木）');
    expect(formatDate(en, '2025-11-27')).toBe('Thu 27 Nov');
  });
});

describe('hours lines', () => {
  it('says the counter is closed, when it opens next, the phone, then each day with holiday names', () => {
    const lines = hoursLines(ja, { kind: 'loaded', status: CLOSED_ON_HOLIDAY }, TENANT, 'ja');
    expect(lines.map((line) => line.id)).toEqual([
      'status',
      'next',
      'contact',
      'day-2025-11-24',
      'day-2025-11-25',
      'day-2025-12-29',
      'day-2025-11-29',
    ]);
    expect(lines.map((line) => line.text)).toEqual([
      'いま 窓口は しまっています',
      '次に あくのは 11月25日（火） 8:30 です',
      'お電話でも ご相談 いただけます: 0957-53-4111（大村市役所）',
      '11月24日（月）　お休み（勤労感謝の日 振替休日）',
      '11月25日（火）　8:30〜17:15',
      '12月29日（月）　お休み（年末年始）',
      '11月29日（土）　お休み',
    ]);
  });

  it('says until when it is open, in English too', () => {
    const status: OpeningStatus = {
      openNow: true,
      nextOpening: null,
      closesAt: '2025-11-25T17:15:00+09:00',
      days: [],
    };
    const lines = hoursLines(en, { kind: 'loaded', status }, TENANT, 'en');
    expect(lines.map((line) => line.text)).toEqual([
      'The counter is open now, until 17:15',
      'You can also call us: 0957-53-4111 (Omura City Hall)',
    ]);
  });

  it('keeps the phone number while loading and when the hours cannot be loaded', () => {
    expect(hoursLines(ja, { kind: 'loading' }, TENANT, 'ja').map((line) => line.id)).toEqual([
      'status',
      'contact',
    ]);
    const failed = hoursLines(ja, { kind: 'failed' }, TENANT, 'ja');
    expect(failed[0]?.text).toBe('窓口の時間を 読み込めませんでした。');
    expect(failed[1]?.text).toContain('0957-53-4111');
  });
});
