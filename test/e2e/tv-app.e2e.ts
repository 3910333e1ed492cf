import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import { outputDir } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';
import { deviceRow, openDevicesPage, signIn, waitForSignedIn } from './support/staff.js';
import { announcements, openFromMore, openTv, press, startFresh, tvState, waitForTv } from './support/tv.js';

async function forgetLocalSession(browser: Browser): Promise<void> {
  await browser.execute(() => localStorage.removeItem('madoguchi.session'));
}

let server: RunningServer;
let tv: Browser;
let deviceId: string;

beforeAll(async () => {
  server = await startServer({ name: 'tv-app' });
  tv = await openBrowser({ width: 1280, height: 720 });
});

afterAll(async () => {
  await closeBrowser(tv);
  await server?.stop();
});

describe('TV app: first start and the staff device page', () => {
  it('registers on OK, and the officer sees the TV come online live', async () => {
    const staff = await openBrowser();
    try {
      await signIn(staff, server.city, 'staff');
      await waitForSignedIn(staff);
      await openDevicesPage(staff);
      await staff.$('[data-testid="devices-empty"]').waitForExist({ timeout: 10_000 });

      deviceId = await startFresh(tv, server.city);
      const home = await tvState(tv);
      expect(home.tiles).toEqual(['videoCounter', 'notices', 'wallet', 'mutualAid', 'childcare', 'more']);
      expect(home.online).toBe(true);
      expect(home.visibleTexts).toContain('ホーム');
      await tv.saveScreenshot(`${outputDir('screenshots')}/tv-home.png`);

      const row = await deviceRow(staff, deviceId, true);
      await row.waitForExist({ timeout: 10_000 });
      expect(await row.getText()).toContain('browser');
      await staff.saveScreenshot(`${outputDir('screenshots')}/staff-devices.png`);

      // The TV goes away; the marker follows without a reload.
      await tv.url('about:blank');
      await (await deviceRow(staff, deviceId, false)).waitForExist({ timeout: 15_000 });
    } finally {
      await closeBrowser(staff);
    }
  });
});

describe('TV app: the remote', () => {
  beforeAll(async () => {
    await openTv(tv, server.city);
    await waitForTv(tv, (s) => s.screen === 'home' && s.interactive, 'Home after a reload');
  });

  it('moves focus with the arrows', async () => {
    expect((await tvState(tv)).focusId).toBe('videoCounter');
    await press(tv, 'ArrowRight');
    expect((await waitForTv(tv, (s) => s.focusId === 'notices', 'focus on notices')).focusIndex).toBe(1);
    await press(tv, 'ArrowRight');
    await waitForTv(tv, (s) => s.focusId === 'wallet', 'focus on the wallet');
    await press(tv, 'ArrowLeft', 'ArrowLeft');
    await waitForTv(tv, (s) => s.focusId === 'videoCounter', 'focus back on the video counter');
  });

  it('announces the screen and each focused item', async () => {
    await press(tv, 'ArrowRight');
    await waitForTv(tv, (s) => s.focusId === 'notices', 'focus on notices');
    const spoken = await announcements(tv);
    expect(spoken.at(-1)).toContain('お知らせ');
    await press(tv, 'b');
    await tv.waitUntil(async () => (await announcements(tv)).slice(-2).join(' ').includes('ホーム'));
    await press(tv, 'ArrowLeft');
  });

  it('opens the n-th tile with a number key, and Back returns', async () => {
    await press(tv, '6');
    await waitForTv(tv, (s) => s.screen === 'more', 'そのほか from key 6');
    await press(tv, '3');
    await waitForTv(tv, (s) => s.screen === 'settings', 'Settings from key 3 there');
    await press(tv, 'Backspace');
    await waitForTv(tv, (s) => s.screen === 'more', 'そのほか after Back');
    await press(tv, 'Backspace');
    await waitForTv(tv, (s) => s.screen === 'home', 'Home after Back');
    await openFromMore(tv, '2');
    const guide = await waitForTv(tv, (s) => s.screen === 'guide', 'Guide from keys 6, 2');
    expect(guide.visibleTexts.join(' ')).toContain('リモコンの使い方');
    await press(tv, 'd');
    await waitForTv(tv, (s) => s.screen === 'home', 'Home from the d key');
  });

  it('never leaves Home on Back', async () => {
    await press(tv, 'Backspace', 'Backspace', 'Escape', 'Backspace');
    const state = await tvState(tv);
    expect(state.screen).toBe('home');
    expect(await tv.getUrl()).toContain('/tv/');
    // Still alive and listening, not a closed app that only looks like Home.
    await press(tv, 'ArrowRight');
    await waitForTv(tv, (s) => s.screen === 'home' && s.focusId === 'notices', 'focus moves after Back');
    await press(tv, 'ArrowLeft');
  });

  it('green reaches a human from any screen: the video counter', async () => {
    await openFromMore(tv, '2');
    await waitForTv(tv, (s) => s.screen === 'guide', 'Guide');
    await press(tv, 'g');
    const counter = await waitForTv(
      tv,
      (s) => s.screen === 'videoCounter' && s.counter.topics.length === 4,
      'the video counter with its topics',
    );
    expect(counter.legend.join(' ')).toContain('係員と話す');
    await press(tv, 'd');
    await waitForTv(tv, (s) => s.screen === 'home', 'Home from the d key');
  });

  it('shows the opening hours and the phone number', async () => {
    await openFromMore(tv, '1');
    await waitForTv(
      tv,
      (s) => s.screen === 'hours' && s.visibleTexts.some((t) => t.includes('0957-53-4111')),
      'hours with the phone number',
    );
    await press(tv, 'r');
    await waitForTv(tv, (s) => s.screen === 'more', 'そのほか after red (cancel)');
    await press(tv, 'Backspace');
    await waitForTv(tv, (s) => s.screen === 'home', 'Home after Back');
  });
});

