import { expect } from 'vitest';
import type { Browser } from './browser.js';
import { byTestId } from './staff.js';
import { press, waitForTv } from './tv.js';

/** Home → the line above the tiles → sign-in; the TV shows its code and QR. */
export async function showSignIn(tv: Browser): Promise<{ userCode: string; link: string }> {
  await press(tv, 'd');
  await waitForTv(tv, (s) => s.screen === 'home', 'Home');
  await press(tv, 'ArrowUp');
  await waitForTv(tv, (s) => s.focusId === 'profile', 'the profile line');
  await press(tv, 'Enter');
  const shown = await waitForTv(
    tv,
    (s) => s.screen === 'link' && s.link.state === 'showing' && s.link.userCode !== null,
    'the sign-in code',
  );
  const { userCode, verificationUriComplete: link } = shown.link;
  if (userCode === null || link === null) throw new Error('the sign-in screen shows no code');
  return { userCode, link };
}

/** The phone opens the TV's link, checks the code, confirms, and signs in at the provider. */
export async function phoneSignsIn(
  phone: Browser,
  link: string,
  userCode: string,
  loginId: string,
): Promise<void> {
  await phone.url(link);
  expect(await (await byTestId(phone, 'phone-shown-code')).getText()).toBe(userCode);
  await (await byTestId(phone, 'phone-confirm')).click();
  await phone.$('#login').setValue(loginId);
  await phone.$('#password').setValue('omura-demo');
  await (await byTestId(phone, 'idp-submit')).click();
  await (await byTestId(phone, 'phone-linked')).waitForExist({ timeout: 15_000 });
}

/**
 * On the phone's 「わたしの設定」 page (/my, still signed in there), sets one consent and waits
 * until the page shows it set.
 */
export async function phoneSetsConsent(
  phone: Browser,
  serverUrl: string,
  purpose: string,
  granted: boolean,
): Promise<void> {
  await phone.url(`${serverUrl}/my`);
  const row = phone.$(`[data-testid="phone-consent"][data-purpose="${purpose}"][data-granted="${!granted}"]`);
  await (await row.$('[data-testid="phone-consent-toggle"]')).click();
  await phone
    .$(`[data-testid="phone-consent"][data-purpose="${purpose}"][data-granted="${granted}"]`)
    .waitForExist();
}
