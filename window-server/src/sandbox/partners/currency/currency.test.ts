import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  balanceSchema,
  couponListSchema,
  paymentResponseSchema,
  transactionListSchema,
} from '../../../partnerContracts/index.js';
import { partnerErrorSchema } from '../../../partnerContracts/index.js';
import { MINATO, PartnersUnderTest } from '../testHarness.js';

describe('sandbox currency partner (ゆでぴ)', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start();
  });
  afterAll(() => partners.close());

  const balanceOf = async (subject: string): Promise<number> =>
    balanceSchema.parse((await partners.call('currency', 'GET', `/v1/accounts/${subject}/balance`)).body)
      .balance;
  const pay = (subject: string, amount: number, key?: string) =>
    partners.call('currency', 'POST', `/v1/accounts/${subject}/payments`, {
      body: { amount, description: '大村駅前 みどり薬局' },
      ...(key ? { idempotencyKey: key } : {}),
    });
  const errorCode = (body: unknown): string => partnerErrorSchema.parse(body).error.code;

  it('seeds the demo balances, each the sum of a consistent history', async () => {
    expect(await balanceOf('demo-0001')).toBe(3200);
    expect(await balanceOf('demo-0002')).toBe(1500);
    expect(await balanceOf('demo-0003')).toBe(5000);
    expect(await balanceOf('demo-0004')).toBe(800);
    const answer = await partners.call('currency', 'GET', '/v1/accounts/demo-0001/transactions?limit=100');
    const { transactions } = transactionListSchema.parse(answer.body);
    expect(transactions).toHaveLength(8);
    expect(transactions.reduce((sum, transaction) => sum + transaction.amount, 0)).toBe(3200);
    // Newest first: each balanceAfter is the next older one's plus this amount.
    transactions.forEach((transaction, index) => {
      const older = transactions[index + 1]?.balanceAfter ?? 0;
      expect(transaction.balanceAfter).toBe(older + transaction.amount);
    });
    expect(new Set(transactions.map((transaction) => transaction.kind))).toEqual(
      new Set(['grant', 'payment', 'mutualAid', 'refund']),
    );
  });

  it('seeds 大村市’s histories as the demo script tells them', async () => {
    const descriptions = async (subject: string): Promise<string[]> =>
      transactionListSchema
        .parse(
          (await partners.call('currency', 'GET', `/v1/accounts/${subject}/transactions?limit=100`)).body,
        )
        .transactions.map((transaction) => transaction.description);
    expect(await descriptions('demo-0001')).toEqual([
      '返金（西本町 ふれあい商店）',
      'コミュニティバス 回数券',
      '大村駅前 みどり薬局',
      '敬老ポイント 付与（大村市）',
      '大村湾 さかな市場',
      '地域共助のお礼（買い物の手伝い）',
      '西本町 ふれあい商店',
      'しあわせ循環ポイント 付与（大村市）',
    ]);
    expect(await descriptions('demo-0003')).toEqual([
      'しあわせ循環ポイント 付与（大村市）',
      'ドラッグストア 久原店',
      '子育てクーポン 利用（おむつ・ミルク）',
      '久原 こども服の店',
      '子育て世帯応援ポイント（大村市）',
    ]);
    expect(await descriptions('citizen-1001')).toEqual(['しあわせ循環ポイント 付与（大村市）']);
  });

  it('lists 佐藤 美咲 her unused 子育てクーポン first, then the used one', async () => {
    const { coupons } = couponListSchema.parse(
      (await partners.call('currency', 'GET', '/v1/accounts/demo-0003/coupons')).body,
    );
    expect(coupons.map((coupon) => [coupon.value, coupon.usedAt === null])).toEqual([
      [5000, true],
      [3000, false],
    ]);
    expect(coupons[0]?.title).toContain('出産子育て応援交付金');
  });

  it('refuses a payment over the balance with INSUFFICIENT_FUNDS and writes nothing', async () => {
    const refused = await pay('demo-0004', 801, 'pay-too-much');
    expect([refused.status, errorCode(refused.body)]).toEqual([409, 'INSUFFICIENT_FUNDS']);
    expect(await balanceOf('demo-0004')).toBe(800);
    // A refusal is not remembered: the same key works once the balance covers it.
    const exact = await pay('demo-0004', 800, 'pay-too-much-2');
    expect(exact.status).toBe(201);
    expect(paymentResponseSchema.parse(exact.body).transaction.balanceAfter).toBe(0);
    expect(await balanceOf('demo-0004')).toBe(0);
  });

  it('replays a repeated Idempotency-Key with the same transaction, once', async () => {
    const before = await balanceOf('demo-0002');
    const first = await pay('demo-0002', 200, 'pay-once');
    const again = await pay('demo-0002', 200, 'pay-once');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const id = paymentResponseSchema.parse(first.body).transaction.id;
    expect(paymentResponseSchema.parse(again.body).transaction.id).toBe(id);
    expect(await balanceOf('demo-0002')).toBe(before - 200);
  });

  it('refuses a key reused for another body (409) and a write without a key (400)', async () => {
    await pay('demo-0002', 100, 'pay-reused');
    const reused = await pay('demo-0002', 101, 'pay-reused');
    expect([reused.status, errorCode(reused.body)]).toEqual([409, 'CONFLICT']);
    const keyless = await pay('demo-0002', 100);
    expect([keyless.status, errorCode(keyless.body)]).toEqual([400, 'INVALID']);
  });

  it('answers 400 INVALID naming the wrong fields', async () => {
    const answer = await partners.call('currency', 'POST', '/v1/accounts/demo-0001/grants', {
      body: { amount: -5, kind: 'gift', description: '' },
      idempotencyKey: 'bad-grant',
    });
    expect(answer.status).toBe(400);
    expect(partnerErrorSchema.parse(answer.body).error.message).toMatch(/amount.*kind.*description/);
  });

  it('answers 401 for a wrong secret, an unknown token and an expired token', async () => {
    const wrongSecret = await partners.call('currency', 'POST', '/oauth/token', {
      form: 'grant_type=client_credentials',
      auth: { authorization: partners.basicAuth('not-the-secret') },
    });
    expect([wrongSecret.status, errorCode(wrongSecret.body)]).toEqual([401, 'UNAUTHORIZED']);
    const unknown = await partners.call('currency', 'GET', '/v1/accounts/demo-0001/balance', {
      auth: { authorization: 'Bearer ydp_made-up' },
    });
    expect(unknown.status).toBe(401);
    const token = await partners.currencyToken();
    partners.clock.advance(3601 * 1000);
    const expired = await partners.call('currency', 'GET', '/v1/accounts/demo-0001/balance', {
      auth: { authorization: `Bearer ${token}` },
    });
    expect(expired.status).toBe(401);
    expect(partnerErrorSchema.parse(expired.body).error.message).toMatch(/expired/);
    partners.forgetToken();
    expect(await balanceOf('demo-0001')).toBeGreaterThan(0);
  });

  it('answers 404 for a citizen without an account', async () => {
    const answer = await partners.call('currency', 'GET', '/v1/accounts/nobody/transactions');
    expect([answer.status, errorCode(answer.body)]).toEqual([404, 'NOT_FOUND']);
  });

  it('keeps balances and idempotency records across a restart', async () => {
    const first = await pay('demo-0001', 300, 'pay-before-restart');
    const balance = await balanceOf('demo-0001');
    await partners.restart();
    expect(await balanceOf('demo-0001')).toBe(balance);
    const replay = await pay('demo-0001', 300, 'pay-before-restart');
    expect(paymentResponseSchema.parse(replay.body).transaction.id).toBe(
      paymentResponseSchema.parse(first.body).transaction.id,
    );
    expect(await balanceOf('demo-0001')).toBe(balance);
  });
});

