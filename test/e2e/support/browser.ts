import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Key, remote, type ChainablePromiseElement } from 'webdriverio';

export type Browser = WebdriverIO.Browser;

export interface BrowserOptions {
  width?: number;
  height?: number;
}

/**
 * Debian's Chromium through Debian's chromedriver: nothing is downloaded. Flags from
 * TOOLCHAIN.md (headless WebGL through SwiftShader, fake camera and microphone, no
 * background networking on a closed network).
 */
export async function openBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const profile = mkdtempSync(join(tmpdir(), 'madoguchi-chromium-'));
  const browser = await remote({
    logLevel: 'warn',
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--enable-unsafe-swiftshader',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          `--user-data-dir=${profile}`,
          `--window-size=${width},${height}`,
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
          '--allow-loopback-in-peer-connection',
          '--autoplay-policy=no-user-gesture-required',
        ],
      },
      // An empty allowedIps keeps chromedriver on 127.0.0.1 (webdriverio's default opens it to all).
      'wdio:chromedriverOptions': {
        binary: '/usr/bin/chromedriver',
        allowedIps: [],
      } as WebdriverIO.ChromedriverOptions,
    },
  });
  await browser.setViewport({ width, height });
  profiles.set(browser, profile);
  return browser;
}

const profiles = new WeakMap<Browser, string>();

/** Ends the session (chromedriver and Chromium exit) and removes the throwaway profile. */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  try {
    await browser.deleteSession();
  } finally {
    const profile = profiles.get(browser);
    if (profile) rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Replaces a field's text as an officer does: select all, delete, type. WebDriver's clear (which
 * setValue starts with) fires no `input` event, so a Preact-controlled field that re-renders
 * between the clear and the first key (the call panel's clock does, every second) gets its old
 * text back and the new text is typed after it.
 */
export async function replaceText(
  browser: Browser,
  field: ChainablePromiseElement,
  text: string,
): Promise<void> {
  const element = await field;
  await element.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys(Key.Backspace);
  await browser.waitUntil(async () => (await element.getValue()) === '', {
    timeoutMsg: 'the field did not empty',
  });
  if (text) await element.addValue(text);
}
