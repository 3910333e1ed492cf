import { afterAll, beforeAll, it } from 'vitest';
import { closeBrowser, openBrowser, type Browser } from '../e2e/support/browser.js';
import { startServer, type RunningServer } from '../e2e/support/server.js';
import { openTv, startFresh, waitForTv } from '../e2e/support/tv.js';
import './pageMarks.js';
import { machine, machineLine, summarise, writeDocSection, writeJson, type Summary } from './report.js';

const THROTTLES = [1, 6];
const COLD_STARTS = 10;
const KEY_PRESSES = 60;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ name: 'bench-tv' });
  browser = await openBrowser();
  // A registered TV: cold start measures reaching Home, not the first-start screen.
  await startFresh(browser, server.city);
});

afterAll(async () => {
  await closeBrowser(browser);
  await server?.stop();
});

async function throttle(rate: number): Promise<void> {
  await browser.sendCommand('Emulation.setCPUThrottlingRate', { rate });
}

/** Navigation start → Home drawn and focused, with the HTTP cache off (a box that just booted). */
async function coldStarts(): Promise<number[]> {
  await browser.sendCommand('Network.enable', {});
  await browser.sendCommand('Network.setCacheDisabled', { cacheDisabled: true });
  const samples: number[] = [];
  for (let run = 0; run < COLD_STARTS; run += 1) {
    await browser.url('about:blank');
    await openTv(browser, server.city);
    const state = await waitForTv(
      browser,
      (s) => s.interactive && s.interactiveAt !== null,
      'interactive Home',
      60_000,
    );
    if (state.interactiveAt === null) throw new Error('Home interactive without a time');
    samples.push(state.interactiveAt);
  }
  return samples;
}

/**
 * keydown → the next animation frame after the app handled it. The app's own frame callback
 * (Lightning's render loop) was registered before ours, so ours runs after the frame is drawn.
 */
async function keyToFrame(): Promise<number[]> {
  await browser.execute(() => {
    const samples: number[] = [];
    window.__keyToFrame = samples;
    window.addEventListener(
      'keydown',
      (event) => {
        const t0 = event.timeStamp;
        requestAnimationFrame(() => samples.push(performance.now() - t0));
      },
      true,
    );
  });
  for (let press = 0; press < KEY_PRESSES; press += 1) {
    await browser.keys(press % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    await browser.waitUntil(
      async () => (await browser.execute(() => window.__keyToFrame?.length ?? 0)) > press,
      { timeout: 10_000, interval: 10 },
    );
  }
  return browser.execute(() => window.__keyToFrame ?? []);
}

it('TV app: cold start to interactive Home, and keydown to next frame', async () => {
  const results: Record<
    string,
    { coldStartMs: Summary; keyToFrameMs: Summary; raw: Record<string, number[]> }
  > = {};
  for (const rate of THROTTLES) {
    await throttle(rate);
    const cold = await coldStarts();
    await waitForTv(browser, (s) => s.screen === 'home' && s.interactive, 'Home');
    const keys = await keyToFrame();
    results[`${rate}x`] = {
      coldStartMs: summarise(cold),
      keyToFrameMs: summarise(keys),
      raw: { coldStartMs: cold, keyToFrameMs: keys },
    };
  }
  await throttle(1);
  const m = machine();
  writeJson('tv-app', { machine: m, results });

  const rows = THROTTLES.map((rate) => {
    const r = results[`${rate}x`] as (typeof results)[string];
    return `| ${rate}× | ${r.coldStartMs.median} | ${r.coldStartMs.p95} | ${r.keyToFrameMs.median} | ${r.keyToFrameMs.p95} |`;
  });
  writeDocSection(
    'tv-app',
    `## TV app / テレビアプリ

Cold start: navigation start → Home drawn and focused, HTTP cache disabled, a registered TV
(${COLD_STARTS} runs). Key to frame: keydown → the next animation frame after the app handled
the key (${KEY_PRESSES} presses of ←/→ on Home). CPU slowed with Chrome DevTools'
\`Emulation.setCPUThrottlingRate\` to imitate a set-top box. Milliseconds.

| CPU throttle | cold start median | cold start p95 | key→frame median | key→frame p95 |
|---|---|---|---|---|
${rows.join('\n')}

Machine: ${machineLine(m)}. Headless Chromium renders WebGL with SwiftShader (software), so frame
times here are pessimistic next to a box with a GPU. Run \`npm run bench\` to measure again.`,
  );
});