describe('sandbox currency partner serving another city', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start({ city: { ja: 'さくら町', en: 'Sakura' } });
  });
  afterAll(() => partners.close());

  it('names that city in the grants of its demo history, never 大村市', async () => {
    for (const subject of ['demo-0001', 'demo-0003', 'citizen-1001']) {
      const answer = await partners.call('currency', 'GET', `/v1/accounts/${subject}/transactions?limit=100`);
      const grants = transactionListSchema
        .parse(answer.body)
        .transactions.filter((transaction) => transaction.kind === 'grant');
      expect(grants.length).toBeGreaterThan(0);
      expect(grants.every((grant) => grant.description.includes('（さくら町）'))).toBe(true);
      expect(JSON.stringify(answer.body)).not.toContain('大村市');
    }
  });
});

describe('sandbox currency partner of みなと市', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start(MINATO);
  });
  afterAll(() => partners.close());

  it('opens an account for each of みなと市’s residents, at the balances of the demo script', async () => {
    const balances: number[] = [];
    for (const subject of ['demo-0001', 'demo-0002', 'demo-0003', 'demo-0004', 'demo-0005']) {
      const answer = await partners.call('currency', 'GET', `/v1/accounts/${subject}/balance`);
      balances.push(balanceSchema.parse(answer.body).balance);
    }
    expect(balances).toEqual([3200, 1500, 5000, 800, 0]);
  });

  it('serves and stores histories of みなと市’s own shops, with nothing of 大村 anywhere', async () => {
    const subjects = ['demo-0001', 'demo-0002', 'demo-0003', 'demo-0004', 'demo-0005'];
    const neighbours = ['1001', '1002', '1003', '1011', '1012', '1021', '1022'].map((n) => `citizen-${n}`);
    const served: unknown[] = [];
    for (const subject of [...subjects, ...neighbours]) {
      for (const what of ['balance', 'transactions?limit=100', 'coupons']) {
        const answer = await partners.call('currency', 'GET', `/v1/accounts/${subject}/${what}`);
        expect(answer.status).toBe(200);
        served.push(answer.body);
      }
    }
    const descriptions = transactionListSchema
      .parse((await partners.call('currency', 'GET', '/v1/accounts/demo-0001/transactions?limit=100')).body)
      .transactions.map((transaction) => transaction.description);
    expect(descriptions).toContain('みなと朝市');
    expect(descriptions).toContain('敬老ポイント 付与（みなと市）');
    expect(JSON.stringify(served)).not.toContain('大村');
    const stored = JSON.stringify(partners.storedRows('currency'));
    expect(stored).toContain('港町 ふれあい商店');
    expect(stored).not.toContain('大村');
  });
});
