import type { ChildcareView, SlotView } from '@madoguchi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeBookings, childcareSpec, slotRange, slotsByDay, timeRange } from './childcareModel';
import type { SpecContext } from './serviceScreens';
import { testSpecContext } from './testSpecContext';

function slot(id: string, startsAt: string, remaining = 2): SlotView {
  const end = new Date(Date.parse(startsAt) + 30 * 60_000).toISOString();
  return { id, startsAt, endsAt: end, place: '大村市 保健センター', remaining };
}

const SLOTS = [
  slot('b', '2025-11-28T10:30:00+09:00'),
  slot('a', '2025-11-28T10:00:00+09:00'),
  slot('full', '2025-11-28T11:00:00+09:00', 0),
  slot('c', '2025-12-02T14:00:00+09:00'),
  slot('allFull', '2025-12-03T14:00:00+09:00', 0),
];

const DATA: ChildcareView = {
  children: [
    {
      id: 'k1',
      name: '佐藤 はると',
      birthDate: '2024-08-10',
      ageMonths: 15,
      cards: [{ id: 'c1', title: '1歳半健診の ご案内', body: 'もうすぐ 1歳半健診です。' }],
    },
    { id: 'k2', name: '佐藤 ゆい', birthDate: '2025-05-01', ageMonths: 6, cards: [] },
  ],
  bookings: [
    {
      id: 'bk2',
      slotId: 'x',
      startsAt: '2025-12-10T10:00:00+09:00',
      place: '保健センター',
      childId: 'k1',
      status: 'booked',
    },
    {
      id: 'bk1',
      slotId: 'y',
      startsAt: '2025-11-28T09:00:00+09:00',
      place: '保健センター',
      childId: 'k2',
      status: 'booked',
    },
    {
      id: 'gone',
      slotId: 'z',
      startsAt: '2025-11-20T09:00:00+09:00',
      place: '保健センター',
      childId: null,
      status: 'cancelled',
    },
  ],
};

let context: SpecContext;

beforeAll(async () => {
  context = await testSpecContext();
});

const spec = (
  step: Parameters<typeof childcareSpec>[1]['step'],
  slots: Parameters<typeof childcareSpec>[1]['slots'] = { kind: 'loaded', slots: SLOTS },
  cancelling: string | null = null,
) => childcareSpec(context, { step, data: DATA, page: 0, slots, cancelling });

describe('slots by day', () => {
  it('groups open times by their day in Japan, earliest first, without full ones', () => {
    const days = slotsByDay(SLOTS);
    expect(days.map((day) => [day.date, day.slots.map((s) => s.id)])).toEqual([
      ['2025-11-28', ['a', 'b']],
      ['2025-12-02', ['c']],
    ]);
  });

  it('puts a time just after midnight in Japan on the Japanese day', () => {
    expect(slotsByDay([slot('late', '2025-11-28T15:30:00Z')])[0]?.date).toBe('2025-11-29');
  });

  it('asks for slots from tomorrow for four weeks', () => {
    expect(slotRange('2025-11-27')).toEqual({ from: '2025-11-28', to: '2025-12-25' });
    expect(timeRange(SLOTS[1]!)).toBe('10:00〜10:30');
  });
});

describe('childcare screens', () => {
  it('lists each child with their age in years and months, and the consultations', () => {
    const main = spec({ step: 'main' });
    expect(main.choices.map((choice) => [choice.label, choice.value])).toEqual([
      ['佐藤 はるとさん', '1歳3か月'],
      ['佐藤 ゆいさん', '6か月'],
      ['母子健康相談の 予約（2件）', undefined],
    ]);
    expect(main.lines.some((line) => line.text.includes('あした 11月28日（金） 9:00'))).toBe(true);
  });

  it('shows the information cards for a child’s age', () => {
    const child = spec({ step: 'child', childId: 'k1' });
    expect(child.title).toBe('子育て　佐藤 はるとさん');
    expect(child.lines[0]?.text).toBe('佐藤 はるとさん　1歳3か月');
    expect(child.choices.map((choice) => choice.label)).toEqual(['1歳半健診の ご案内']);
  });

  it('lists bookings soonest first, with a new booking always offered', () => {
    expect(activeBookings(DATA.bookings).map((booking) => booking.id)).toEqual(['bk1', 'bk2']);
    const bookings = spec({ step: 'bookings' });
    expect(bookings.choices.map((choice) => choice.id)).toEqual(['booking:bk1', 'booking:bk2', 'book']);
    expect(bookings.choices[0]?.label).toBe('あした 11月28日（金） 9:00');
  });

  it('books: day, then time, then a confirmation with the place', () => {
    const flow = { kind: 'new' as const, childId: 'k1' };
    const dates = spec({ step: 'date', flow });
    expect(dates.title).toBe('子育て　予約の 日にち');
    expect(dates.choices.map((choice) => [choice.id, choice.value])).toEqual([
      ['date:2025-11-28', 'あき 2枠'],
      ['date:2025-12-02', 'あき 1枠'],
    ]);
    const times = spec({ step: 'time', flow, date: '2025-11-28' });
    expect(times.choices.map((choice) => [choice.id, choice.label, choice.value])).toEqual([
      ['slot:a', '10:00〜10:30　大村市 保健センター', 'のこり 2人'],
      ['slot:b', '10:30〜11:00　大村市 保健センター', 'のこり 2人'],
    ]);
    const confirm = spec({ step: 'confirm', flow, slot: SLOTS[1]! });
    expect(confirm.lines.map((line) => line.text)).toEqual([
      'あした 11月28日（金）　10:00〜10:30',
      '場所：大村市 保健センター',
      '佐藤 はるとさんの 相談',
      'この 時間で 予約します。よろしいですか？',
    ]);
    expect(confirm.choices.map((choice) => choice.id)).toEqual(['confirm', 'back']);
  });

  it('changes a booking with the same steps, saying what it was', () => {
    const confirm = spec({ step: 'confirm', flow: { kind: 'change', bookingId: 'bk2' }, slot: SLOTS[0]! });
    expect(confirm.title).toBe('子育て　予約を 変える　確認');
    expect(confirm.lines.map((line) => line.text)).toContain('いまの 予約：12月10日（水） 10:00');
    expect(confirm.choices[0]?.label).toBe('変える');
  });

  it('asks before cancelling a booking', () => {
    const asked = spec({ step: 'booking', bookingId: 'bk1' }, undefined, 'bk1');
    expect(asked.dialog?.question).toBe('あした 11月28日（金） 9:00の 予約を 取り消しますか？');
    expect(asked.dialog?.choices.map((choice) => choice.label)).toEqual(['取り消さない', '取り消す']);
  });

  it('says what is being loaded, and a failure with one button', () => {
    expect(
      spec({ step: 'date', flow: { kind: 'new', childId: null } }, { kind: 'loading' }).lines[0]?.text,
    ).toBe('あいている 時間を 調べています…');
    const failed = spec(
      { step: 'date', flow: { kind: 'new', childId: null } },
      { kind: 'failed', code: 'PARTNER_UNAVAILABLE' },
    );
    expect(failed.lines[0]?.text).toBe('ただいま 子育てに つながりません。ほかの サービスは 使えます。');
    expect(failed.choices).toHaveLength(1);
  });

  it('shows the confirmation after booking', () => {
    const booked = spec({ step: 'booked', booking: DATA.bookings[1]!, changed: false });
    expect(booked.title).toBe('子育て　予約が できました');
    expect(booked.lines[0]?.text).toBe('予約しました。');
    expect(booked.choices.map((choice) => choice.id)).toEqual(['bookings', 'home']);
  });
});
