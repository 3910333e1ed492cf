import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerErrorSchema } from '../../../partnerContracts/index.js';
import {
  noticeListSchema,
  noticeResponseSchema,
  recommendationListSchema,
} from '../../../partnerContracts/index.js';
import { MINATO, PartnersUnderTest } from '../testHarness.js';

describe('sandbox portal partner (おむすび。)', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start();
  });
  afterAll(() => partners.close());

  it('lists the five current notices, urgent first, then newest first, in both languages', async () => {
    const { notices } = noticeListSchema.parse((await partners.call('portal', 'GET', '/v1/notices')).body);
    expect(notices.map((notice) => notice.category)).toEqual([
      'disaster',
      'health',
      'childcare',
      'event',
      'life',
    ]);
    expect(notices[0]).toMatchObject({ urgent: true, title: { ja: '大雨に関する情報' } });
    expect(notices.every((notice) => notice.title.en && notice.body.en)).toBe(true);
    expect(notices.map((notice) => notice.id)).not.toContain('ntc-0000'); // expired
    const two = noticeListSchema.parse((await partners.call('portal', 'GET', '/v1/notices?limit=2')).body);
    expect(two.notices).toHaveLength(2);
  });

  it('gives one notice, and 404 for an expired or unknown one', async () => {
    const answer = await partners.call('portal', 'GET', '/v1/notices/ntc-0003');
    expect(noticeResponseSchema.parse(answer.body).notice.category).toBe('childcare');
    for (const id of ['ntc-0000', 'nope']) {
      const missing = await partners.call('portal', 'GET', `/v1/notices/${id}`);
      expect([missing.status, partnerErrorSchema.parse(missing.body).error.code]).toEqual([404, 'NOT_FOUND']);
    }
  });

  it('recommends a few things to each demo citizen, with a plain reason, and the general ones to anyone', async () => {
    for (const subject of ['demo-0001', 'demo-0002', 'demo-0003', 'demo-0004', 'demo-0005']) {
      const answer = await partners.call('portal', 'GET', `/v1/recommendations?subject=${subject}`);
      const { recommendations } = recommendationListSchema.parse(answer.body);
      expect(recommendations.length).toBeGreaterThanOrEqual(2);
      expect(recommendations.every((recommendation) => recommendation.reason.ja.length > 0)).toBe(true);
    }
    const stranger = await partners.call('portal', 'GET', '/v1/recommendations?subject=someone-else');
    expect(recommendationListSchema.parse(stranger.body).recommendations).toHaveLength(1);
    const elder = await partners.call('portal', 'GET', '/v1/recommendations?subject=demo-0001');
    expect(recommendationListSchema.parse(elder.body).recommendations[0]?.reason).toEqual({
      ja: '西本町にお住まいで、75歳以上の方におすすめしています',
      en: 'Suggested to residents of Nishihonmachi aged 75 and over',
    });
  });

  it('answers 401 for a wrong API key and 400 for a bad limit', async () => {
    const wrong = await partners.call('portal', 'GET', '/v1/notices', { auth: { 'x-api-key': 'guess' } });
    expect([wrong.status, partnerErrorSchema.parse(wrong.body).error.code]).toEqual([401, 'UNAUTHORIZED']);
    const bad = await partners.call('portal', 'GET', '/v1/notices?limit=0');
    expect([bad.status, partnerErrorSchema.parse(bad.body).error.code]).toEqual([400, 'INVALID']);
  });
});

describe('sandbox portal partner of みなと市', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start(MINATO);
  });
  afterAll(() => partners.close());

  it('speaks of みなと市 and its residents’ town, nothing of 大村市 or 西本町', async () => {
    const served: unknown[] = [(await partners.call('portal', 'GET', '/v1/notices?limit=100')).body];
    for (const subject of ['demo-0001', 'demo-0002', 'demo-0003', 'demo-0004', 'demo-0005']) {
      served.push((await partners.call('portal', 'GET', `/v1/recommendations?subject=${subject}`)).body);
    }
    const elder = recommendationListSchema.parse(served[1]).recommendations[0];
    expect(elder?.reason).toEqual({
      ja: '港町にお住まいで、75歳以上の方におすすめしています',
      en: 'Suggested to residents of Minatomachi aged 75 and over',
    });
    const text = JSON.stringify(served);
    expect(text).toContain('みなと市');
    for (const other of ['大村', '西本町', 'Omura', 'Nishihonmachi']) expect(text).not.toContain(other);
    const stored = JSON.stringify(partners.storedRows('portal'));
    for (const other of ['大村', '西本町', 'Omura', 'Nishihonmachi']) expect(stored).not.toContain(other);
  });
});