describe('TV app: settings', () => {
  it('changes the text size; the layout reflows and the change survives a reload', async () => {
    const before = await tvState(tv);
    expect(before.textScale).toBe(1);
    await openFromMore(tv, '3');
    await waitForTv(tv, (s) => s.screen === 'settings' && s.focusId === 'textScale', 'the text size row');
    await press(tv, 'ArrowRight');
    await waitForTv(tv, (s) => s.textScale === 1.25 && s.toast !== null, 'text size ×1.25 saved');
    await press(tv, 'd');
    const home = await waitForTv(tv, (s) => s.screen === 'home', 'Home');
    expect(home.columns).toBeLessThan(before.columns);

    // Forget the app's local copy of the session: what comes back must come from the server.
    await forgetLocalSession(tv);
    await tv.refresh();
    const reloaded = await waitForTv(tv, (s) => s.screen === 'home' && s.online, 'Home after reload');
    expect(reloaded.textScale).toBe(1.25);
    expect(reloaded.columns).toBe(home.columns);
  });

  it('yellow makes text larger from any screen', async () => {
    await press(tv, 'y');
    await waitForTv(tv, (s) => s.textScale === 1.5, 'text size ×1.5');
    await press(tv, 'y');
    await waitForTv(tv, (s) => s.textScale === 1, 'text size back to ×1');
  });

  it('switches the language; every visible text changes, and it is kept', async () => {
    await openFromMore(tv, '3');
    await waitForTv(tv, (s) => s.screen === 'settings', 'Settings');
    await press(tv, 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown');
    await waitForTv(tv, (s) => s.focusId === 'language', 'the language row');
    await press(tv, 'ArrowRight');
    const english = await waitForTv(tv, (s) => s.language === 'en', 'English');
    expect(english.visibleTexts).toContain('Settings');
    expect(english.legend.join(' ')).toContain('Talk to staff');

    await press(tv, 'ArrowRight');
    const easy = await waitForTv(tv, (s) => s.language === 'ja-easy', 'やさしい日本語');
    expect(easy.visibleTexts).toContain('せってい');

    await forgetLocalSession(tv);
    await tv.refresh();
    const kept = await waitForTv(tv, (s) => s.screen === 'home' && s.online, 'Home after reload');
    expect(kept.language).toBe('ja-easy');
    expect(kept.visibleTexts.join(' ')).toContain('おしらせ');

    await openFromMore(tv, '3');
    await waitForTv(tv, (s) => s.screen === 'settings', 'Settings');
    await press(tv, 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowLeft', 'ArrowLeft');
    await waitForTv(tv, (s) => s.language === 'ja' && s.visibleTexts.includes('設定'), 'Japanese again');
  });

  it('turns spoken guidance off, and nothing more is said', async () => {
    await press(tv, 'ArrowUp', 'ArrowUp', 'ArrowUp');
    await waitForTv(tv, (s) => s.focusId === 'speechEnabled', 'the speech row');
    await press(tv, 'Enter');
    await waitForTv(tv, (s) => !s.speech.enabled, 'speech off');
    const said = (await announcements(tv)).length;
    await press(tv, 'ArrowDown', 'ArrowUp');
    await waitForTv(tv, (s) => s.focusId === 'speechEnabled', 'focus moved and back');
    expect((await announcements(tv)).length).toBe(said);
    await press(tv, 'Enter');
    await waitForTv(tv, (s) => s.speech.enabled, 'speech on again');
  });
});
