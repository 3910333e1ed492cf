import type { AidRequestView, BookingView, ChildcareView, WalletView } from '@madoguchi/shared';
import BetterSqlite3 from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import { phoneSetsConsent, phoneSignsIn, showSignIn } from './support/citizen.js';
import { outputDir, runDir } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';
import { acceptNext, byTestId, signIn, waitForSignedIn } from './support/staff.js';
import {
  announcements,
  detailsOn,
  press,
  serviceDetails,
  startFresh,
  waitForTv,
  type TvState,
} from './support/tv.js';

const ALWAYS_OPEN = fileURLToPath(new URL('../fixtures/tenant-always-open.json', import.meta.url));
/** Keys named for sandboxed partners are the embedded sandbox's own: the test can call it too. */
const KEYS = {
  portal: 'e2e-portal-key',
  currency: { id: 'e2e-currency', secret: 'e2e-currency-secret' },
  mutualAid: 'e2e-mutual-aid-key',
  childcare: 'e2e-childcare-key',
};
/** 佐藤 美咲 (demo-0003): two children, lives in 久原. */
const SUBJECT = 'demo-0003';

let server: RunningServer;
let tv: Browser;
let phone: Browser;

// ── the partners, called directly (the test's independent view of what happened) ───────────

type Slug = 'portal' | 'currency' | 'mutual-aid' | 'childcare';

