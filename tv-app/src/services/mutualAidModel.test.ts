import type { AidRequestView } from '@madoguchi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MutualAidData } from './CityServices';
import { aidSpec, canOffer, myActions, statusText } from './mutualAidModel';
import type { SpecContext } from './serviceScreens';
import { testSpecContext } from './testSpecContext';

function request(id: string, extra: Partial<AidRequestView> = {}): AidRequestView {
  return {
    id,
    template: 'shopping',
    area: '大村市 水田町',
    date: '2025-11-28',
    period: 'morning',
    status: 'open',
    mine: false,
    offeredByMe: false,
    points: 300,
    ...extra,
  };
}

const DATA: MutualAidData = {
  area: '大村市 水田町',
  nearby: [request('n1'), request('n2', { template: 'garden', status: 'offered', offeredByMe: true })],
  mine: [
    request('m1', {
      mine: true,
      status: 'offered',
      template: 'ride',
      date: '2025-11-29',
      period: 'afternoon',
    }),
  ],
};

let context: SpecContext;

beforeAll(async () => {
  context = await testSpecContext();
});

const spec = (
  step: Parameters<typeof aidSpec>[1]['step'],
  dialog: Parameters<typeof aidSpec>[1]['dialog'] = null,
) => aidSpec(context, { step, data: DATA, page: 0, dialog });

describe('mutual aid', () => {
  it('offers requests nearby, asking for help and my requests, and says when an offer waits', () => {
    const main = spec({ step: 'main' });
    expect(main.title).toBe('地域共助');
    expect(main.choices.map((choice) => choice.label)).toEqual([
      '近くの おねがい（2件）',
      '手伝いを たのむ',
      'わたしの おねがい（1件）',
    ]);
    expect(main.lines.some((line) => line.style === 'notice')).toBe(true);
  });

  it('words each status for the asker and for a neighbour', () => {
    expect(statusText(context, DATA.mine[0]!)).toBe('手伝いの 申し出が あります');
    expect(statusText(context, DATA.nearby[0]!)).toBe('手伝う人を さがしています');
    expect(statusText(context, DATA.nearby[1]!)).toBe('あなたが 申し出ています');
    expect(spec({ step: 'nearby' }).choices[0]).toMatchObject({
      label: '買い物の 手伝い　あした 11月28日（金）の 午前',
    });
  });

  it('offers only the actions that make sense', () => {
    expect(myActions(request('a', { mine: true, status: 'open' }))).toEqual(['cancel']);
    expect(myActions(request('a', { mine: true, status: 'offered' }))).toEqual(['accept', 'cancel']);
    expect(myActions(request('a', { mine: true, status: 'accepted' }))).toEqual(['complete', 'cancel']);
    expect(myActions(request('a', { mine: true, status: 'completed' }))).toEqual([]);
    expect(canOffer(DATA.nearby[0]!)).toBe(true);
    expect(canOffer(DATA.nearby[1]!)).toBe(false);
    expect(spec({ step: 'myRequest', id: 'm1' }).choices.map((choice) => choice.id)).toEqual([
      'action:accept',
      'action:cancel',
      'back',
    ]);
    expect(spec({ step: 'request', id: 'n1' }).choices.map((choice) => choice.id)).toEqual([
      'action:offer',
      'back',
    ]);
    expect(spec({ step: 'request', id: 'n2' }).choices.map((choice) => choice.id)).toEqual(['back']);
  });

  it('asks for help: a template, one of the next seven days (paged), morning or afternoon, then confirm', () => {
    expect(spec({ step: 'template' }).choices.map((choice) => choice.id)).toEqual([
      'template:shopping',
      'template:garden',
      'template:ride',
      'template:smartphone',
    ]);
    const days = spec({ step: 'day', template: 'garden' });
    expect(days.choices.map((choice) => choice.id)).toEqual([
      'day:2025-11-28',
      'day:2025-11-29',
      'day:2025-11-30',
      'day:2025-12-01',
      'day:2025-12-02',
      'page:next',
    ]);
    expect(days.choices[0]?.label).toBe('あした 11月28日（金）');
    const secondPage = aidSpec(context, {
      step: { step: 'day', template: 'garden' },
      data: DATA,
      page: 1,
      dialog: null,
    });
    expect(secondPage.choices.map((choice) => choice.id)).toEqual([
      'day:2025-12-03',
      'day:2025-12-04',
      'page:next',
    ]);
    expect(
      spec({ step: 'period', template: 'garden', date: '2025-11-29' }).choices.map((choice) => choice.id),
    ).toEqual(['period:morning', 'period:afternoon']);
    const confirm = spec({ step: 'confirm', template: 'garden', date: '2025-11-29', period: 'afternoon' });
    expect(confirm.lines[0]?.text).toBe('11月29日（土）の 午後に 「庭の 手入れ」を たのみます。');
    expect(confirm.choices.map((choice) => choice.id)).toEqual(['send', 'back']);
  });

  it('asks before cancelling, the safe answer first', () => {
    const asked = spec({ step: 'myRequest', id: 'm1' }, { kind: 'cancel', id: 'm1' });
    expect(asked.dialog?.question).toBe('この おねがいを 取り消しますか？');
    expect(asked.dialog?.choices.map((choice) => choice.id)).toEqual(['dialog:keep', 'dialog:act']);
  });
});
