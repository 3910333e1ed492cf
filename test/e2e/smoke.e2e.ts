import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ name: 'smoke' });
  browser = await openBrowser();
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.stop();
});

describe('the built system', () => {
  it('serves the staff console and the TV app from window-server', async () => {
    await browser.url(`${server.url}/staff/`);
    expect(await browser.getTitle()).toContain('まどぐち');
    await browser.url(`${server.url}/tv/`);
    expect(await browser.$('canvas').isExisting()).toBe(true);
  });
});
