import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  ageText,
  charsPerTextPage,
  dayLabel,
  daysBetween,
  groupDigits,
  jstDate,
  jstParts,
  localText,
  nextDays,
  textPages,
} from './serviceFormat';
import { Translator } from './Translator';

let ja: Translator;
let en: Translator;

beforeAll(async () => {
  ja = await Translator.create('ja');
  en = await Translator.create('en');
});

describe('dates in Japan', () => {
  it('gives the Japanese date of an instant, across midnight UTC', () => {
    expect(jstDate(Date.parse('2025-11-27T14:59:00Z'))).toBe('2025-11-27');
    expect(jstDate(Date.parse('2025-11-27T15:00:00Z'))).toBe('2025-11-28');
  });

  it('reads partner times with an offset or in UTC as the same clock time in Japan', () => {
    expect(jstParts('2025-11-28T10:00:00+09:00')).toEqual({ date: '2025-11-28', time: '10:00' });
    expect(jstParts('2025-11-28T00:30:00Z')).toEqual({ date: '2025-11-28', time: '9:30' });
    expect(jstParts('not a date')).toBeNull();
  });

  it('counts days and lists the next ones across month ends', () => {
    expect(addDays('2025-11-30', 1)).toBe('2025-12-01');
    expect(daysBetween('2025-12-31', '2026-01-02')).toBe(2);
    expect(nextDays('2025-11-29', 3)).toEqual(['2025-11-30', '2025-12-01', '2025-12-02']);
  });

  it('says today and tomorrow before the date', () => {
    expect(dayLabel(ja, '2025-11-27', '2025-11-27')).toBe('きょう 11月27日（木）');
    expect(dayLabel(ja, '2025-11-28', '2025-11-27')).toBe('あした 11月28日（金）');
    expect(dayLabel(ja, '2025-11-29', '2025-11-27')).toBe('11月29日（土）');
  });
});

describe('amounts and ages', () => {
  it('groups digits by hand', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits(-1200)).toBe('-1,200');
  });

  it('writes an age in years and months from whole months', () => {
    expect(ageText(ja, 0)).toBe('0か月');
    expect(ageText(ja, 8)).toBe('8か月');
    expect(ageText(ja, 12)).toBe('1歳');
    expect(ageText(ja, 15)).toBe('1歳3か月');
    expect(ageText(ja, 47)).toBe('3歳11か月');
    expect(ageText(en, 15)).toBe('1 yr 3 mo');
  });

  it('shows English partner text only when there is some', () => {
    expect(localText({ ja: 'お知らせ', en: 'Notice' }, 'en')).toBe('Notice');
    expect(localText({ ja: 'お知らせ', en: null }, 'en')).toBe('お知らせ');
    expect(localText({ ja: 'お知らせ', en: 'Notice' }, 'ja-easy')).toBe('お知らせ');
  });
});

describe('long text in pages', () => {
  it('keeps a short text on one page', () => {
    expect(textPages('短い お知らせです。', 100)).toEqual(['短い お知らせです。']);
  });

  it('cuts after sentences, and inside a sentence only when it alone is too long', () => {
    const text = 'あいうえお。かきくけこ。さしすせそ。';
    expect(textPages(text, 12)).toEqual(['あいうえお。かきくけこ。', 'さしすせそ。']);
    expect(textPages('あ'.repeat(25), 10)).toEqual(['あ'.repeat(10), 'あ'.repeat(10), 'あ'.repeat(5)]);
  });

  it('holds less per page with larger text', () => {
    expect(charsPerTextPage(1)).toBeGreaterThan(charsPerTextPage(1.25));
    expect(charsPerTextPage(1.25)).toBeGreaterThan(charsPerTextPage(1.5));
  });
});
