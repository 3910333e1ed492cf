import type { TenantPublic, Topic } from '@madoguchi/shared';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputDir } from './support/paths.js';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import { staffCallStats, tvCallStats, videoFlows } from './support/call.js';
import { drawnCount, drawnTexts, recordDrawingFromNow, screenPixel, waitForDrawn } from './support/drawn.js';
import { BUNDLED_TENANTS_DIR, citiesFolder } from '../support/cities.js';
import { startServer, type RunningServer } from './support/server.js';
import { acceptNext, byTestId, signIn, waitForSignedIn } from './support/staff.js';
import { detailsOn, press, startFresh, tvState, waitForTv } from './support/tv.js';

// Two cities on one installation, seen as their people see them: a TV and an officer of 大村市 and
// of みなと市 at the same time on one server. Each TV draws its own city (name, background, Home,
// topics), each console lists its own city's topics and only its own city's waiting TV, and a call
// runs in each city at once with video both ways.

type TenantFile = Pick<TenantPublic, 'id' | 'displayName' | 'colours' | 'services'> & {
  counter: { topics: Topic[] };
};

interface City {
  file: TenantFile;
  /** `<server>/t/<id>` */
  base: string;
  tv: Browser;
  officer: Browser;
  deviceId: string;
}

/** The tenant file as the bundle has it: what each city's screens must show. */
function tenantFile(id: string): TenantFile {
  return JSON.parse(readFileSync(join(BUNDLED_TENANTS_DIR, `${id}.json`), 'utf8')) as TenantFile;
}

let tenantsDir: string;
let server: RunningServer;
let omura: City;
let minato: City;
const browsers: Browser[] = [];

beforeAll(async () => {
  tenantsDir = citiesFolder();
  server = await startServer({
    name: 'cities',
    env: { MADOGUCHI_TENANTS_DIR: tenantsDir, MADOGUCHI_TENANT_FILE: '' },
  });
  const open = async (): Promise<Browser> => {
    const browser = await openBrowser();
    browsers.push(browser);
    return browser;
  };
  const city = async (id: string): Promise<City> => ({
    file: tenantFile(id),
    base: `${server.url}/t/${id}`,
    tv: await open(),
    officer: await open(),
    deviceId: '',
  });
  [omura, minato] = await Promise.all([city('omura'), city('minato')]);
  expect(omura.file.displayName.ja).toBe('大村市');
  expect(minato.file.displayName.ja).toBe('みなと市');
});

afterAll(async () => {
  for (const browser of browsers) await closeBrowser(browser);
  await server?.stop();
  if (tenantsDir) rmSync(tenantsDir, { recursive: true, force: true });
});

const both = <T>(run: (city: City, other: City) => Promise<T>): Promise<[T, T]> =>
  Promise.all([run(omura, minato), run(minato, omura)]);

const labels = (file: TenantFile): string[] => file.counter.topics.map((topic) => topic.label.ja);

/** The colour at the centre of each bundled logo (window-server/tenants/logos/*.svg). */
const LOGO_CENTRE: Record<string, string> = { omura: '#ffd23f', minato: '#00838f' };

