import { describe, expect, it } from 'vitest';
import { CARD_BODY_MAX, EMPTY_DRAFT, cardProblems, infoTextCard, toTvCard } from './cards';

const MY_NUMBER = '1234 5678 9018';

describe('cards', () => {
  it('needs a title; the body may be empty', () => {
    expect(cardProblems({ ...EMPTY_DRAFT })).toEqual({ title: 'missing' });
    expect(toTvCard({ ...EMPTY_DRAFT, title: '  手続きの 書類 ', body: '' })).toEqual({
      kind: 'text',
      title: '手続きの 書類',
      body: '',
    });
  });

  it('never sends a My Number, in any field', () => {
    expect(cardProblems({ ...EMPTY_DRAFT, title: 'メモ', body: `番号 ${MY_NUMBER}` })).toEqual({
      body: 'myNumber',
    });
    expect(cardProblems({ ...EMPTY_DRAFT, title: MY_NUMBER })).toEqual({ title: 'myNumber' });
    expect(cardProblems({ ...EMPTY_DRAFT, kind: 'qr', title: 'QR', qr: MY_NUMBER })).toEqual({
      qr: 'myNumber',
    });
    expect(toTvCard({ ...EMPTY_DRAFT, title: 'メモ', body: MY_NUMBER })).toBeNull();
  });

  it('checks the lengths the server checks', () => {
    expect(cardProblems({ ...EMPTY_DRAFT, title: 'x', body: 'y'.repeat(CARD_BODY_MAX + 1) })).toEqual({
      body: 'tooLong',
    });
    expect(cardProblems({ ...EMPTY_DRAFT, title: 'x'.repeat(101) })).toEqual({ title: 'tooLong' });
  });

  it('builds QR and image cards', () => {
    expect(
      toTvCard({ ...EMPTY_DRAFT, kind: 'qr', title: '申請', qr: ' https://www.city.omura.nagasaki.jp/ ' }),
    ).toEqual({
      kind: 'qr',
      title: '申請',
      content: 'https://www.city.omura.nagasaki.jp/',
    });
    expect(cardProblems({ ...EMPTY_DRAFT, kind: 'qr', title: '申請' })).toEqual({ qr: 'missing' });
    expect(cardProblems({ ...EMPTY_DRAFT, kind: 'image', title: '地図' })).toEqual({ image: 'missing' });
    expect(
      cardProblems({ ...EMPTY_DRAFT, kind: 'image', title: '地図', image: 'data:image/gif;base64,AA' }),
    ).toEqual({
      image: 'invalid',
    });
    expect(
      toTvCard({ ...EMPTY_DRAFT, kind: 'image', title: '地図', image: 'data:image/png;base64,QUJD' }),
    ).toEqual({
      kind: 'image',
      title: '地図',
      image: 'data:image/png;base64,QUJD',
    });
  });

  it('turns an information card into a text card when it fits', () => {
    expect(infoTextCard('1歳の 健診', '本文')).toEqual({ kind: 'text', title: '1歳の 健診', body: '本文' });
    expect(infoTextCard('長い', 'x'.repeat(CARD_BODY_MAX + 1))).toBeNull();
  });
});
