import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, openBrowser, replaceText, type Browser } from './support/browser.js';
import { phoneSetsConsent, phoneSignsIn, showSignIn } from './support/citizen.js';
import { outputDir } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';
import { acceptNext, byTestId, signIn, waitForSignedIn } from './support/staff.js';
import { announcements, detailsOn, press, startFresh, waitForTv } from './support/tv.js';

const ALWAYS_OPEN = fileURLToPath(new URL('../fixtures/tenant-always-open.json', import.meta.url));

let server: RunningServer;
let tv: Browser;
let phone: Browser;

beforeAll(async () => {
  server = await startServer({ name: 'identity', env: { MADOGUCHI_TENANT_FILE: ALWAYS_OPEN } });
  tv = await openBrowser();
  phone = await openBrowser({ width: 390, height: 844 });
});

afterAll(async () => {
  await closeBrowser(tv);
  await closeBrowser(phone);
  await server?.stop();
});

describe('TV sign-in with a phone', () => {
  it('shows a code and QR; the phone signs in as a demo citizen and confirms; the TV greets them by name', async () => {
    await startFresh(tv, server.city);
    const { userCode, link } = await showSignIn(tv);
    expect(userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(link).toBe(`${server.city}/link?code=${userCode}`);
    await tv.saveScreenshot(`${outputDir('screenshots')}/tv-sign-in.png`);

    await phoneSignsIn(phone, link, userCode, 'tanaka.ichiro');
    await phone.saveScreenshot(`${outputDir('screenshots')}/phone-linked.png`);
    const greeted = await waitForTv(
      tv,
      (s) => s.link.state === 'approved' && s.link.greetedName !== null,
      'greeted',
    );
    expect(greeted.link.greetedName).toBe('田中 一郎');
    expect(greeted.household.members.map((m) => m.displayName)).toEqual(['田中 一郎']);
    await tv.waitUntil(async () => (await announcements(tv)).some((a) => a.includes('田中 一郎さん')));
  });

  it('limits wrong code entries on the phone', async () => {
    const stranger = await openBrowser({ width: 390, height: 844 });
    try {
      await stranger.url(`${server.city}/link`);
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await (await byTestId(stranger, 'phone-code')).setValue('BBBB-BBBB');
        await (await byTestId(stranger, 'phone-code-submit')).click();
        await (await byTestId(stranger, 'phone-error')).waitForExist();
      }
      expect(await (await byTestId(stranger, 'phone-error')).getText()).toContain('上限に 達しました');
    } finally {
      await closeBrowser(stranger);
    }
  });
});

