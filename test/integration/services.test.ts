import type {
  AidRequestView,
  BookingView,
  ChildcareView,
  NoticeView,
  PartnerHealth,
  SlotView,
  TvCardShown,
  WalletView,
} from '@madoguchi/shared';
import type { WindowServer } from '@madoguchi/window-server';
import { describe, expect, it } from 'vitest';
import { request } from './support/clients.js';
import { accept, join, manualClock, officer, pushed } from './support/counter.js';
import { linkCitizen } from './support/linking.js';
import { testRig } from './support/rig.js';

const rig = testRig();
const { server, tv } = rig;

/** The TV's own HTTP calls to /api/v1/services, as itself. */
function services(s: WindowServer, token: string) {
  return async <T>(method: string, path: string, body?: unknown, idempotencyKey?: string) => {
    const started = Date.now();
    const response = await fetch(`${s.cityUrl()}/api/v1/services${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        origin: s.url,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T, ms: Date.now() - started };
  };
}

const actions = async (s: WindowServer, subject: string) =>
  (await s.audit.latest(500))
    .filter((entry) => entry.subject === subject)
    .reverse()
    .map((entry) => `${entry.actor.split(':')[0]} ${entry.action}`);

describe('the TV reaches every service through the gateway', () => {
  it('notices: newest and urgent first, with an unread count that follows what the TV opened', async () => {
    const s = await server();
    const { token } = await tv(s);
    const call = services(s, token);
    const list = await call<{ notices: NoticeView[]; unread: number }>('GET', '/notices');
    expect(list.status).toBe(200);
    expect(list.body.notices.length).toBeGreaterThanOrEqual(5);
    expect(list.body.notices[0]?.urgent).toBe(true);
    expect(list.body.unread).toBe(list.body.notices.length);
    const first = list.body.notices[1] as NoticeView;
    expect((await call<{ notice: NoticeView }>('GET', `/notices/${first.id}`)).body.notice).toMatchObject({
      id: first.id,
      read: true,
    });
    expect((await call<{ unread: number }>('GET', '/notices')).body.unread).toBe(list.body.unread - 1);
    expect((await call<{ unreadNotices: number }>('GET', '/home')).body.unreadNotices).toBe(
      list.body.unread - 1,
    );
  });

  it('the wallet of the person on the TV, audited; someone else’s is refused', async () => {
    const s = await server();
    const owner = await tv(s);
    const citizenId = await linkCitizen(s, owner, 'tanaka.ichiro');
    const wallet = await services(s, owner.token)<WalletView>('GET', `/wallet?citizenId=${citizenId}`);
    expect(wallet.status).toBe(200);
    expect(wallet.body.balance).toBe(3200);
    expect(wallet.body.transactions.length).toBeGreaterThan(0);
    expect(await actions(s, citizenId)).toContain('device citizen.wallet.read');

    const stranger = await tv(s);
    const refused = await services(s, stranger.token)<{ error: { code: string } }>(
      'GET',
      `/wallet?citizenId=${citizenId}`,
    );
    expect(refused).toMatchObject({ status: 404, body: { error: { code: 'NOT_LINKED' } } });
    const nobody = await services(s, stranger.token)<{ error: { code: string } }>('GET', '/wallet');
    expect(nobody.body.error.code).toBe('SIGN_IN_REQUIRED');
  });

  it('childcare: children with cards for their age; a double confirmation books once', async () => {
    const s = await server();
    const owner = await tv(s);
    const citizenId = await linkCitizen(s, owner, 'sato.misaki');
    const call = services(s, owner.token);
    const family = await call<ChildcareView>('GET', `/childcare?citizenId=${citizenId}`);
    expect(family.body.children.map((c) => c.name)).toEqual(['佐藤 結衣', '佐藤 陽太']);
    expect(family.body.children.every((c) => c.cards.length > 0)).toBe(true);

    const today = new Date();
    const in14 = new Date(today.getTime() + 14 * 86_400_000);
    const slots = await call<{ slots: SlotView[] }>(
      'GET',
      `/childcare/slots?citizenId=${citizenId}&from=${today.toISOString().slice(0, 10)}&to=${in14.toISOString().slice(0, 10)}`,
    );
    const slot = slots.body.slots.find((candidate) => candidate.remaining > 0) as SlotView;
    const body = { citizenId, slotId: slot.id, childId: family.body.children[1]?.id ?? null };
    // OK pressed twice: two requests with the same key, at the same moment.
    const [a, b] = await Promise.all([
      call<{ booking: BookingView }>('POST', '/childcare/bookings', body, 'confirm-screen-0001'),
      call<{ booking: BookingView }>('POST', '/childcare/bookings', body, 'confirm-screen-0001'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.booking.id).toBe(b.body.booking.id);
    const after = await call<ChildcareView>('GET', `/childcare?citizenId=${citizenId}`);
    expect(after.body.bookings).toHaveLength(1);
    const again = await call<{ error: { code: string } }>(
      'POST',
      '/childcare/bookings',
      body,
      'confirm-screen-0002',
    );
    expect(again.body.error.code).toBe('ALREADY_BOOKED');
    const missingKey = await call<{ error: { code: string } }>('POST', '/childcare/bookings', body);
    expect(missingKey).toMatchObject({ status: 400, body: { error: { code: 'PAYLOAD_INVALID' } } });
    const cancelled = await call<{ booking: BookingView }>(
      'DELETE',
      `/childcare/bookings/${a.body.booking.id}?citizenId=${citizenId}`,
    );
    expect(cancelled.body.booking.status).toBe('cancelled');
  });

  it('mutual aid uses household information only with consent; then nearby requests and asking for help', async () => {
    const s = await server();
    const owner = await tv(s);
    const citizenId = await linkCitizen(s, owner, 'tanaka.hanako');
    const call = services(s, owner.token);
    const refused = await call<{ error: { code: string } }>('GET', `/mutual-aid?citizenId=${citizenId}`);
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'CONSENT_REQUIRED' } } });
    expect(await actions(s, citizenId)).toContain('device citizen.servicesHousehold.refused');

    await request(owner.socket, 'consent:set', { citizenId, purpose: 'servicesHousehold', granted: true });
    const aid = await call<{ area: string; nearby: AidRequestView[]; mine: AidRequestView[] }>(
      'GET',
      `/mutual-aid?citizenId=${citizenId}`,
    );
    expect(aid.status).toBe(200);
    expect(aid.body.area).toContain('西本町');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const asked = await call<{ request: AidRequestView }>(
      'POST',
      '/mutual-aid/requests',
      { citizenId, template: 'shopping', date: tomorrow, period: 'morning' },
      'aid-confirm-0001',
    );
    expect(asked.body.request).toMatchObject({ template: 'shopping', status: 'open', mine: true });

    // A neighbour on another TV offers to help; the offer sent again (a lost answer) answers the same.
    const neighbourTv = await tv(s);
    const neighbourId = await linkCitizen(s, neighbourTv, 'tanaka.ichiro');
    await request(neighbourTv.socket, 'consent:set', {
      citizenId: neighbourId,
      purpose: 'servicesHousehold',
      granted: true,
    });
    const neighbour = services(s, neighbourTv.token);
    const seen = await neighbour<{ nearby: AidRequestView[] }>('GET', `/mutual-aid?citizenId=${neighbourId}`);
    expect(seen.body.nearby.map((r) => r.id)).toContain(asked.body.request.id);
    const offerPath = `/mutual-aid/requests/${asked.body.request.id}/offer`;
    const offered = await neighbour<{ request: AidRequestView }>(
      'POST',
      offerPath,
      { citizenId: neighbourId },
      'aid-offer-0001',
    );
    const offeredAgain = await neighbour<{ request: AidRequestView }>(
      'POST',
      offerPath,
      { citizenId: neighbourId },
      'aid-offer-0001',
    );
    expect([offered.body.request.status, offeredAgain.body.request.status]).toEqual(['offered', 'offered']);
    expect(offered.body.request.offeredByMe).toBe(true);

    const before = await neighbour<WalletView>('GET', `/wallet?citizenId=${neighbourId}`);
    const action = (name: string, key: string) =>
      call<{ request: AidRequestView }>(
        'POST',
        `/mutual-aid/requests/${asked.body.request.id}/${name}`,
        { citizenId },
        key,
      );
    expect((await action('accept', 'aid-accept-0001')).body.request.status).toBe('accepted');
    const completed = await Promise.all([
      action('complete', 'aid-done-0001'),
      action('complete', 'aid-done-0001'),
    ]);
    expect(completed.map((c) => c.body.request.status)).toEqual(['completed', 'completed']);
    // The helper is thanked in community currency, once.
    const after = await neighbour<WalletView>('GET', `/wallet?citizenId=${neighbourId}`);
    expect(after.body.balance - before.body.balance).toBe(asked.body.request.points);
    const unknown = await call<{ error: { code: string } }>(
      'POST',
      `/mutual-aid/requests/${asked.body.request.id}/steal`,
      { citizenId },
    );
    expect(unknown.status).toBe(404);
  });
});

describe('when a partner is slow or down', () => {
  it('tells the TV within 3 s, keeps the other services working, and recovers when the partner is back', async () => {
    const clock = manualClock('2026-11-27T10:00:00+09:00');
    const s = await server({ clock });
    const owner = await tv(s);
    const citizenId = await linkCitizen(s, owner, 'tanaka.ichiro');
    const call = services(s, owner.token);
    const knobs = s.sandboxPartners?.faults('currency');
    if (!knobs) throw new Error('no sandbox partners');

    knobs.set({ latencyMs: 5000 });
    const slow = await call<{ error: { code: string } }>('GET', `/wallet?citizenId=${citizenId}`);
    expect(slow).toMatchObject({ status: 503, body: { error: { code: 'PARTNER_UNAVAILABLE' } } });
    expect(slow.ms).toBeLessThan(3000);
    expect((await call('GET', '/notices')).status).toBe(200);

    knobs.set({ latencyMs: 0, down: true });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await call('GET', `/wallet?citizenId=${citizenId}`)).status).toBe(503);
    }
    const health = s.services.health().find((h) => h.partner === 'currency') as PartnerHealth;
    expect(health.breaker).toBe('open');
    // While the circuit is open the answer comes at once, without waiting for the partner.
    expect((await call('GET', `/wallet?citizenId=${citizenId}`)).ms).toBeLessThan(200);

    knobs.reset();
    clock.set('2026-11-27T10:00:11+09:00');
    const back = await call<WalletView>('GET', `/wallet?citizenId=${citizenId}`);
    expect(back.status).toBe(200);
    expect(s.services.health().find((h) => h.partner === 'currency')?.breaker).toBe('closed');
    const ready = (await (await fetch(`${s.url}/readyz`)).json()) as {
      checks: { cities: Record<string, { partners: PartnerHealth[] }> };
    };
    expect(ready.checks.cities.omura?.partners.map((p) => p.partner).sort()).toEqual([
      'childcare',
      'currency',
      'mutualAid',
      'portal',
    ]);
  });
});

describe('officers act for the citizen in a call', () => {
  it('see the wallet only with consent (refusals audited), book for the citizen, and send cards and screens to the TV', async () => {
    const s = await server();
    const citizenTv = await tv(s);
    const citizenId = await linkCitizen(s, citizenTv, 'sato.misaki');
    await join(citizenTv.socket, 'childcare');
    const desk = await officer(s, 'staff');
    rig.keep(desk.socket);
    const { consultation } = await accept(desk.socket);
    const ref = { consultationId: consultation.consultationId, citizenId };

    expect(await request(desk.socket, 'citizen:wallet', ref)).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_REQUIRED' },
    });
    await request(citizenTv.socket, 'consent:set', { citizenId, purpose: 'wallet', granted: true });
    const wallet = await request<WalletView>(desk.socket, 'citizen:wallet', ref);
    expect(wallet.ok && wallet.data.coupons.length).toBeGreaterThan(0);
    await request(citizenTv.socket, 'consent:set', { citizenId, purpose: 'wallet', granted: false });
    expect(await request(desk.socket, 'citizen:wallet', ref)).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_REQUIRED' },
    });
    expect((await actions(s, citizenId)).filter((a) => a.startsWith('staff'))).toEqual([
      'staff citizen.wallet.refused',
      'staff citizen.wallet.read',
      'staff citizen.wallet.refused',
    ]);

    await request(citizenTv.socket, 'consent:set', { citizenId, purpose: 'childcare', granted: true });
    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const slots = await request<{ slots: SlotView[] }>(desk.socket, 'citizen:slots', { ...ref, from, to });
    const slotId = (slots.ok ? slots.data.slots.find((x) => x.remaining > 0)?.id : undefined) as string;
    const booked = await request<{ booking: BookingView }>(desk.socket, 'citizen:book', {
      ...ref,
      slotId,
      childId: null,
      idempotencyKey: 'officer-confirm-0001',
    });
    expect(booked).toMatchObject({ ok: true });
    const bookingId = booked.ok ? booked.data.booking.id : '';
    expect(bookingId).not.toBe('');

    const card = pushed<TvCardShown>(citizenTv.socket, 'tv:card');
    expect(
      await request(desk.socket, 'tv:card', {
        consultationId: consultation.consultationId,
        card: { kind: 'booking', bookingId, citizenId },
      }),
    ).toMatchObject({ ok: true });
    expect(await card).toMatchObject({ kind: 'booking', from: '窓口 太郎', booking: { id: bookingId } });

    const refusedCard = await request(desk.socket, 'tv:card', {
      consultationId: consultation.consultationId,
      card: { kind: 'text', title: 'ご案内', body: 'マイナンバー 1234 5678 9018' },
    });
    expect(refusedCard).toMatchObject({ ok: false, error: { code: 'MY_NUMBER_REFUSED' } });

    const navigated = pushed<{ route: string; officerName: string }>(citizenTv.socket, 'tv:navigate');
    await request(desk.socket, 'tv:navigate', {
      consultationId: consultation.consultationId,
      route: 'childcare',
    });
    expect(await navigated).toEqual({ route: 'childcare', officerName: '窓口 太郎' });
  });
});
