import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceSchema, transactionListSchema } from '../../../partnerContracts/index.js';
import { partnerErrorSchema } from '../../../partnerContracts/index.js';
import { aidRequestListSchema, aidRequestResponseSchema } from '../../../partnerContracts/index.js';
import { MINATO, PartnersUnderTest } from '../testHarness.js';

describe('sandbox mutual-aid partner (地域共助)', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start();
  });
  afterAll(() => partners.close());

  const list = async (query: string) =>
    aidRequestListSchema.parse((await partners.call('mutual-aid', 'GET', `/v1/requests?${query}`)).body)
      .requests;
  const ask = async (subject: string, template: string, key: string) => {
    const answer = await partners.call('mutual-aid', 'POST', '/v1/requests', {
      body: { subject, template, area: '大村市 竹松', date: '2026-12-10', period: 'afternoon' },
      idempotencyKey: key,
    });
    expect(answer.status).toBe(201);
    return aidRequestResponseSchema.parse(answer.body).request;
  };
  const act = (id: string, action: string, subject: string) =>
    partners.call('mutual-aid', 'POST', `/v1/requests/${id}/${action}`, { body: { subject } });
  const balanceOf = async (subject: string): Promise<number> =>
    balanceSchema.parse((await partners.call('currency', 'GET', `/v1/accounts/${subject}/balance`)).body)
      .balance;
  const code = (body: unknown): string => partnerErrorSchema.parse(body).error.code;

  it('lists open and offered requests in a town, relative to the citizen', async () => {
    const nishihonmachi = await list(`subject=demo-0001&area=${encodeURIComponent('西本町')}`);
    expect(nishihonmachi.map((request) => request.status).sort()).toEqual(['offered', 'open', 'open']);
    expect(nishihonmachi.filter((request) => request.mine)).toHaveLength(1);
    for (const town of ['久原', '竹松']) {
      const open = await list(`subject=demo-0003&area=${encodeURIComponent(town)}`);
      expect(open.length).toBeGreaterThanOrEqual(2);
      expect(open.every((request) => request.area === town && !request.mine)).toBe(true);
    }
  });

  it("lists a citizen's own and helped requests, any status, with mine=true", async () => {
    const mine = await list('subject=demo-0001&mine=true');
    expect(mine.map((request) => [request.status, request.mine, request.offeredByMe])).toEqual([
      ['completed', false, true],
      ['offered', true, false],
    ]);
  });

  it('completes a request and grants the helper its points in the currency ledger', async () => {
    const request = await ask('demo-0004', 'garden', 'ask-garden');
    expect([request.area, request.points, request.mine]).toEqual(['竹松', 500, true]);
    const before = await balanceOf('demo-0005');
    const offered = await act(request.id, 'offers', 'demo-0005');
    expect(aidRequestResponseSchema.parse(offered.body).request).toMatchObject({
      status: 'offered',
      offeredByMe: true,
    });
    expect((await act(request.id, 'accept', 'demo-0004')).status).toBe(200);
    const completed = await act(request.id, 'complete', 'demo-0004');
    expect(aidRequestResponseSchema.parse(completed.body).request.status).toBe('completed');
    expect(await balanceOf('demo-0005')).toBe(before + 500);
    const history = await partners.call('currency', 'GET', '/v1/accounts/demo-0005/transactions?limit=1');
    expect(transactionListSchema.parse(history.body).transactions[0]).toMatchObject({
      kind: 'mutualAid',
      amount: 500,
      description: '地域共助のお礼（庭の手入れ）',
    });
  });

  it('refuses moves from the wrong state or by the wrong citizen', async () => {
    const request = await ask('demo-0004', 'shopping', 'ask-shopping');
    const ownOffer = await act(request.id, 'offers', 'demo-0004');
    expect([ownOffer.status, code(ownOffer.body)]).toEqual([409, 'CONFLICT']);
    const early = await act(request.id, 'complete', 'demo-0004');
    expect([early.status, code(early.body)]).toEqual([409, 'CONFLICT']);
    await act(request.id, 'offers', 'demo-0001');
    const stranger = await act(request.id, 'accept', 'demo-0002');
    expect([stranger.status, code(stranger.body)]).toEqual([403, 'FORBIDDEN']);
    expect((await act(request.id, 'cancel', 'demo-0004')).status).toBe(200);
    const afterCancel = await act(request.id, 'accept', 'demo-0004');
    expect(afterCancel.status).toBe(409);
  });

  it('refuses to cancel after completion', async () => {
    const request = await ask('demo-0004', 'ride', 'ask-ride');
    await act(request.id, 'offers', 'demo-0001');
    await act(request.id, 'accept', 'demo-0004');
    await act(request.id, 'complete', 'demo-0004');
    const cancel = await act(request.id, 'cancel', 'demo-0004');
    expect([cancel.status, code(cancel.body)]).toEqual([409, 'CONFLICT']);
  });

  it('fails the completion and changes nothing while the currency partner is down', async () => {
    const request = await ask('demo-0004', 'smartphone', 'ask-smartphone');
    await act(request.id, 'offers', 'demo-0002');
    await act(request.id, 'accept', 'demo-0004');
    const before = await balanceOf('demo-0002');
    const knobs = { auth: { authorization: partners.basicAuth() } };
    await partners.call('currency', 'POST', '/_faults', { ...knobs, body: { down: true } });
    const failed = await act(request.id, 'complete', 'demo-0004');
    expect([failed.status, code(failed.body)]).toEqual([502, 'UPSTREAM_FAILED']);
    await partners.call('currency', 'DELETE', '/_faults', knobs);
    const mine = await list('subject=demo-0004&mine=true');
    expect(mine.find((candidate) => candidate.id === request.id)?.status).toBe('accepted');
    expect(await balanceOf('demo-0002')).toBe(before);
    // Trying again pays once.
    expect((await act(request.id, 'complete', 'demo-0004')).status).toBe(200);
    expect(await balanceOf('demo-0002')).toBe(before + 300);
  });

  it('refuses a request in the past, and a list without area or mine', async () => {
    const past = await partners.call('mutual-aid', 'POST', '/v1/requests', {
      body: {
        subject: 'demo-0001',
        template: 'shopping',
        area: '西本町',
        date: '2026-12-01',
        period: 'morning',
      },
      idempotencyKey: 'ask-past',
    });
    expect([past.status, code(past.body)]).toEqual([400, 'INVALID']);
    const vague = await partners.call('mutual-aid', 'GET', '/v1/requests?subject=demo-0001');
    expect(vague.status).toBe(400);
  });

  it('keeps requests across a restart', async () => {
    const request = await ask('demo-0004', 'garden', 'ask-before-restart');
    await partners.restart();
    const mine = await list('subject=demo-0004&mine=true');
    expect(mine.some((candidate) => candidate.id === request.id)).toBe(true);
  });
});