describe('consent changes what the officer sees', () => {
  let officer: Browser;
  beforeAll(async () => {
    officer = await openBrowser();
    await signIn(officer, server.city, 'staff');
    await waitForSignedIn(officer);
  });
  afterAll(async () => {
    await closeBrowser(officer);
  });

  async function endCall(): Promise<void> {
    // A My Number in the notes is refused before anything is sent.
    await (await byTestId(officer, 'end-notes')).setValue('番号 1234 5678 9018 を確認');
    await (await byTestId(officer, 'end-outcome')).selectByAttribute('value', 'resolved');
    await (await byTestId(officer, 'end-submit')).click();
    await officer.$('[data-testid="end-notes-error"][data-error-code="MY_NUMBER_REFUSED"]').waitForExist();
    await replaceText(officer, byTestId(officer, 'end-notes'), '本人の同意のもとで 世帯情報を確認');
    await (await byTestId(officer, 'end-submit')).click();
    await officer.$('[data-testid="call-panel"]').waitForExist({ reverse: true, timeout: 10_000 });
  }

  it('grant on the TV shows the profile in the call; a withdrawal on the phone hides it at once', async () => {
    // After the greeting the TV offers the citizen's consents: switch on "profile".
    await press(tv, 'Enter');
    await waitForTv(tv, (s) => s.screen === 'consent', 'the consent screen');
    await waitForTv(tv, (s) => s.focusId === 'profile', 'the profile purpose');
    await press(tv, 'Enter');
    await waitForTv(
      tv,
      (s) => (detailsOn(s, 'consent')?.consents ?? []).some((c) => c.purpose === 'profile' && c.granted),
      'profile granted',
    );

    await press(tv, 'g');
    await waitForTv(tv, (s) => s.screen === 'videoCounter' && s.counter.topics.length > 0, 'the topics');
    await press(tv, 'Enter');
    await waitForTv(tv, (s) => s.counter.entry?.status === 'waiting', 'waiting');
    await acceptNext(officer);
    const card = officer.$('[data-testid="citizen-card"][data-profile="shown"]');
    await card.waitForExist({ timeout: 10_000 });
    expect(await (await card.$('[data-testid="citizen-name"]')).getText()).toContain('田中 一郎');
    await officer.saveScreenshot(`${outputDir('screenshots')}/staff-citizen-panel.png`);

    // The citizen withdraws it on the phone (still signed in there).
    await phoneSetsConsent(phone, server.city, 'profile', false);
    await officer.$('[data-testid="citizen-card"][data-profile="hidden"]').waitForExist({ timeout: 10_000 });
    expect(await officer.$('[data-testid="citizen-name"]').isExisting()).toBe(false);

    await endCall();
    await waitForTv(tv, (s) => detailsOn(s, 'videoCounter')?.view === 'survey', 'the survey');
    await press(tv, 'r');
    await waitForTv(tv, (s) => s.counter.surveyFor === null, 'survey skipped');
  });

  it('an officer links a citizen without a smartphone after checking identity', async () => {
    const other = await openBrowser();
    try {
      await startFresh(other, server.city);
      await press(other, 'g');
      await waitForTv(other, (s) => s.screen === 'videoCounter' && s.counter.topics.length > 0, 'the topics');
      await press(other, 'Enter');
      await waitForTv(other, (s) => s.counter.entry?.status === 'waiting', 'waiting');
      await acceptNext(officer);
      await officer
        .$('[data-testid="citizen-panel"][data-linked-count="0"]')
        .waitForExist({ timeout: 10_000 });

      await (await byTestId(officer, 'assist-open')).click();
      for (const check of ['name', 'birthDate', 'address'])
        await (await byTestId(officer, `assist-check-${check}`)).click();
      await (await byTestId(officer, 'assist-search-name')).setValue('鈴木');
      await (await byTestId(officer, 'assist-search-birthDate')).setValue('1985-01-08');
      await (await byTestId(officer, 'assist-search-submit')).click();
      const result = officer.$('[data-testid="assist-result"]');
      await result.waitForExist();
      expect(await result.getText()).toContain('鈴木 健');
      await (await result.$('[data-testid="assist-link"]')).click();
      await (await byTestId(officer, 'assist-confirm')).click();
      await officer.$('[data-testid="assist-done"]').waitForExist({ timeout: 10_000 });

      const linked = await waitForTv(
        other,
        (s) => s.household.members.length === 1,
        'the new household member',
      );
      expect(linked.household.members).toMatchObject([{ displayName: '鈴木 健', linkedBy: 'staff' }]);
      await officer
        .$('[data-testid="citizen-panel"][data-linked-count="1"]')
        .waitForExist({ timeout: 10_000 });
      await endCall();
    } finally {
      await closeBrowser(other);
    }
  });
});

describe('an expired code', () => {
  it('is refused on the phone, and the TV shows a new one by itself', async () => {
    const short = await startServer({
      name: 'identity-expiry',
      env: { MADOGUCHI_DEVICE_CODE_SECONDS: '30' },
    });
    const box = await openBrowser();
    try {
      await startFresh(box, short.city);
      const first = await showSignIn(box);
      const renewed = await waitForTv(
        box,
        (s) => s.link.state === 'showing' && s.link.userCode !== null && s.link.userCode !== first.userCode,
        'a new code after expiry',
        60_000,
      );
      expect(renewed.link.userCode).not.toBe(first.userCode);
      await phone.url(first.link);
      expect(await (await byTestId(phone, 'phone-error')).getText()).toContain('期限が 切れています');
    } finally {
      await closeBrowser(box);
      await short.stop();
    }
  });
});
