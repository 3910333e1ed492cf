import type { NoticeView } from '@madoguchi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { followingNotice, noticesSpec, sortNotices, textPageCount } from './noticesModel';
import type { SpecContext } from './serviceScreens';
import { testSpecContext } from './testSpecContext';

function notice(id: string, publishedAt: string, extra: Partial<NoticeView> = {}): NoticeView {
  return {
    id,
    title: { ja: `お知らせ ${id}`, en: null },
    body: { ja: `本文 ${id}。`, en: null },
    category: 'life',
    publishedAt,
    urgent: false,
    read: false,
    ...extra,
  };
}

const NOTICES = [
  notice('old', '2025-11-01T09:00:00+09:00', { read: true }),
  notice('new', '2025-11-26T09:00:00+09:00'),
  notice('typhoon', '2025-11-20T09:00:00+09:00', { urgent: true, category: 'disaster' }),
];

let context: SpecContext;

beforeAll(async () => {
  context = await testSpecContext();
});

describe('notices', () => {
  it('lists urgent ones first, then the newest', () => {
    expect(sortNotices(NOTICES).map((item) => item.id)).toEqual(['typhoon', 'new', 'old']);
    expect(followingNotice(NOTICES, 'typhoon')?.id).toBe('new');
    expect(followingNotice(NOTICES, 'old')).toBeNull();
  });

  it('marks unread ones in words and with a mark, and counts them', () => {
    const spec = noticesSpec(context, {
      step: { step: 'list' },
      notices: NOTICES,
      recommendations: [],
      page: 0,
    });
    expect(spec.title).toBe('お知らせ');
    expect(spec.lines[0]?.text).toBe('お知らせは 3件です。まだ 読んでいないのは 2件です。');
    expect(spec.choices.map((choice) => choice.id)).toEqual(['notice:typhoon', 'notice:new', 'notice:old']);
    expect(spec.choices[0]).toMatchObject({
      label: '【大切】 お知らせ typhoon',
      value: '● 未読　11月20日（木）',
    });
    expect(spec.choices[2]?.value).toBe('11月1日（土）');
    expect(spec.choices[1]?.speech).toBe('2番、まだ 読んでいません。 お知らせ new。 11月26日（水）');
  });

  it('offers recommendations as a last row when there are some', () => {
    const spec = noticesSpec(context, {
      step: { step: 'list' },
      notices: NOTICES,
      recommendations: [
        {
          id: 'r1',
          title: { ja: '子育て応援', en: null },
          body: { ja: 'b', en: null },
          reason: { ja: 'r', en: null },
        },
      ],
      page: 0,
    });
    expect(spec.choices.at(-1)).toMatchObject({ id: 'recommendations', label: 'あなたへの おすすめ（1件）' });
  });

  it('shows a notice with its title, date and body, and the way on', () => {
    const spec = noticesSpec(context, {
      step: { step: 'detail', id: 'typhoon', textPage: 0 },
      notices: NOTICES,
      recommendations: [],
      page: 0,
    });
    expect(spec.title).toBe('お知らせ　防災');
    expect(spec.lines.map((line) => line.text)).toEqual([
      '【大切】 お知らせ typhoon',
      '11月20日（木）　防災',
      '本文 typhoon。',
    ]);
    expect(spec.choices.map((choice) => choice.id)).toEqual(['notice:following', 'back']);
  });

  it('splits a long body into pages the viewer turns', () => {
    const long = notice('long', '2025-11-26T09:00:00+09:00', {
      body: { ja: 'とても 長い 文です。'.repeat(40), en: null },
    });
    const input = {
      step: { step: 'detail' as const, id: 'long', textPage: 0 },
      notices: [long],
      recommendations: [],
      page: 0,
    };
    const pages = textPageCount(context, input);
    expect(pages).toBeGreaterThan(1);
    const spec = noticesSpec(context, input);
    expect(spec.choices[0]).toMatchObject({ id: 'text:next', label: `つづきを 読む（2／${pages}）` });
    expect(spec.paging).toEqual({ page: 1, pages });
  });
});
