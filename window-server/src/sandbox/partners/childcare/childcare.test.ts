import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingListSchema,
  bookingResponseSchema,
  childListSchema,
  infoCardListSchema,
  slotListSchema,
  type Slot,
} from '../../../partnerContracts/index.js';
import { partnerErrorSchema } from '../../../partnerContracts/index.js';
import { MINATO, PartnersUnderTest } from '../testHarness.js';

describe('sandbox childcare partner (子育てコンシェルジュ)', () => {
  let partners: PartnersUnderTest;
  let keys = 0;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start({ now: new Date('2026-12-07T08:00:00+09:00') });
  });
  afterAll(() => partners.close());

  const get = async (path: string) => (await partners.call('childcare', 'GET', path)).body;
  const slots = async (query = ''): Promise<Slot[]> =>
    slotListSchema.parse(await get(`/v1/slots${query}`)).slots;
  const slot = async (id: string): Promise<Slot | undefined> => (await slots()).find((s) => s.id === id);
  const book = (subject: string, slotId: string, childId: string | null = null) =>
    partners.call('childcare', 'POST', `/v1/families/${subject}/bookings`, {
      body: { slotId, childId },
      idempotencyKey: `book-${(keys += 1)}`,
    });
  const code = (body: unknown): string => partnerErrorSchema.parse(body).error.code;
  const bookingId = (body: unknown): string => bookingResponseSchema.parse(body).booking.id;

  it('knows the demo families: both parents see the same child', async () => {
    const sato = childListSchema.parse(await get('/v1/families/demo-0003/children')).children;
    expect(sato.map((child) => [child.name, child.birthDate])).toEqual([
      ['佐藤 結衣', '2020-09-30'],
      ['佐藤 陽太', '2023-05-14'],
    ]);
    const ken = childListSchema.parse(await get('/v1/families/demo-0004/children')).children;
    const ayumi = childListSchema.parse(await get('/v1/families/demo-0005/children')).children;
    expect(ken).toEqual(ayumi);
    expect(ken.map((child) => child.name)).toEqual(['鈴木 蓮']);
    expect(childListSchema.parse(await get('/v1/families/demo-0001/children')).children).toEqual([]);
  });

  it('gives information cards for the age in months', async () => {
    const titles = async (months: number): Promise<string[]> =>
      infoCardListSchema.parse(await get(`/v1/info?ageMonths=${months}`)).cards.map((card) => card.title);
    expect(await titles(4)).toContain('乳児健診（3〜4か月児健診）');
    expect(await titles(6)).toContain('離乳食');
    expect(await titles(18)).toContain('1歳6か月児健診');
    expect(await titles(40)).toContain('3歳児健診');
    expect(await titles(40)).toContain('子育て支援センター');
    expect(await titles(40)).not.toContain('離乳食');
    expect((await partners.call('childcare', 'GET', '/v1/info?ageMonths=abc')).status).toBe(400);
  });

  it('opens 母子健康相談 slots on weekdays that are not holidays, for 30 days, none booked', async () => {
    const all = await slots();
    const days = new Set(all.map((s) => s.startsAt.slice(0, 10)));
    expect(days.has('2026-12-12')).toBe(false); // Saturday
    expect(days.has('2027-01-01')).toBe(false); // 元日
    expect(days.has('2027-01-06')).toBe(true); // 30 days on, a Wednesday
    expect(days.has('2027-01-07')).toBe(false);
    expect(all.slice(0, 3).map((s) => [s.startsAt, s.endsAt])).toEqual([
      ['2026-12-07T10:00:00+09:00', '2026-12-07T10:30:00+09:00'],
      ['2026-12-07T10:30:00+09:00', '2026-12-07T11:00:00+09:00'],
      ['2026-12-07T13:30:00+09:00', '2026-12-07T14:00:00+09:00'],
    ]);
    expect(
      all.every((s) => s.capacity === 3 && s.booked === 0 && s.place === '大村市 こども家庭センター'),
    ).toBe(true);
    expect(await slots('?from=2026-12-08&to=2026-12-08')).toHaveLength(3);
    expect(bookingListSchema.parse(await get('/v1/families/demo-0003/bookings')).bookings).toEqual([]);
  });

  it('gives the last place to exactly one of several families booking at once', async () => {
    const id = 'slot-20261209-1000';
    expect((await book('demo-0001', id)).status).toBe(201);
    expect((await book('demo-0003', id, 'chd-h2-20230514')).status).toBe(201);
    const racers = ['citizen-3001', 'citizen-3002', 'citizen-3003', 'citizen-3004', 'citizen-3005'];
    const answers = await Promise.all(racers.map((subject) => book(subject, id)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused.map((answer) => [answer.status, code(answer.body)])).toEqual(
      racers.slice(1).map(() => [409, 'SLOT_FULL']),
    );
    expect((await slot(id))?.booked).toBe(3);
  });

  it('refuses a second place in the same slot for the same family (ALREADY_BOOKED)', async () => {
    const id = 'slot-20261210-1030';
    expect((await book('demo-0004', id)).status).toBe(201);
    const again = await book('demo-0005', id);
    expect([again.status, code(again.body)]).toEqual([409, 'ALREADY_BOOKED']);
  });

  it('replays a booking with the same Idempotency-Key instead of booking twice', async () => {
    const request = { body: { slotId: 'slot-20261211-1330', childId: null }, idempotencyKey: 'book-once' };
    const first = await partners.call('childcare', 'POST', '/v1/families/demo-0001/bookings', request);
    const again = await partners.call('childcare', 'POST', '/v1/families/demo-0001/bookings', request);
    expect(bookingId(again.body)).toBe(bookingId(first.body));
    expect((await slot('slot-20261211-1330'))?.booked).toBe(1);
  });

  it('moves a booking (freeing the old place) and cancels it', async () => {
    const created = await book('demo-0003', 'slot-20261214-1000', 'chd-h2-20200930');
    const path = `/v1/families/demo-0003/bookings/${bookingId(created.body)}`;
    const moved = await partners.call('childcare', 'PATCH', path, {
      body: { slotId: 'slot-20261214-1030' },
      idempotencyKey: 'move-1',
    });
    expect(bookingResponseSchema.parse(moved.body).booking).toMatchObject({
      slotId: 'slot-20261214-1030',
      startsAt: '2026-12-14T10:30:00+09:00',
      childId: 'chd-h2-20200930',
      status: 'booked',
    });
    expect((await slot('slot-20261214-1000'))?.booked).toBe(0);
    expect((await slot('slot-20261214-1030'))?.booked).toBe(1);
    const full = 'slot-20261216-1000';
    for (const subject of ['citizen-4001', 'citizen-4002', 'citizen-4003']) await book(subject, full);
    const toFull = await partners.call('childcare', 'PATCH', path, {
      body: { slotId: full },
      idempotencyKey: 'move-2',
    });
    expect(code(toFull.body)).toBe('SLOT_FULL');
    const cancelled = await partners.call('childcare', 'DELETE', path);
    expect(bookingResponseSchema.parse(cancelled.body).booking.status).toBe('cancelled');
    expect((await slot('slot-20261214-1030'))?.booked).toBe(0);
    const list = bookingListSchema.parse(await get('/v1/families/demo-0003/bookings')).bookings;
    expect(list.map((booking) => booking.slotId)).toEqual(['slot-20261209-1000']);
    const other = await partners.call('childcare', 'DELETE', path.replace('demo-0003', 'demo-0001'));
    expect([other.status, code(other.body)]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses unknown slots, strangers as children, started slots and keyless bookings', async () => {
    expect(code((await book('demo-0003', 'slot-20261213-1000')).body)).toBe('NOT_FOUND'); // Sunday
    expect(code((await book('demo-0003', 'slot-20261215-1000', 'chd-h3-20250211')).body)).toBe('INVALID');
    partners.clock.set(new Date('2026-12-07T10:05:00+09:00'));
    expect(code((await book('demo-0003', 'slot-20261207-1000')).body)).toBe('CONFLICT');
    partners.clock.set(new Date('2026-12-07T08:00:00+09:00'));
    const keyless = await partners.call('childcare', 'POST', '/v1/families/demo-0003/bookings', {
      body: { slotId: 'slot-20261215-1000', childId: null },
    });
    expect(keyless.status).toBe(400);
  });

  it('takes an extra session on a Saturday through the sandbox-only /_sessions, and books it', async () => {
    const saturday = '2026-12-12';
    expect((await slots(`?from=${saturday}&to=${saturday}`)).length).toBe(0);
    const added = await partners.call('childcare', 'POST', '/_sessions', {
      body: { date: saturday, start: '09:00', end: '09:30', capacity: 1 },
    });
    expect(added.status).toBe(201);
    const listed = await slots(`?from=${saturday}&to=${saturday}`);
    expect(listed.map((s) => [s.id, s.startsAt, s.capacity, s.booked])).toEqual([
      ['slot-20261212-0900', '2026-12-12T09:00:00+09:00', 1, 0],
    ]);
    expect((await book('demo-0003', 'slot-20261212-0900')).status).toBe(201);
    expect(code((await book('demo-0004', 'slot-20261212-0900')).body)).toBe('SLOT_FULL');
    for (const body of [
      { date: saturday, start: '10:00', end: '09:30' },
      { date: '2026-13-01', start: '09:00', end: '09:30' },
      { date: saturday, start: '9:00', end: '09:30' },
    ]) {
      const refused = await partners.call('childcare', 'POST', '/_sessions', { body });
      expect(refused.status).toBe(400);
    }
    expect((await partners.call('childcare', 'POST', '/_sessions', { auth: false, body: {} })).status).toBe(
      401,
    );
  });

  it('keeps bookings across a restart', async () => {
    const before = bookingListSchema.parse(await get('/v1/families/demo-0004/bookings')).bookings;
    expect(before).toHaveLength(1);
    await partners.restart();
    expect(bookingListSchema.parse(await get('/v1/families/demo-0005/bookings')).bookings).toEqual(before);
  });
});