async function partnerHeaders(slug: Slug): Promise<Record<string, string>> {
  if (slug !== 'currency') {
    const key = { portal: KEYS.portal, 'mutual-aid': KEYS.mutualAid, childcare: KEYS.childcare }[slug];
    return { 'x-api-key': key };
  }
  const basic = Buffer.from(`${KEYS.currency.id}:${KEYS.currency.secret}`).toString('base64');
  const response = await fetch(`${server.city}/sandbox/partners/currency/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const { access_token: token } = (await response.json()) as { access_token: string };
  return { authorization: `Bearer ${token}` };
}

async function partner<T>(slug: Slug, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.city}/sandbox/partners/${slug}${path}`, {
    method,
    headers: {
      ...(await partnerHeaders(slug)),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${slug} ${method} ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

const faults = (slug: Slug, change: Record<string, unknown> | null) =>
  partner(slug, change ? 'POST' : 'DELETE', '/_faults', change ?? undefined);

const sandboxBalance = async () =>
  (await partner<{ balance: number }>('currency', 'GET', `/v1/accounts/${SUBJECT}/balance`)).balance;
const sandboxBookings = async () =>
  (
    await partner<{ bookings: { id: string; slotId: string }[] }>(
      'childcare',
      'GET',
      `/v1/families/${SUBJECT}/bookings`,
    )
  ).bookings;
const sandboxMyRequests = async () =>
  (
    await partner<{ requests: { id: string; template: string; status: string; offeredByMe: boolean }[] }>(
      'mutual-aid',
      'GET',
      `/v1/requests?subject=${SUBJECT}&mine=true`,
    )
  ).requests;

/** A date in Japan, `days` from today. */
function jstDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** Whether the partner's circuit breaker lets calls through again (as /readyz says). */
async function breakerClosed(name: string): Promise<boolean> {
  const ready = (await (await fetch(`${server.url}/readyz`)).json()) as {
    checks: { cities: Record<string, { partners: { partner: string; breaker: string }[] }> };
  };
  return ready.checks.cities.omura?.partners.find((p) => p.partner === name)?.breaker === 'closed';
}

/** The staff console's test hook: a service request on the officer's own socket. */
interface StaffHook {
  __staffServices?: { request: (event: string, payload: unknown) => Promise<unknown> };
}

// ── the TV, by keys ─────────────────────────────────────────────────────────────────────────

const choicesOf = (state: TvState): string[] => serviceDetails(state)?.choices ?? [];

/** A service screen that takes keys: loaded, not busy, not settling after a write, no question. */
const ready = (state: TvState): boolean => {
  const details = serviceDetails(state);
  return (
    details?.loadState === 'loaded' &&
    details.busy === false &&
    details.settling === false &&
    details.dialog === false
  );
};

/** Takes keys: loaded or showing what went wrong, not busy, not settling, no question open. */
const takesKeys = (state: TvState): boolean => {
  const details = serviceDetails(state);
  return (
    (details?.loadState === 'loaded' || details?.loadState === 'failed') &&
    details.busy === false &&
    details.settling === false &&
    details.dialog === false
  );
};

/** Moves the focus to the first choice whose id passes `match` with the arrows, and presses OK. */
async function choose(match: (id: string) => boolean, what: string, presses = 1): Promise<TvState> {
  const before = await waitForTv(tv, (s) => takesKeys(s) && choicesOf(s).some(match), what);
  const target = choicesOf(before).findIndex(match);
  const steps = target - before.focusIndex;
  for (let i = 0; i < Math.abs(steps); i += 1) await press(tv, steps > 0 ? 'ArrowDown' : 'ArrowUp');
  await waitForTv(tv, (s) => s.focusIndex === target, `focus on ${what}`);
  for (let i = 0; i < presses; i += 1) await press(tv, 'Enter');
  return before;
}

const step = (name: string) => (state: TvState) => serviceDetails(state)?.step === name && ready(state);

async function home(): Promise<TvState> {
  await press(tv, 'd');
  return waitForTv(tv, (s) => s.screen === 'home' && s.interactive, 'Home');
}

beforeAll(async () => {
  server = await startServer({
    name: 'services',
    env: {
      MADOGUCHI_TENANT_FILE: ALWAYS_OPEN,
      MADOGUCHI_PORTAL_API_KEY: KEYS.portal,
      MADOGUCHI_CURRENCY_CLIENT_ID: KEYS.currency.id,
      MADOGUCHI_CURRENCY_CLIENT_SECRET: KEYS.currency.secret,
      MADOGUCHI_MUTUAL_AID_API_KEY: KEYS.mutualAid,
      MADOGUCHI_CHILDCARE_API_KEY: KEYS.childcare,
    },
  });
  // 母子健康相談 sessions tomorrow and the day after, whatever weekday CI runs on.
  for (const days of [1, 2])
    await partner('childcare', 'POST', '/_sessions', { date: jstDate(days), start: '09:00', end: '09:30' });

  tv = await openBrowser();
  phone = await openBrowser({ width: 390, height: 844 });
  await startFresh(tv, server.city);
  const { userCode, link } = await showSignIn(tv);
  await phoneSignsIn(phone, link, userCode, 'sato.misaki');
  await waitForTv(tv, (s) => s.link.state === 'approved' && s.link.greetedName !== null, 'greeted');
});

afterAll(async () => {
  await closeBrowser(tv);
  await closeBrowser(phone);
  await server?.stop();
});

describe('services on the TV, by remote, against the sandbox partners', () => {
  it('お知らせ: the unread count on Home, the list, a notice read, and one fewer unread', async () => {
    await home();
    const before = await waitForTv(tv, (s) => (s.services.home?.unreadNotices ?? 0) > 0, 'unread notices');
    const unread = before.services.home?.unreadNotices ?? 0;

    await press(tv, '2');
    const list = await waitForTv(tv, (s) => s.screen === 'notices' && step('list')(s), 'the notices');
    const notices = list.services.notices ?? [];
    expect(notices.filter((n) => !n.read)).toHaveLength(unread);
    const first = notices.find((n) => !n.read);
    if (!first) throw new Error('no unread notice');
    expect(list.visibleTexts.join(' ')).toContain(first.title.ja);

    await choose((id) => id === `notice:${first.id}`, 'the first unread notice');
    const detail = await waitForTv(tv, (s) => detailsOn(s, 'notices')?.noticeId === first.id, 'the notice');
    expect(detail.visibleTexts.join(' ')).toContain(first.title.ja);
    await tv.saveScreenshot(`${outputDir('screenshots')}/tv-notice.png`);
    await press(tv, 'Backspace');
    await waitForTv(tv, step('list'), 'the list again');

    await home();
    await waitForTv(tv, (s) => s.services.home?.unreadNotices === unread - 1, 'one fewer unread');
  });

  it('地域通貨: the balance as the ledger has it, history, coupons with expiry, and a QR code for a shop', async () => {
    await press(tv, '3');
    const main = await waitForTv(tv, (s) => s.screen === 'wallet' && step('main')(s), 'the wallet');
    const wallet = main.services.wallet as WalletView;
    expect(wallet.balance).toBe(await sandboxBalance());
    expect(main.visibleTexts.join(' ')).toContain(wallet.balance.toLocaleString('ja-JP'));
    await tv.saveScreenshot(`${outputDir('screenshots')}/tv-wallet.png`);

    await choose((id) => id === 'history', 'history');
    const history = await waitForTv(tv, step('history'), 'the history');
    expect(choicesOf(history).filter((id) => id.startsWith('transaction:')).length).toBeGreaterThan(0);
    await press(tv, 'Backspace');

    await choose((id) => id === 'coupons', 'coupons');
    const coupons = await waitForTv(tv, step('coupons'), 'the coupons');
    const usable = wallet.coupons.filter((c) => c.usedAt === null);
    expect(usable.length).toBeGreaterThan(0);
    for (const coupon of usable) expect(choicesOf(coupons)).toContain(`coupon:${coupon.id}`);
    await press(tv, 'Backspace');

    await choose((id) => id === 'pay', 'the QR code');
    const pay = await waitForTv(
      tv,
      (s) => {
        const details = detailsOn(s, 'wallet');
        return details?.step === 'pay' && details.qrShown && details.payCode !== null;
      },
      'the QR code',
    );
    expect(detailsOn(pay, 'wallet')?.payCode).toMatch(/\S{6,}/);
    expect(detailsOn(pay, 'wallet')?.paySecondsLeft).toBeGreaterThan(0);
    await tv.saveScreenshot(`${outputDir('screenshots')}/tv-wallet-qr.png`);
    await home();
  });

  it('地域共助: nearby requests, an offer to help, and a request from a template with OK pressed twice → one request', async () => {
    await press(tv, '4');
    await waitForTv(
      tv,
      (s) => s.screen === 'mutualAid' && (s.details.loadState === 'failed' || step('main')(s)),
      'mutual aid',
    );
    // The town is household information: without the servicesHousehold consent the TV says so.
    const refused = await waitForTv(tv, (s) => serviceDetails(s)?.loadState === 'failed', 'no consent');
    expect(refused.services.lastError?.code).toBe('CONSENT_REQUIRED');
    expect(choicesOf(refused)).toContain('error:consent');
    await choose((id) => id === 'error:consent', 'give consent');
    await waitForTv(tv, (s) => s.screen === 'consent' && s.focusId !== null, 'the consent screen');
    await waitForTv(tv, (s) => s.focusId === 'profile', 'the first purpose');
    await press(tv, 'ArrowDown', 'ArrowDown', 'ArrowDown');
    await waitForTv(tv, (s) => s.focusId === 'servicesHousehold', 'the household purpose');
    await press(tv, 'Enter');
    await waitForTv(
      tv,
      (s) =>
        (detailsOn(s, 'consent')?.consents ?? []).some((c) => c.purpose === 'servicesHousehold' && c.granted),
      'servicesHousehold granted',
    );
    await press(tv, 'Backspace');
    const back = await waitForTv(
      tv,
      (s) => s.screen === 'mutualAid' && (step('main')(s) || s.details.loadState === 'failed'),
      'back to mutual aid',
    );
    if (serviceDetails(back)?.loadState === 'failed') await choose((id) => id === 'error:retry', 'try again');
    const main = await waitForTv(tv, step('main'), 'mutual aid');

    // Offer to help a neighbour.
    await choose((id) => id === 'nearby', 'requests nearby');
    const nearby = await waitForTv(tv, step('nearby'), 'requests nearby');
    const others = (main.services.mutualAid?.nearby ?? []).filter(
      (r: AidRequestView) => !r.mine && r.status === 'open',
    );
    expect(others.length).toBeGreaterThan(0);
    const target = others.find((r) => choicesOf(nearby).includes(`request:${r.id}`));
    if (!target) throw new Error('no open request of a neighbour on the first page');
    await choose((id) => id === `request:${target.id}`, 'a neighbour’s request');
    await choose((id) => id === 'action:offer', 'offer to help');
    await waitForTv(tv, (s) => serviceDetails(s)?.dialog === true, 'are you sure?');
    await press(tv, 'ArrowRight', 'Enter');
    await tv.waitUntil(async () =>
      (await sandboxMyRequests()).some((r) => r.id === target.id && r.offeredByMe),
    );

    // Ask for help: shopping, the first day offered, in the morning; OK twice on the last step.
    await home();
    await press(tv, '4');
    await waitForTv(tv, (s) => s.screen === 'mutualAid' && step('main')(s), 'mutual aid');
    const mineBefore = (await sandboxMyRequests()).filter((r) => r.template === 'shopping').length;
    await choose((id) => id === 'ask', 'ask for help');
    await choose((id) => id === 'template:shopping', 'shopping');
    await choose((id) => id.startsWith('day:'), 'the first day');
    await choose((id) => id === 'period:morning', 'the morning');
    await choose((id) => id === 'send', 'send', 2);
    await waitForTv(tv, step('asked'), 'asked');
    const shopping = (await sandboxMyRequests()).filter((r) => r.template === 'shopping');
    expect(shopping).toHaveLength(mineBefore + 1);

    await choose((id) => id === 'mine', 'my requests');
    const mine = await waitForTv(tv, step('mine'), 'my requests');
    for (const request of shopping) expect(choicesOf(mine)).toContain(`request:${request.id}`);
    await home();
  });

  it('子育て: the children and their cards; book → date → time → confirm with OK twice → one booking; the reminder on Home; change; cancel', async () => {
    const tomorrow = jstDate(1);
    const dayAfter = jstDate(2);
    expect(await sandboxBookings()).toEqual([]);

    await press(tv, '5');
    const main = await waitForTv(tv, (s) => s.screen === 'childcare' && step('main')(s), 'childcare');
    const view = main.services.childcare as ChildcareView;
    expect(view.children.map((c) => c.name)).toEqual(['佐藤 結衣', '佐藤 陽太']);
    for (const child of view.children) expect(main.visibleTexts.join(' ')).toContain(child.name);

    const youngest = view.children[1];
    if (!youngest) throw new Error('no second child');
    await choose((id) => id === `child:${youngest.id}`, 'the younger child');
    const child = await waitForTv(tv, step('child'), 'the child');
    const card = youngest.cards[0];
    if (!card) throw new Error('no information card for the child’s age');
    expect(child.visibleTexts.join(' ')).toContain(card.title);
    await choose((id) => id === `card:${card.id}`, 'an information card');
    await waitForTv(tv, step('card'), 'the card');
    await press(tv, 'Backspace', 'Backspace');

    await choose((id) => id === 'bookings', 'appointments');
    await choose((id) => id === 'book', 'book');
    await choose((id) => id === `for:${youngest.id}`, 'for the younger child');
    await choose((id) => id === `date:${tomorrow}`, 'tomorrow');
    const slotId = `slot-${tomorrow.replace(/-/g, '')}-0900`;
    await choose((id) => id === `slot:${slotId}`, '09:00');
    await choose((id) => id === 'confirm', 'confirm', 2);
    await waitForTv(tv, step('booked'), 'booked');
    const booked = await sandboxBookings();
    expect(booked.map((b) => b.slotId)).toEqual([slotId]);

    // The day before: a reminder line on Home.
    await home();
    const withReminder = await waitForTv(
      tv,
      (s) => s.services.home?.reminder?.id === booked[0]?.id,
      'the reminder',
    );
    expect(withReminder.visibleTexts.join(' ')).toMatch(/あした 0?9:00から 母子健康相談/);
    await tv.saveScreenshot(`${outputDir('screenshots')}/tv-home-reminder.png`);

    // Change it to the day after, then cancel.
    await press(tv, '5');
    await waitForTv(tv, (s) => s.screen === 'childcare' && step('main')(s), 'childcare');
    await choose((id) => id === 'bookings', 'appointments');
    await choose((id) => id === `booking:${booked[0]?.id}`, 'the booking');
    await choose((id) => id === 'change', 'change');
    await choose((id) => id === `date:${dayAfter}`, 'the day after');
    const moved = `slot-${dayAfter.replace(/-/g, '')}-0900`;
    await choose((id) => id === `slot:${moved}`, '09:00 the day after');
    await choose((id) => id === 'confirm', 'confirm the change');
    await waitForTv(tv, step('booked'), 'changed');
    expect((await sandboxBookings()).map((b) => b.slotId)).toEqual([moved]);

    await choose((id) => id === 'bookings', 'appointments');
    await choose((id) => id.startsWith('booking:'), 'the booking');
    await choose((id) => id === 'cancel', 'cancel');
    await waitForTv(tv, (s) => serviceDetails(s)?.dialog === true, 'are you sure?');
    await press(tv, 'ArrowRight', 'Enter');
    await tv.waitUntil(async () => (await sandboxBookings()).length === 0);
    await waitForTv(
      tv,
      (s) => ready(s) && !choicesOf(s).some((id) => id.startsWith('booking:')),
      'none left',
    );
    await home();
  });
});

describe('a partner that is down or slow', () => {
  it('down: the TV says so within 3 s, the other services still work, and it comes back', async () => {
    await faults('portal', { down: true });
    try {
      const pressed = Date.now();
      await press(tv, '2');
      const failed = await waitForTv(
        tv,
        (s) => s.screen === 'notices' && s.details.loadState === 'failed',
        'the notices cannot be reached',
      );
      expect(Date.now() - pressed).toBeLessThan(3_000);
      expect(failed.services.lastError?.code).toMatch(/^PARTNER_/);
      expect(failed.visibleTexts.join(' ')).toContain('お知らせ');

      await press(tv, 'Backspace');
      await waitForTv(tv, (s) => s.screen === 'home', 'Home');
      await press(tv, '3');
      await waitForTv(tv, (s) => s.screen === 'wallet' && step('main')(s), 'the wallet still works');
      await home();
    } finally {
      await faults('portal', null);
    }
    await tv.waitUntil(() => breakerClosed('portal'), { timeout: 30_000, interval: 500 });
    await press(tv, '2');
    await waitForTv(tv, (s) => s.screen === 'notices' && step('list')(s), 'the notices again');
    await home();
  });

  it('slow: the TV says so within 3 s instead of waiting, and works again when the partner is quick', async () => {
    await faults('currency', { latencyMs: 8_000 });
    try {
      const pressed = Date.now();
      await press(tv, '3');
      const failed = await waitForTv(
        tv,
        (s) => s.screen === 'wallet' && s.details.loadState === 'failed',
        'the wallet is slow',
      );
      expect(Date.now() - pressed).toBeLessThan(3_000);
      expect(failed.services.lastError?.code).toMatch(/^PARTNER_/);
    } finally {
      await faults('currency', null);
    }
    await tv.waitUntil(() => breakerClosed('currency'), { timeout: 30_000, interval: 500 });
    await choose((id) => id === 'error:retry', 'try again');
    await waitForTv(tv, step('main'), 'the wallet again');
    await home();
  });
});

describe('an officer in a call', () => {
  let officer: Browser;
  let consultationId: string;
  let citizenId: string;

  beforeAll(async () => {
    officer = await openBrowser({ width: 1600, height: 1000 });
    await signIn(officer, server.city, 'staff');
    await waitForSignedIn(officer);
    await press(tv, 'g');
    await waitForTv(tv, (s) => s.screen === 'videoCounter' && s.counter.topics.length > 0, 'the topics');
    await press(tv, 'Enter');
    await waitForTv(tv, (s) => s.counter.entry?.status === 'waiting', 'waiting');
    await acceptNext(officer);
    const panel = officer.$('[data-testid="call-panel"]');
    consultationId = (await panel.getAttribute('data-consultation-id')) as string;
    const services = officer.$('[data-testid="citizen-services"]');
    await services.waitForExist({ timeout: 10_000 });
    citizenId = (await services.getAttribute('data-citizen-id')) as string;
  });

  afterAll(async () => {
    await closeBrowser(officer);
  });

  const wallet = (state: string) => officer.$(`[data-testid="service-wallet"][data-state="${state}"]`);

  it('sees the wallet only with consent; a withdrawal hides it, and a read after that is refused and audited', async () => {
    await wallet('no-consent').waitForExist({ timeout: 10_000 });
    expect(await officer.$('[data-testid="wallet-balance"]').isExisting()).toBe(false);

    await phoneSetsConsent(phone, server.city, 'wallet', true);
    await wallet('shown').waitForExist({ timeout: 10_000 });
    expect(Number(await wallet('shown').getAttribute('data-balance'))).toBe(await sandboxBalance());
    await officer.saveScreenshot(`${outputDir('screenshots')}/staff-wallet.png`);

    await phoneSetsConsent(phone, server.city, 'wallet', false);
    await wallet('no-consent').waitForExist({ timeout: 10_000 });
    expect(await officer.$('[data-testid="wallet-balance"]').isExisting()).toBe(false);

    const answer = await officer.execute(
      (c: string, p: string) =>
        (window as unknown as StaffHook).__staffServices?.request('citizen:wallet', {
          consultationId: c,
          citizenId: p,
        }) ?? null,
      consultationId,
      citizenId,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    const db = new BetterSqlite3(join(server.dataDir, 'madoguchi.db'), { readonly: true });
    try {
      const rows = db
        .prepare<[string], { actor: string; consultation_id: string | null }>(
          "SELECT actor, consultation_id FROM audit_log WHERE action = 'citizen.wallet.refused' AND subject = ?",
        )
        .all(citizenId);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.at(-1)).toMatchObject({
        actor: expect.stringMatching(/^staff:/),
        consultation_id: consultationId,
      });
    } finally {
      db.close();
    }
  });

  it('books a 母子健康相談 for the citizen and sends the booking to the TV as a card; Back closes it', async () => {
    await phoneSetsConsent(phone, server.city, 'childcare', true);
    await officer
      .$('[data-testid="service-childcare"][data-state="shown"]')
      .waitForExist({ timeout: 10_000 });
    await (await byTestId(officer, 'book-open')).click();
    await officer.$('[data-testid="book-summary"]').waitForExist({ timeout: 10_000 });
    await (await byTestId(officer, 'book-confirm')).click();
    const done = officer.$('[data-testid="book-done"]');
    await done.waitForExist({ timeout: 10_000 });
    const bookingId = (await done.getAttribute('data-booking-id')) as string;
    expect((await sandboxBookings()).map((b) => b.id)).toEqual([bookingId]);

    await (await byTestId(officer, 'book-done-card')).click();
    const shown = await waitForTv(tv, (s) => s.overlay === 'card' && s.card?.kind === 'booking', 'the card');
    expect((shown.card as { booking: BookingView }).booking.id).toBe(bookingId);
    await tv.saveScreenshot(`${outputDir('screenshots')}/tv-booking-card.png`);
    await press(tv, 'Backspace');
    const after = await waitForTv(tv, (s) => s.card === null && s.overlay === null, 'the card closed');
    expect(after.counter.call?.status).toBe('active');
  });

  it('asks for help for the citizen', async () => {
    const before = (await sandboxMyRequests()).length;
    await (await byTestId(officer, 'aid-open')).click();
    await officer.$('[data-testid="aid-summary"]').waitForExist({ timeout: 10_000 });
    await (await byTestId(officer, 'aid-template')).selectByAttribute('value', 'ride');
    await (await byTestId(officer, 'aid-confirm')).click();
    const done = officer.$('[data-testid="aid-done"]');
    await done.waitForExist({ timeout: 10_000 });
    const requestId = await done.getAttribute('data-request-id');
    const mine = await sandboxMyRequests();
    expect(mine).toHaveLength(before + 1);
    expect(mine.find((r) => r.id === requestId)).toMatchObject({ template: 'ride', status: 'open' });
  });

  it('pushes a text card, a QR card and an image card; each shows over the call and Back closes it', async () => {
    const send = async (kind: string, fill: () => Promise<void>) => {
      await (await byTestId(officer, 'card-kind')).selectByAttribute('value', kind);
      await fill();
      await (await byTestId(officer, 'card-send')).click();
      const sent = officer.$(`[data-testid="card-sent"][data-card-kind="${kind}"]`);
      await sent.waitForExist({ timeout: 10_000 });
      const cardId = await sent.getAttribute('data-card-id');
      const shown = await waitForTv(
        tv,
        (s) => s.overlay === 'card' && s.card?.cardId === cardId,
        `${kind} card`,
      );
      await press(tv, 'Backspace');
      await waitForTv(tv, (s) => s.card === null, `${kind} card closed`);
      return shown;
    };

    const text = await send('text', async () => {
      await (await byTestId(officer, 'card-title')).setValue('持ち物のご案内');
      await (await byTestId(officer, 'card-body')).setValue('印鑑と 保険証を お持ちください。');
    });
    expect(text.card).toMatchObject({ kind: 'text', title: '持ち物のご案内' });

    const qr = await send('qr', async () => {
      await (await byTestId(officer, 'card-title')).setValue('申請ページ');
      await (await byTestId(officer, 'card-qr')).setValue('https://www.city.omura.nagasaki.jp/');
    });
    expect(qr.card).toMatchObject({ kind: 'qr', content: 'https://www.city.omura.nagasaki.jp/' });

    // A 2×2 PNG, as an officer would pick a file.
    const png = join(runDir(), 'card.png');
    writeFileSync(
      png,
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    const image = await send('image', async () => {
      await (await byTestId(officer, 'card-title')).setValue('地図');
      await (await byTestId(officer, 'card-image')).setValue(png);
      await officer.$('[data-testid="card-image-ready"]').waitForExist({ timeout: 10_000 });
    });
    expect(image.card).toMatchObject({ kind: 'image', title: '地図' });
    expect(image.counter.call?.status).toBe('active');
  });

  it('guides the TV to the wallet while the TV says 係員が画面を操作しています; green returns to the call', async () => {
    await (await officer.$('[data-testid="assist-route"][data-route="wallet"]')).click();
    await officer.$('[data-testid="assist-sent"][data-route="wallet"]').waitForExist({ timeout: 10_000 });
    const guided = await waitForTv(
      tv,
      (s) => s.screen === 'wallet' && s.assist?.route === 'wallet',
      'guided',
    );
    expect(guided.assist?.officerName).toBeTruthy();
    await tv.waitUntil(async () =>
      (await announcements(tv)).some((said) => /係員.*が画面を操作しています/.test(said.replace(/\s/g, ''))),
    );
    await press(tv, 'g');
    const back = await waitForTv(tv, (s) => s.screen === 'videoCounter', 'back to the call');
    expect(back.counter.call?.status).toBe('active');
  });
});

describe('the admin page of partner connectors', () => {
  it('lists each connector with its health', async () => {
    const admin = await openBrowser({ width: 1600, height: 1000 });
    try {
      await signIn(admin, server.city, 'admin');
      await waitForSignedIn(admin);
      await (await byTestId(admin, 'nav-partners')).click();
      await admin.$('[data-testid="partners-row"]').waitForExist({ timeout: 10_000 });
      const seen: [string | null, string | null][] = [];
      for (const row of await admin.$$('[data-testid="partners-row"]'))
        seen.push([await row.getAttribute('data-partner'), await row.getAttribute('data-breaker')]);
      expect(Object.fromEntries(seen)).toEqual({
        portal: 'closed',
        currency: 'closed',
        mutualAid: 'closed',
        childcare: 'closed',
      });
      await admin.saveScreenshot(`${outputDir('screenshots')}/staff-partners.png`);
    } finally {
      await closeBrowser(admin);
    }
  });
});
