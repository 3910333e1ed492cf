import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { partnerErrorSchema } from '../../partnerContracts/index.js';
import { noticeListSchema } from '../../partnerContracts/index.js';
import { faultSettingsSchema } from './faults.js';
import { PartnersUnderTest } from './testHarness.js';

describe('sandbox partner fault knobs', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start();
  });
  afterEach(async () => {
    for (const partner of ['portal', 'childcare', 'mutual-aid'] as const) {
      await partners.call(partner, 'DELETE', '/_faults');
    }
  });
  afterAll(() => partners.close());

  const knobs = (partner: 'portal' | 'childcare' | 'mutual-aid', body: unknown) =>
    partners.call(partner, 'POST', '/_faults', { body });

  it('reads, sets (merging) and resets the knobs, behind the partner auth', async () => {
    expect(faultSettingsSchema.parse((await partners.call('portal', 'GET', '/_faults')).body)).toEqual({
      latencyMs: 0,
      errorRate: 0,
      down: false,
    });
    await knobs('portal', { latencyMs: 5 });
    const merged = await knobs('portal', { errorRate: 0.25 });
    expect(merged.body).toEqual({ latencyMs: 5, errorRate: 0.25, down: false });
    expect((await partners.call('portal', 'DELETE', '/_faults')).body).toEqual({
      latencyMs: 0,
      errorRate: 0,
      down: false,
    });
    expect((await partners.call('portal', 'GET', '/_faults', { auth: false })).status).toBe(401);
    expect((await knobs('portal', { errorRate: 2 })).status).toBe(400);
  });

  it('delays every answer by latencyMs', async () => {
    await knobs('portal', { latencyMs: 300 });
    const started = performance.now();
    const answer = await partners.call('portal', 'GET', '/v1/notices');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(noticeListSchema.safeParse(answer.body).success).toBe(true);
  });

  it('answers 500 INTERNAL to every request with errorRate 1', async () => {
    await knobs('childcare', { errorRate: 1 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await partners.call('childcare', 'GET', '/v1/info?ageMonths=3');
      expect(answer.status).toBe(500);
      expect(partnerErrorSchema.parse(answer.body).error.code).toBe('INTERNAL');
    }
  });

  it('destroys the connection without an answer while down, and only that partner', async () => {
    await knobs('mutual-aid', { down: true });
    const call = partners.call('mutual-aid', 'GET', '/v1/requests?subject=demo-0001&mine=true');
    await expect(call).rejects.toThrow(/fetch failed/);
    expect((await partners.call('portal', 'GET', '/v1/notices')).status).toBe(200);
    // The knobs themselves still answer, so the test can bring the partner back.
    expect((await partners.call('mutual-aid', 'DELETE', '/_faults')).status).toBe(200);
    expect(
      (await partners.call('mutual-aid', 'GET', '/v1/requests?subject=demo-0001&mine=true')).status,
    ).toBe(200);
  });

  it('uses the injected random source for partial error rates', async () => {
    const rolls = [0.1, 0.9, 0.1];
    const seeded = await PartnersUnderTest.start({ random: () => rolls.shift() ?? 1 });
    try {
      await seeded.call('portal', 'POST', '/_faults', { body: { errorRate: 0.5 } });
      const statuses = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        statuses.push((await seeded.call('portal', 'GET', '/v1/notices')).status);
      }
      expect(statuses).toEqual([500, 200, 500]);
    } finally {
      await seeded.close();
    }
  });
});
