import type { ErrorCode } from '@madoguchi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PAGE_CHOICE,
  busySpec,
  emptySpec,
  messageSpec,
  pageOf,
  pagedChoices,
  serviceMessage,
  type ServiceChoice,
} from './serviceScreens';
import { Translator } from './Translator';

let ja: Translator;
let easy: Translator;
let en: Translator;

beforeAll(async () => {
  ja = await Translator.create('ja');
  easy = await Translator.create('ja-easy');
  en = await Translator.create('en');
});

const rows = (count: number): ServiceChoice[] =>
  Array.from({ length: count }, (_, index) => ({ id: `row:${index + 1}`, label: `行 ${index + 1}` }));

describe('pages of a long list', () => {
  it('keeps six or fewer on one page', () => {
    expect(pageOf([1, 2, 3, 4, 5, 6], 0)).toEqual({ items: [1, 2, 3, 4, 5, 6], page: 0, pages: 1 });
  });

  it('shows five and a paging row when there are more, and wraps round', () => {
    const items = Array.from({ length: 12 }, (_, index) => index + 1);
    expect(pageOf(items, 0)).toEqual({ items: [1, 2, 3, 4, 5], page: 0, pages: 3 });
    expect(pageOf(items, 2)).toEqual({ items: [11, 12], page: 2, pages: 3 });
    expect(pageOf(items, 3).page).toBe(0);
    expect(pageOf(items, -1).page).toBe(2);
  });

  it('never puts more than six choices on a screen, fixed rows included', () => {
    for (const count of [0, 3, 5, 6, 7, 11, 40]) {
      for (const fixed of [0, 1, 2]) {
        const spec = pagedChoices(
          emptySpec('t'),
          ja,
          rows(count),
          0,
          rows(fixed).map((row) => ({ ...row, id: `fixed:${row.id}` })),
        );
        expect(spec.choices.length).toBeLessThanOrEqual(6);
        expect(spec.choices.filter((choice) => choice.id.startsWith('fixed:'))).toHaveLength(fixed);
      }
    }
  });

  it('numbers the rows, says the page and offers the next one', () => {
    const spec = pagedChoices(emptySpec('お知らせ'), ja, rows(8), 0);
    expect(spec.numbered).toBe(true);
    expect(spec.paging).toEqual({ page: 1, pages: 2 });
    expect(spec.choices.map((choice) => choice.id)).toEqual([
      'row:1',
      'row:2',
      'row:3',
      'row:4',
      'row:5',
      PAGE_CHOICE,
    ]);
    expect(spec.choices[5]?.label).toBe('つぎの ページへ（2／2）');
    expect(spec.choices[0]?.speech).toBe('1番、行 1');
    expect(spec.lines.map((line) => line.text)).toContain('1／2ページ　左右ボタンでも ページを かえます');
    const last = pagedChoices(emptySpec('お知らせ'), ja, rows(8), 1);
    expect(last.choices.map((choice) => choice.id)).toEqual(['row:6', 'row:7', 'row:8', PAGE_CHOICE]);
    expect(last.choices[3]?.label).toBe('はじめの ページへ（1／2）');
  });
});

describe('what an error says', () => {
  it('names the service that is down, says the rest works, and offers one try again', () => {
    const message = serviceMessage(ja, 'wallet', 'PARTNER_UNAVAILABLE', 1);
    expect(message.lines[0]).toBe('ただいま 地域通貨に つながりません。ほかの サービスは 使えます。');
    expect(message.lines).toContain('緑ボタンで 係員と 話せます。');
    expect(message.action).toBe('retry');
    const spec = messageSpec('地域通貨', message, ja);
    expect(spec.choices).toEqual([{ id: 'error:retry', label: 'もう一度 ためす' }]);
    expect(spec.lines[0]?.style).toBe('headline');
  });

  it('maps every code the services send to a message and one action', () => {
    const cases: [ErrorCode, string][] = [
      ['PARTNER_UNAVAILABLE', 'retry'],
      ['PARTNER_ERROR', 'retry'],
      ['SERVER_UNREACHABLE', 'retry'],
      ['INSUFFICIENT_FUNDS', 'back'],
      ['SLOT_FULL', 'slots'],
      ['ALREADY_BOOKED', 'back'],
      ['SIGN_IN_REQUIRED', 'choosePerson'],
      ['CONSENT_REQUIRED', 'consent'],
      ['NOT_LINKED', 'choosePerson'],
      ['INTERNAL', 'retry'],
    ];
    for (const [code, action] of cases) {
      for (const texts of [ja, easy, en]) {
        const message = serviceMessage(texts, 'childcare', code, 2);
        expect(message.action, code).toBe(action);
        expect(message.lines.length).toBeGreaterThan(0);
        for (const text of message.lines) expect(text, code).not.toMatch(/tvApp\.|errors\.|\{\{/);
      }
    }
  });

  it('offers sign-in when nobody is linked to the TV yet, the chooser otherwise', () => {
    expect(serviceMessage(ja, 'wallet', 'SIGN_IN_REQUIRED', 0).action).toBe('signIn');
    expect(serviceMessage(ja, 'wallet', 'SIGN_IN_REQUIRED', 2).lines[0]).toBe('どなたが 使いますか？');
  });

  it('explains that requests nearby use the household town', () => {
    const message = serviceMessage(ja, 'mutualAid', 'CONSENT_REQUIRED', 1);
    expect(message.lines[0]).toContain('町の名前');
    expect(message.action).toBe('consent');
  });
});

describe('while a request is under way', () => {
  it('takes the choices away and says so', () => {
    const spec = pagedChoices(emptySpec('確認'), ja, rows(2), 0);
    busySpec(spec, ja);
    expect(spec.choices).toEqual([]);
    expect(spec.lines.at(-1)?.text).toBe('受け付けています…');
  });
});
