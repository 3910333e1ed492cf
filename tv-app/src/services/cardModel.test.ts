import type { TvCardShown } from '@madoguchi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardView } from './cardModel';
import { OfficerPushes, readAssist, readCard } from './OfficerPushes';
import { Translator } from './Translator';

let ja: Translator;

beforeAll(async () => {
  ja = await Translator.create('ja');
});

const context = { today: '2025-11-27', textScale: 1, page: 0, waiting: 0 };

describe('cards from an officer', () => {
  it('shows a booking confirmation with its date, time and place', () => {
    const card: TvCardShown = {
      kind: 'booking',
      cardId: 'c1',
      from: '山田',
      booking: {
        id: 'b1',
        slotId: 's1',
        startsAt: '2025-11-28T10:00:00+09:00',
        place: '保健センター',
        childId: null,
        status: 'booked',
      },
    };
    const view = cardView(ja, card, context);
    expect(view.title).toBe('母子健康相談の 予約');
    expect(view.from).toBe('山田から');
    expect(view.lines.map((line) => line.text)).toEqual([
      '日にち：あした 11月28日（金）',
      '時間：10:00から',
      '場所：保健センター',
    ]);
    expect(view.speech).toContain('場所：保健センター');
    expect(view.hint).toBe('決定ボタンか 戻るボタンで 閉じます');
  });

  it('pages a long text and says the page on screen', () => {
    const card: TvCardShown = {
      kind: 'text',
      cardId: 'c2',
      from: '山田',
      title: '手続き',
      body: 'この 書類を 用意してください。'.repeat(30),
    };
    const first = cardView(ja, card, context);
    expect(first.pages).toBeGreaterThan(1);
    expect(first.hint).toContain(`1／${first.pages}ページ`);
    expect(first.speech.startsWith('手続き。')).toBe(true);
  });

  it('writes out a short QR code content under the code', () => {
    const view = cardView(
      ja,
      { kind: 'qr', cardId: 'c3', from: '山田', title: '申請の ページ', content: 'https://example.jp/a' },
      context,
    );
    expect(view.qr).toBe('https://example.jp/a');
    expect(view.lines[0]?.text).toBe('https://example.jp/a');
  });

  it('checks what is pushed before showing it', () => {
    expect(readCard({ kind: 'text', cardId: 'c', from: 'x', title: 't', body: 'b' })).not.toBeNull();
    expect(
      readCard({ kind: 'image', cardId: 'c', from: 'x', title: 't', image: 'javascript:alert(1)' }),
    ).toBeNull();
    expect(readCard({ kind: 'booking', cardId: 'c', from: 'x', booking: {} })).toBeNull();
    expect(readCard(null)).toBeNull();
    expect(readAssist({ route: 'wallet', officerName: '山田' })).toEqual({
      route: 'wallet',
      officerName: '山田',
    });
    expect(readAssist({ route: 'somewhere', officerName: '山田' })).toBeNull();
  });

  it('keeps cards until dismissed, newest on top', () => {
    const listeners = new Map<string, (value: unknown) => void>();
    const pushes = new OfficerPushes({
      onServer: ((event: string, listener: (value: unknown) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      }) as never,
    });
    const shown: (string | null)[] = [];
    pushes.on('card', (card) => shown.push(card?.cardId ?? null));
    pushes.start();
    listeners.get('tv:card')?.({ kind: 'text', cardId: 'a', from: 'x', title: 'A', body: '' });
    listeners.get('tv:card')?.({ kind: 'text', cardId: 'b', from: 'x', title: 'B', body: '' });
    expect(pushes.card?.cardId).toBe('b');
    expect(pushes.waiting).toBe(1);
    pushes.dismiss();
    pushes.dismiss();
    expect(shown).toEqual(['a', 'b', 'a', null]);
    const navigated: string[] = [];
    pushes.on('navigate', (request) => navigated.push(request.route));
    listeners.get('tv:navigate')?.({ route: 'childcare', officerName: '山田' });
    expect(navigated).toEqual(['childcare']);
  });
});
