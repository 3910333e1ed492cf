import { beforeAll, describe, expect, it } from 'vitest';
import { reminderLine } from './homeModel';
import { Translator } from './Translator';

let ja: Translator;

beforeAll(async () => {
  ja = await Translator.create('ja');
});

describe('Home reminder', () => {
  it('says tomorrow’s 母子健康相談 short on screen and in full aloud', () => {
    const line = reminderLine(ja, { startsAt: '2025-11-28T10:00:00+09:00', place: '大村市 保健センター' });
    expect(line.text).toBe('あした 10:00から 母子健康相談（大村市 保健センター）');
    expect(line.speech).toBe(
      'あしたは 母子健康相談の 予約が あります。11月28日（金）、10:00から、大村市 保健センターです',
    );
  });
});
