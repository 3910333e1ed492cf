import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { byTestId, deviceRow, openDevicesPage, signIn, waitForSignedIn } from './support/staff.js';
import {
  checkVkGreenBackYellow,
  detailsOn,
  openFromMore,
  press,
  pressKeyCode,
  startFresh,
  tvState,
  waitForTv,
} from './support/tv.js';

let server: RunningServer;
let tv: Browser;

beforeAll(async () => {
  tv = await openBrowser();
});

afterEach(async () => {
  await server?.stop();
});

afterAll(async () => {
  await closeBrowser(tv);
});

describe('TV app when things go wrong', () => {
  it('shows a banner while the server is unreachable, and recovers by itself', async () => {
    server = await startServer({ name: 'banner-1' });
    const deviceId = await startFresh(tv, server.city);
    expect((await tvState(tv)).bannerVisible).toBe(false);

    await server.kill();
    await waitForTv(tv, (s) => s.bannerVisible && !s.online, 'the offline banner');
    // Keys still work while offline.
    await openFromMore(tv, '2');
    await waitForTv(tv, (s) => s.screen === 'guide', 'Guide while offline');

    server = await startServer({ name: 'banner-2', port: server.port, dataDir: server.dataDir });
    const back = await waitForTv(
      tv,
      (s) => s.online && !s.bannerVisible,
      'online again, banner gone',
      30_000,
    );
    expect(back.deviceId).toBe(deviceId);
    expect(back.screen).toBe('guide');
  });

  it('returns to the first-start screen when an officer revokes the TV', async () => {
    server = await startServer({ name: 'revoke' });
    const deviceId = await startFresh(tv, server.city);
    const staff = await openBrowser();
    try {
      await signIn(staff, server.city, 'supervisor');
      await waitForSignedIn(staff);
      await openDevicesPage(staff);
      const row = await deviceRow(staff, deviceId, true);
      await row.waitForExist({ timeout: 10_000 });
      await (await row.$('[data-testid="device-revoke"]')).click();
      await (await byTestId(staff, 'confirm-ok')).click();
      await staff
        .$(`[data-testid="device-row"][data-device-id="${deviceId}"][data-status="revoked"]`)
        .waitForExist();
    } finally {
      await closeBrowser(staff);
    }
    const first = await waitForTv(tv, (s) => s.screen === 'firstStart', 'the first-start screen');
    expect(detailsOn(first, 'firstStart')?.reason).toBe('revoked');
    expect(first.visibleTexts.join(' ')).toContain('取り消されました');

    await press(tv, 'Enter');
    const home = await waitForTv(
      tv,
      (s) => s.screen === 'home' && s.deviceId !== null,
      'Home as a new device',
    );
    expect(home.deviceId).not.toBe(deviceId);
  });

  it('answers to a TV remote under the hbbtv profile (VK codes)', async () => {
    server = await startServer({ name: 'hbbtv' });
    await startFresh(tv, server.city, 'hbbtv');
    expect((await tvState(tv)).profile).toBe('hbbtv');
    await checkVkGreenBackYellow(tv);
    await pressKeyCode(tv, 54); // digit 6: そのほか
    await waitForTv(tv, (s) => s.screen === 'more', 'そのほか from digit 6');
    await pressKeyCode(tv, 51); // digit 3
    await waitForTv(tv, (s) => s.screen === 'settings', 'Settings from digit 3');
    await pressKeyCode(tv, 10009); // Tizen Back, also in the profile
    await waitForTv(tv, (s) => s.screen === 'more', 'そのほか from 10009');
    await pressKeyCode(tv, 461); // VK_BACK
    await waitForTv(tv, (s) => s.screen === 'home', 'Home from VK_BACK');
  });
});
