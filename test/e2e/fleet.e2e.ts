import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, openBrowser, replaceText, type Browser } from './support/browser.js';
import { outputDir, REPO_ROOT } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';
import { byTestId, signIn, waitForSignedIn } from './support/staff.js';
import { press, tvState, waitForTv } from './support/tv.js';

/** The newest TV package the server knows: newer than the app the TV runs. */
const LATEST = '9.0.0';
const APP_VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'tv-app', 'package.json'), 'utf8')) as { version: string }
).version;

let server: RunningServer;
let tv: Browser;
let operator: Browser;
let deviceId: string;

const fleetRow = (deviceIdWanted: string, extra = '') =>
  operator.$(`[data-testid="fleet-row"][data-device-id="${deviceIdWanted}"]${extra}`);

beforeAll(async () => {
  server = await startServer({ name: 'fleet', env: { MADOGUCHI_TV_LATEST_VERSION: LATEST } });
  tv = await openBrowser({ width: 1280, height: 720 });
  operator = await openBrowser();
});

afterAll(async () => {
  await closeBrowser(tv);
  await closeBrowser(operator);
  await server?.stop();
});

describe('fleet: a hosted TV under its profile and the cable operator', () => {
  it('hosts the TV app at /tv/hbbtv/, which registers as an hbbtv box and says an update is coming', async () => {
    await tv.url(`${server.city}/tv/hbbtv/`);
    await tv.waitUntil(async () => tv.execute(() => window.__madoguchi !== undefined), { timeout: 20_000 });
    await waitForTv(tv, (s) => s.screen === 'firstStart', 'the first-start screen');
    await press(tv, 'Enter');
    const home = await waitForTv(
      tv,
      (s) => s.screen === 'home' && s.interactive && s.deviceId !== null && s.details.update === LATEST,
      'Home with the update notice',
    );
    deviceId = home.deviceId as string;
    expect(home.profile).toBe('hbbtv');
    expect(home.visibleTexts).toContain(
      `新しい バージョン（${LATEST}）が あります。ケーブルテレビ会社が 更新します。`,
    );
    await tv.saveScreenshot(`${outputDir('screenshots')}/tv-home-update.png`);
  });

  it('shows the operator the box live, with its profile, version and the update marker, and nothing of the counter', async () => {
    await signIn(operator, server.city, 'operator');
    await waitForSignedIn(operator);
    expect(await (await byTestId(operator, 'current-staff')).getAttribute('data-role')).toBe('operator');
    await (await byTestId(operator, 'nav-fleet')).waitForExist({ timeout: 10_000 });
    expect(await (await byTestId(operator, 'nav-counter')).isExisting()).toBe(false);
    expect(await (await byTestId(operator, 'nav-devices')).isExisting()).toBe(false);
    expect(await operator.getUrl()).toMatch(/#\/fleet$/);

    const row = await fleetRow(deviceId, '[data-online="true"]');
    await row.waitForExist({ timeout: 10_000 });
    expect(await row.getAttribute('data-profile')).toBe('hbbtv');
    expect(await row.getAttribute('data-version')).toBe(APP_VERSION);
    expect(await row.getAttribute('data-update-available')).toBe('true');
    expect(await row.getText()).toContain('更新あり');
    const count = await byTestId(operator, 'fleet-update-count');
    expect(await count.getAttribute('data-count')).toBe('1');
    expect(await count.getText()).toContain('更新が 必要な 端末 1 台');
    expect(await (await byTestId(operator, 'fleet-latest-version')).getAttribute('data-version')).toBe(
      LATEST,
    );
    // The TV's first health report arrives live: Chromium tells its memory.
    await operator.waitUntil(async () => (await (await fleetRow(deviceId)).getText()).includes('MB'), {
      timeout: 10_000,
      timeoutMsg: 'the memory of the TV never showed',
    });

    // A counter address typed by hand still lands on the fleet.
    await operator.url(`${server.city}/staff/#/counter`);
    await (await fleetRow(deviceId)).waitForExist({ timeout: 10_000 });
    expect(await operator.getUrl()).toMatch(/#\/fleet$/);
    await operator.saveScreenshot(`${outputDir('screenshots')}/staff-fleet.png`);
  });

  it('filters by profile', async () => {
    const filter = await byTestId(operator, 'fleet-filter-profile');
    await filter.selectByAttribute('value', 'browser');
    await (await fleetRow(deviceId)).waitForExist({ reverse: true, timeout: 5_000 });
    await (await byTestId(operator, 'fleet-empty')).waitForExist({ timeout: 5_000 });
    await filter.selectByAttribute('value', 'hbbtv');
    await (await fleetRow(deviceId)).waitForExist({ timeout: 5_000 });
    await filter.selectByAttribute('value', '');
    await (await fleetRow(deviceId)).waitForExist({ timeout: 5_000 });
  });

  it('pushes a key map override: delivered to the TV at once, applied at its next start', async () => {
    await (await (await fleetRow(deviceId)).$('[data-testid="fleet-select"]')).click();
    const push = await byTestId(operator, 'fleet-push');
    expect(await push.getText()).toContain('選択した 端末（1 台）');
    await (await byTestId(operator, 'fleet-push-keymap')).setValue('{"403": "Red"}');
    await (await byTestId(operator, 'fleet-push-submit')).click();
    const done = await byTestId(operator, 'fleet-push-done');
    await done.waitForExist({ timeout: 10_000 });
    expect(await done.getAttribute('data-count')).toBe('1');

    await (
      await fleetRow(deviceId, '[data-config-state="delivered"][data-config-version="1"]')
    ).waitForExist({
      timeout: 10_000,
    });
    const stored = await tv.execute(() => [
      localStorage.getItem('madoguchi.pushedConfig'),
      localStorage.getItem('madoguchi.pushedConfigVersion'),
    ]);
    expect(JSON.parse(stored[0] ?? 'null')).toEqual({ keyMapOverride: { '403': 'Red' } });
    expect(stored[1]).toBe('1');
    expect(await (await fleetRow(deviceId)).getText()).toContain('v1 配信済み');

    // The next start uses it and says so at hello.
    await tv.refresh();
    await waitForTv(tv, (s) => s.screen === 'home' && s.online, 'Home after the restart');
    expect((await tvState(tv)).profile).toBe('hbbtv');
    await (await fleetRow(deviceId, '[data-config-state="applied"]')).waitForExist({ timeout: 10_000 });
    expect(await (await fleetRow(deviceId)).getText()).toContain('v1 適用済み');
    await operator.saveScreenshot(`${outputDir('screenshots')}/staff-fleet-push.png`);
  });

  it('refuses a bad server address in the form, and the box goes off line live', async () => {
    await (await (await fleetRow(deviceId)).$('[data-testid="fleet-select"]')).click();
    await replaceText(operator, byTestId(operator, 'fleet-push-keymap'), '');
    await (await byTestId(operator, 'fleet-push-server-url')).setValue('ftp://madoguchi.example.jp');
    await (await byTestId(operator, 'fleet-push-submit')).click();
    await (await byTestId(operator, 'fleet-push-server-url-error')).waitForExist({ timeout: 5_000 });
    expect(await (await fleetRow(deviceId)).getAttribute('data-config-version')).toBe('1');

    await tv.url('about:blank');
    await (await fleetRow(deviceId, '[data-online="false"]')).waitForExist({ timeout: 15_000 });
  });

  it('lets the operator whom みなと市 names look after its boxes too, from the same console', async () => {
    // A box of みなと市 (the bundled file names 大村市's operator in fleetOperators).
    await tv.url(`${server.url}/t/minato/tv/hbbtv/`);
    await waitForTv(tv, (s) => s.screen === 'firstStart', 'the first-start screen of みなと市');
    await press(tv, 'Enter');
    const home = await waitForTv(tv, (s) => s.screen === 'home' && s.deviceId !== null, 'Home of みなと市');
    const minatoId = home.deviceId as string;

    const city = await byTestId(operator, 'fleet-city');
    await city.waitForExist({ timeout: 10_000 });
    await city.selectByAttribute('value', 'minato');
    await (
      await operator.$('[data-testid="fleet-count"][data-city="minato"]')
    ).waitForExist({ timeout: 10_000 });
    await (await fleetRow(minatoId)).waitForExist({ timeout: 10_000 });
    expect(await (await fleetRow(deviceId)).isExisting()).toBe(false);
    expect(await (await byTestId(operator, 'fleet-not-live')).isExisting()).toBe(true);

    // A push goes to みなと市's box through みなと市's fleet, with the home session's CSRF token.
    // (The page's storage still holds 大村市's push from above: forget it, and push another map.)
    await tv.execute(() => {
      localStorage.removeItem('madoguchi.pushedConfig');
      localStorage.removeItem('madoguchi.pushedConfigVersion');
    });
    await (await (await fleetRow(minatoId)).$('[data-testid="fleet-select"]')).click();
    await replaceText(operator, byTestId(operator, 'fleet-push-server-url'), '');
    await (await byTestId(operator, 'fleet-push-keymap')).setValue('{"404": "Green"}');
    await (await byTestId(operator, 'fleet-push-submit')).click();
    await (await byTestId(operator, 'fleet-push-done')).waitForExist({ timeout: 10_000 });
    await tv.waitUntil(
      async () => {
        const stored = await tv.execute(() => localStorage.getItem('madoguchi.pushedConfig'));
        return (
          JSON.stringify(JSON.parse(stored ?? 'null')) ===
          JSON.stringify({ keyMapOverride: { '404': 'Green' } })
        );
      },
      { timeout: 10_000, timeoutMsg: 'the box of みなと市 never got the push' },
    );
    await (await byTestId(operator, 'fleet-refresh')).click();
    await (await fleetRow(minatoId, '[data-config-state="delivered"]')).waitForExist({ timeout: 10_000 });

    // And back to 大村市's own boxes, live again.
    await city.selectByAttribute('value', 'omura');
    await (await fleetRow(deviceId)).waitForExist({ timeout: 10_000 });
    expect(await (await fleetRow(minatoId)).isExisting()).toBe(false);
    expect(await (await byTestId(operator, 'fleet-push-done')).isExisting()).toBe(false);
    await (await byTestId(operator, 'live-status')).waitForExist();
    await operator.saveScreenshot(`${outputDir('screenshots')}/staff-fleet-cities.png`);
  });
});
