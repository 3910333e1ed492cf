import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_TENANTS_DIR } from '../support/cities.js';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import { outputDir } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';
import { byTestId, loginErrorCode, signIn, waitForSignedIn } from './support/staff.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ name: 'staff-console' });
  browser = await openBrowser();
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.stop();
});

describe('staff console sign-in', () => {
  it('refuses a wrong password with a clear message', async () => {
    await signIn(browser, server.city, 'supervisor', 'not the password');
    expect(await loginErrorCode(browser)).toBe('LOGIN_FAILED');
    expect(await (await byTestId(browser, 'login-error')).getText()).toContain('パスワードが 違います');
  });

  it('locks the account after five failures, and says for how long', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await signIn(browser, server.city, 'staff', `wrong password ${attempt}`);
      await loginErrorCode(browser);
    }
    expect(await loginErrorCode(browser)).toBe('ACCOUNT_LOCKED');
    await signIn(browser, server.city, 'staff');
    expect(await loginErrorCode(browser)).toBe('ACCOUNT_LOCKED');
    expect(await (await byTestId(browser, 'login-error')).getText()).toContain('15分間');
  });

  it('signs in an admin, who sees the staff accounts page, in Japanese and in English', async () => {
    await signIn(browser, server.city, 'admin');
    await waitForSignedIn(browser);
    expect(await (await byTestId(browser, 'current-staff')).getAttribute('data-role')).toBe('admin');
    await (await byTestId(browser, 'nav-accounts')).click();
    await (await byTestId(browser, 'accounts-table')).waitForExist();
    expect(await browser.$('h1').getText()).toContain('職員アカウント');
    await (await byTestId(browser, 'lang-en')).click();
    await browser.waitUntil(async () => (await browser.$('h1').getText()).includes('Staff accounts'));
    await (await byTestId(browser, 'lang-ja')).click();
    await browser.saveScreenshot(`${outputDir('screenshots')}/staff-accounts.png`);
  });

  it("shows the admin their city as its file has it: names, topics, and each partner's health", async () => {
    const file = JSON.parse(readFileSync(join(BUNDLED_TENANTS_DIR, 'omura.json'), 'utf8')) as {
      displayName: { ja: string };
      counter: { topics: { id: string; label: { ja: string } }[] };
    };
    await (await byTestId(browser, 'nav-city')).click();
    const config = await byTestId(browser, 'city-config');
    await config.waitForExist({ timeout: 10_000 });
    expect(await config.getAttribute('data-tenant')).toBe('omura');
    expect(await (await byTestId(browser, 'city-basics')).getText()).toContain(file.displayName.ja);
    const topics = await browser.$$('[data-testid="city-topic"]');
    const shown: string[] = [];
    for (const row of topics) shown.push(await row.getText());
    expect(shown).toHaveLength(file.counter.topics.length);
    shown.forEach((text, n) => expect(text).toContain(file.counter.topics[n]?.label.ja));
    // The embedded sandbox partners, each with where its key comes from and its circuit.
    const partners = await browser.$$('[data-testid="city-partner"]');
    const names: (string | null)[] = [];
    for (const row of partners) {
      names.push(await row.getAttribute('data-partner'));
      expect(await row.$('[data-testid="city-partner-breaker"]').getText()).not.toBe('');
    }
    expect(names.sort()).toEqual(['childcare', 'currency', 'mutualAid', 'portal']);
    await browser.saveScreenshot(`${outputDir('screenshots')}/staff-city.png`);
  });
});