/** `#rrggbb` → [r, g, b]. */
function rgbOf(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

describe('two cities on one installation, in Chromium', () => {
  it('each TV draws its own city: its name, its background colour, its Home, its topics', async () => {
    await both(async ({ tv, base, file }, other) => {
      await recordDrawingFromNow(tv);
      const deviceId = await startFresh(tv, base);
      (file.id === 'omura' ? omura : minato).deviceId = deviceId;

      // The header's greeting, as drawn on the canvas.
      await waitForDrawn(tv, 0, (d) => d.text === `${file.displayName.ja} テレビ窓口`, 'the city name');

      // The page behind the transparent canvas, read from a screenshot: the city's background.
      const expected = rgbOf(file.colours.background);
      let seen: number[] = [];
      await tv
        .waitUntil(
          async () => {
            seen = await screenPixel(tv, 4, 4);
            return seen.every((value, n) => Math.abs(value - (expected[n] as number)) <= 1);
          },
          { timeout: 5_000, interval: 200 },
        )
        .catch(() => {
          throw new Error(
            `${file.id}: the screen's background is rgb(${seen.join(', ')}); the tenant file says ${file.colours.background}`,
          );
        });

      // The city's logo beside its name, read from the screenshot: the colour at its centre is the
      // one its SVG has there (大村市: the yellow hill; みなと市: the teal square).
      const logoCentre = rgbOf(LOGO_CENTRE[file.id] as string);
      const logo = await tv.waitUntil(
        async () => {
          const state = await tvState(tv);
          return state.logo?.loaded ? state.logo : false;
        },
        { timeout: 5_000, timeoutMsg: `${file.id}: the logo never loaded` },
      );
      const centre = await screenPixel(tv, logo.rect.x + logo.rect.w / 2, logo.rect.y + logo.rect.h / 2);
      expect(
        centre.every((value, n) => Math.abs(value - (logoCentre[n] as number)) <= 8),
        `${file.id}: the logo's centre is rgb(${centre.join(', ')}), its SVG has ${LOGO_CENTRE[file.id]}`,
      ).toBe(true);
      // Its transparent corner shows the city's background, not a black square.
      const corner = await screenPixel(tv, logo.rect.x + 1, logo.rect.y + 1);
      expect(
        corner.every((value, n) => Math.abs(value - (expected[n] as number)) <= 8),
        `${file.id}: the logo's corner is rgb(${corner.join(', ')}), the background ${file.colours.background}`,
      ).toBe(true);

      // Home: the wallet tile (地域通貨) is 大村市's, みなと市 has no wallet.
      const home = await tvState(tv);
      const texts = await drawnTexts(tv);
      if (file.services.includes('wallet')) {
        expect(home.tiles).toContain('wallet');
        expect(texts).toContain('地域通貨');
      } else {
        expect(home.tiles).not.toContain('wallet');
        expect(texts).not.toContain('地域通貨');
      }

      // The video counter's topic screen draws this city's topics and none that only the other has.
      const mark = await drawnCount(tv);
      await press(tv, 'g');
      const topics = await waitForTv(
        tv,
        (s) => s.screen === 'videoCounter' && s.counter.topics.length > 0,
        'the topics',
      );
      expect(topics.counter.topics).toEqual(file.counter.topics.map((topic) => topic.id));
      for (const label of labels(file)) {
        await waitForDrawn(tv, mark, (d) => d.text.includes(label), `the topic ${label}`);
      }
      const onlyTheOthers = labels(other.file).filter((label) => !labels(file).includes(label));
      expect(onlyTheOthers.length).toBeGreaterThan(0);
      const drawnHere = (await drawnTexts(tv)).slice(mark);
      for (const label of onlyTheOthers) expect(drawnHere.filter((text) => text.includes(label))).toEqual([]);

      // Nothing of the other city was ever drawn.
      const everything = await drawnTexts(tv);
      expect(everything.filter((text) => text.includes(other.file.displayName.ja))).toEqual([]);
      await tv.saveScreenshot(`${outputDir('screenshots')}/cities-${file.id}-tv-topics.png`);
    });
    expect(omura.deviceId).not.toBe(minato.deviceId);
  });

  it("each city's console names its city, with its logo, and lists its own topics", async () => {
    await both(async ({ officer, base, file }) => {
      await signIn(officer, base, 'staff');
      await waitForSignedIn(officer);
      // Whose counter this is, in the header: the name, and the logo as the browser decoded it.
      const name = await officer.$('.header [data-testid="city-name"]');
      await name.waitForExist({ timeout: 10_000 });
      expect(await name.getText()).toBe(file.displayName.ja);
      await officer.waitUntil(
        () =>
          officer.execute(() => {
            const logo = document.querySelector<HTMLImageElement>('.header [data-testid="city-logo"]');
            return logo !== null && logo.complete && logo.naturalWidth > 0;
          }),
        { timeout: 5_000, timeoutMsg: `${file.id}: the console's logo did not load` },
      );
      expect(await officer.getTitle()).toContain(file.displayName.ja);
      await officer.$('[data-testid="queue-group"]').waitForExist({ timeout: 10_000 });
      const groups = await officer.$$('[data-testid="queue-group"]');
      const shown: { topic: string | null; title: string }[] = [];
      for (const group of groups) {
        shown.push({
          topic: await group.getAttribute('data-topic'),
          title: await group.$('.queue-group__title').getText(),
        });
      }
      expect(shown.map((group) => group.topic)).toEqual(file.counter.topics.map((topic) => topic.id));
      shown.forEach((group, n) => expect(group.title).toContain(labels(file)[n]));
    });
  });

  it('a call in each city at once: each officer sees only their own TV waiting, video flows both ways in both', async () => {
    // Every device id that ever shows in a console's queue, written down by the page itself.
    await both(({ officer }) =>
      officer.execute(() => {
        const seen = new Set<string>();
        const look = () =>
          document
            .querySelectorAll('[data-testid="queue-row"][data-device-id]')
            .forEach((row) => seen.add(row.getAttribute('data-device-id') as string));
        new MutationObserver(look).observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-device-id'],
        });
        look();
        (window as unknown as { __queueDevices: () => string[] }).__queueDevices = () => [...seen];
      }),
    );
    const queueDevices = (officer: Browser) =>
      officer.execute(() => (window as unknown as { __queueDevices: () => string[] }).__queueDevices());

    // Both TVs take the first topic of their city and wait in line.
    await both(async ({ tv, file }) => {
      await press(tv, 'Enter');
      const waiting = await waitForTv(tv, (s) => s.counter.entry?.status === 'waiting', 'waiting in line');
      expect(waiting.counter.entry).toMatchObject({ position: 1, topic: file.counter.topics[0]?.id });
    });

    // Both are in line now: each console shows its own TV, alone.
    await both(async ({ officer, deviceId }, other) => {
      await officer
        .$(`[data-testid="queue-row"][data-device-id="${deviceId}"]`)
        .waitForExist({ timeout: 10_000 });
      await officer.$('[data-testid="queue-count"][data-count="1"]').waitForExist({ timeout: 5_000 });
      expect(
        await officer.$(`[data-testid="queue-row"][data-device-id="${other.deviceId}"]`).isExisting(),
      ).toBe(false);
    });

    // Both officers accept; both calls connect.
    await both(async ({ officer, tv, file }) => {
      await acceptNext(officer);
      const panel = await officer.$('[data-testid="call-panel"][data-call-state="connected"]');
      const consultationId = await panel.getAttribute('data-consultation-id');
      expect(await panel.$('.call__topic').getText()).toBe(labels(file)[0]);
      const inCall = await waitForTv(
        tv,
        (s) => s.counter.call?.status === 'active' && s.counter.call.sessionState === 'connected',
        'in the call',
        20_000,
      );
      expect(inCall.counter.call).toMatchObject({ consultationId, sending: { audio: true, video: true } });
    });

    // Media both ways in both cities, at the same time.
    await Promise.all(
      [omura, minato].flatMap(({ tv, officer, file }) => [
        videoFlows(() => tvCallStats(tv), `${file.id}: the TV receives its officer`),
        videoFlows(() => staffCallStats(officer), `${file.id}: the officer receives the TV`),
      ]),
    );
    await both(async ({ tv, file }) => {
      await tv.saveScreenshot(`${outputDir('screenshots')}/cities-${file.id}-tv-call.png`);
    });

    // Neither console ever listed the other city's TV.
    await both(async ({ officer, deviceId }) => expect(await queueDevices(officer)).toEqual([deviceId]));

    // Both officers end; both TVs get the survey, which they skip.
    await both(async ({ officer, tv }) => {
      await (await byTestId(officer, 'end-outcome')).selectByAttribute('value', 'resolved');
      await (await byTestId(officer, 'end-submit')).click();
      await officer.$('[data-testid="call-panel"]').waitForExist({ reverse: true, timeout: 10_000 });
      await waitForTv(tv, (s) => detailsOn(s, 'videoCounter')?.view === 'survey', 'the survey');
      await press(tv, 'r');
      await waitForTv(
        tv,
        (s) => s.counter.surveyFor === null && s.counter.call?.status === 'ended',
        'the call over, the survey skipped',
      );
    });
  });
});
