import type { RouteName } from '../../../tv-app/src/services/AppContext.js';
import type { MadoguchiState } from '../../../tv-app/src/testHook/contract.js';
import type { ScreenDetails, ServiceDetails } from '../../../tv-app/src/testHook/screenDetails.js';
import type { Browser } from './browser.js';

export type TvState = MadoguchiState;

/** The state while screen `R` is on: its details are that screen's. */
export type TvStateOn<R extends RouteName> = TvState & { screen: R; details: ScreenDetails[R] };

export function onScreen<R extends RouteName>(state: TvState, route: R): state is TvStateOn<R> {
  return state.screen === route;
}

/** What screen `route` reports, or null while another screen is on. */
export function detailsOn<R extends RouteName>(state: TvState, route: R): ScreenDetails[R] | null {
  return onScreen(state, route) ? state.details : null;
}

/** What a service screen (お知らせ, 地域通貨, 地域共助, 子育て) reports, or null on any other screen. */
export function serviceDetails(state: TvState): ServiceDetails<string> | null {
  switch (state.screen) {
    case 'notices':
    case 'wallet':
    case 'mutualAid':
    case 'childcare':
      return state.details;
    default:
      return null;
  }
}

/** The TV app's own account of itself (`window.__madoguchi`), read from the page. */
export async function tvState(browser: Browser): Promise<TvState> {
  const state = await browser.execute(() => window.__madoguchi?.state() ?? null);
  if (!state) throw new Error('the TV app has not installed its test hook yet');
  return state;
}

export async function announcements(browser: Browser): Promise<string[]> {
  return browser.execute(() => [...(window.__madoguchi?.announcements ?? [])]);
}

/** Waits until the state satisfies `check`; on time-out, says what the state was. */
export async function waitForTv(
  browser: Browser,
  check: (state: TvState) => boolean,
  what: string,
  timeout = 15_000,
): Promise<TvState> {
  let last: TvState | null = null;
  try {
    return await browser.waitUntil(
      async () => {
        const state = await browser.execute(() => window.__madoguchi?.state() ?? null);
        last = state;
        return state !== null && check(state) ? state : false;
      },
      { timeout, interval: 50 },
    );
  } catch {
    throw new Error(`TV never reached: ${what}\nlast state: ${JSON.stringify(last, null, 1)}`);
  }
}

export async function openTv(browser: Browser, url: string, profile?: string): Promise<void> {
  await browser.url(`${url}/tv/${profile ? `?profile=${profile}` : ''}`);
  await browser.waitUntil(async () => browser.execute(() => window.__madoguchi !== undefined), {
    timeout: 20_000,
  });
}

/** Presses keys the way a keyboard does (browser profile: arrows, Enter, Backspace, digits, r/g/y/b, d). */
export async function press(browser: Browser, ...keys: string[]): Promise<void> {
  for (const key of keys) await browser.keys(key);
}

/** Home's sixth tile (そのほか), then the n-th entry there: hours 1, guide 2, settings 3. */
export async function openFromMore(browser: Browser, digit: '1' | '2' | '3'): Promise<void> {
  await press(browser, '6');
  await waitForTv(browser, (s) => s.screen === 'more' && s.interactive, 'そのほか');
  await press(browser, digit);
}

/** A TV remote's key code that no PC keyboard sends (VK_GREEN 404, VK_BACK 461…), as the STB browser would. */
export async function pressKeyCode(browser: Browser, keyCode: number): Promise<void> {
  await browser.execute((code: number) => {
    for (const type of ['keydown', 'keyup']) {
      const event = new KeyboardEvent(type, { bubbles: true });
      // Chromium ignores keyCode in the init dictionary; STB browsers set it, so do the same.
      Object.defineProperty(event, 'keyCode', { get: () => code });
      Object.defineProperty(event, 'which', { get: () => code });
      window.dispatchEvent(event);
    }
  }, keyCode);
}

/**
 * From Home, with a TV remote's VK codes: VK_GREEN opens the video counter, VK_BACK returns Home,
 * VK_YELLOW makes the text larger (1.25).
 */
export async function checkVkGreenBackYellow(browser: Browser): Promise<void> {
  await pressKeyCode(browser, 404); // VK_GREEN
  await waitForTv(browser, (s) => s.screen === 'videoCounter', 'the video counter from VK_GREEN');
  await pressKeyCode(browser, 461); // VK_BACK
  await waitForTv(browser, (s) => s.screen === 'home', 'Home from VK_BACK');
  await pressKeyCode(browser, 405); // VK_YELLOW
  await waitForTv(browser, (s) => s.textScale === 1.25, 'larger text from VK_YELLOW');
}

/** First start: the welcome screen, OK, and Home. Returns the new device id. */
export async function startFresh(browser: Browser, url: string, profile?: string): Promise<string> {
  await openTv(browser, url, profile);
  await waitForTv(browser, (s) => s.screen === 'firstStart', 'the first-start screen');
  await press(browser, 'Enter');
  const home = await waitForTv(
    browser,
    (s) => s.screen === 'home' && s.interactive && s.deviceId !== null,
    'Home',
  );
  if (home.deviceId === null) throw new Error('Home without a device id');
  return home.deviceId;
}