describe('sandbox childcare partner serving another city', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start({ city: { ja: 'さくら町', en: 'Sakura' } });
  });
  afterAll(() => partners.close());

  it('holds the 母子健康相談 at that city’s centre, extra sessions too', async () => {
    const added = await partners.call('childcare', 'POST', '/_sessions', {
      body: { date: '2026-12-12', start: '09:00', end: '09:30' },
    });
    expect(added.status).toBe(201);
    const { slots } = slotListSchema.parse((await partners.call('childcare', 'GET', '/v1/slots')).body);
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots.map((slot) => slot.place))).toEqual(new Set(['さくら町 こども家庭センター']));
  });
});

describe('sandbox childcare partner of みなと市', () => {
  let partners: PartnersUnderTest;
  beforeAll(async () => {
    partners = await PartnersUnderTest.start(MINATO);
  });
  afterAll(() => partners.close());

  const children = async (subject: string) =>
    childListSchema.parse((await partners.call('childcare', 'GET', `/v1/families/${subject}/children`)).body)
      .children;

  it('knows みなと市’s families, not 大村市’s', async () => {
    expect((await children('demo-0003')).map((child) => [child.name, child.birthDate])).toEqual([
      ['中村 湊', '2021-01-22'],
      ['中村 ひなた', '2023-10-05'],
    ]);
    expect(await children('demo-0004')).toEqual(await children('demo-0005'));
    expect((await children('demo-0004')).map((child) => child.name)).toEqual(['小林 凪']);
    expect(await children('demo-0001')).toEqual([]);
  });

  it('holds the 母子健康相談 at みなと市’s centre, and stores nothing of 大村 anywhere', async () => {
    const { slots } = slotListSchema.parse((await partners.call('childcare', 'GET', '/v1/slots')).body);
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots.map((slot) => slot.place))).toEqual(new Set(['みなと市 こども家庭センター']));
    const booked = await partners.call('childcare', 'POST', '/v1/families/demo-0003/bookings', {
      body: { slotId: slots[0]?.id, childId: 'chd-h2-20210122' },
      idempotencyKey: 'book-minato',
    });
    expect(bookingResponseSchema.parse(booked.body).booking.place).toBe('みなと市 こども家庭センター');
    const served = await Promise.all(
      ['children', 'bookings'].map(
        async (what) => (await partners.call('childcare', 'GET', `/v1/families/demo-0003/${what}`)).body,
      ),
    );
    expect(JSON.stringify([slots, served])).not.toContain('大村');
    const stored = JSON.stringify(partners.storedRows('childcare'));
    expect(stored).toContain('中村 湊');
    expect(stored).not.toContain('大村');
  });
});