describe('sandbox mutual-aid partner serving another city', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start({ city: { ja: 'さくら町', en: 'Sakura' } });
  });
  afterAll(() => partners.close());

  const ask = async (area: string, key: string) => {
    const answer = await partners.call('mutual-aid', 'POST', '/v1/requests', {
      body: { subject: 'demo-0004', template: 'shopping', area, date: '2026-12-10', period: 'morning' },
      idempotencyKey: key,
    });
    expect(answer.status).toBe(201);
    return aidRequestResponseSchema.parse(answer.body).request;
  };

  it('takes its own city’s name off an area, and only its own', async () => {
    expect((await ask('さくら町 竹松', 'ask-own-city')).area).toBe('竹松');
    expect((await ask('さくら町\u3000竹松', 'ask-own-city-wide-space')).area).toBe('竹松');
    expect((await ask('大村市 竹松', 'ask-other-city')).area).toBe('大村市 竹松');
    const nearby = aidRequestListSchema.parse(
      (
        await partners.call(
          'mutual-aid',
          'GET',
          `/v1/requests?subject=demo-0001&area=${encodeURIComponent('さくら町 竹松')}`,
        )
      ).body,
    ).requests;
    expect(nearby.length).toBeGreaterThanOrEqual(3);
    expect(nearby.every((request) => request.area === '竹松')).toBe(true);
  });
});

describe('sandbox mutual-aid partner of みなと市', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start(MINATO);
  });
  afterAll(() => partners.close());

  const list = async (query: string) => {
    const answer = await partners.call('mutual-aid', 'GET', `/v1/requests?${query}`);
    expect(answer.status).toBe(200);
    return aidRequestListSchema.parse(answer.body).requests;
  };

  it('has its neighbours ask for help in みなと市’s towns, found from a resident’s area', async () => {
    const minatomachi = await list(`subject=demo-0001&area=${encodeURIComponent('みなと市 港町')}`);
    expect(minatomachi.map((request) => request.status).sort()).toEqual(['offered', 'open', 'open']);
    expect(minatomachi.every((request) => request.area === '港町')).toBe(true);
    for (const area of ['みなと市 汐見', 'みなと市 浜風台']) {
      const open = await list(`subject=demo-0003&area=${encodeURIComponent(area)}`);
      expect(open).toHaveLength(2);
      expect(open.every((request) => `みなと市 ${request.area}` === area)).toBe(true);
    }
    expect(await list(`subject=demo-0001&area=${encodeURIComponent('西本町')}`)).toEqual([]);
    expect((await list('subject=demo-0001&mine=true')).map((request) => request.area)).toEqual([
      '港町',
      '港町',
    ]);
  });

  it('stores nothing of 大村 anywhere', () => {
    const stored = JSON.stringify(partners.storedRows('mutual-aid'));
    expect(stored).toContain('港町');
    expect(stored).not.toContain('大村');
  });
});
