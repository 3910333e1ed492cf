import type { Browser } from './browser.js';

export const DEMO_PASSWORD = 'madoguchi-demo';

const byTestId = (browser: Browser, id: string) => browser.$(`[data-testid="${id}"]`);

export async function signIn(
  browser: Browser,
  url: string,
  loginId: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await browser.url(`${url}/staff/`);
  await (await byTestId(browser, 'login-id')).setValue(loginId);
  await (await byTestId(browser, 'login-password')).setValue(password);
  await (await byTestId(browser, 'login-submit')).click();
}

export async function loginErrorCode(browser: Browser): Promise<string | null> {
  // The alert region is always on the page; it carries a code once sign-in has failed.
  const error = await browser.$('[data-testid="login-error"][data-error-code]');
  await error.waitForExist({ timeout: 10_000 });
  return error.getAttribute('data-error-code');
}

export async function waitForSignedIn(browser: Browser): Promise<void> {
  await (await byTestId(browser, 'current-staff')).waitForExist({ timeout: 10_000 });
}

export function deviceRow(browser: Browser, deviceId: string, online?: boolean) {
  const onlineSelector = online === undefined ? '' : `[data-online="${online}"]`;
  return browser.$(`[data-testid="device-row"][data-device-id="${deviceId}"]${onlineSelector}`);
}

export { byTestId };

/** The counter is the console's first page; the device list is one click away. */
export async function openDevicesPage(browser: Browser): Promise<void> {
  await (await byTestId(browser, 'nav-devices')).click();
  await browser
    .$('[data-testid="devices-table"], [data-testid="devices-empty"]')
    .waitForExist({ timeout: 10_000 });
}

/** The officer takes the next person waiting and waits until the call is connected. */
export async function acceptNext(officer: Browser): Promise<void> {
  await (await byTestId(officer, 'accept-next')).waitForClickable({ timeout: 10_000 });
  await (await byTestId(officer, 'accept-next')).click();
  await officer
    .$('[data-testid="call-panel"][data-call-state="connected"]')
    .waitForExist({ timeout: 20_000 });
}
