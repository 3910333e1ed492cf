import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openBrowser, type Browser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { press, startFresh, tvState, waitForTv } from './support/tv.js';

const ALWAYS_OPEN = fileURLToPath(new URL('../fixtures/tenant-always-open.json', import.meta.url));

let server: RunningServer;
const tvs: Browser[] = [];

afterAll(async () => {
  for (const tv of tvs) await closeBrowser(tv);
  await server?.stop();
});

describe('the queue survives kill -9 of the server', () => {
  it('keeps three waiting TVs in order; each shows its same place after the restart', async () => {
    server = await startServer({ name: 'restart-1', env: { MADOGUCHI_TENANT_FILE: ALWAYS_OPEN } });
    for (let i = 0; i < 3; i += 1) {
      const tv = await openBrowser();
      tvs.push(tv);
      await startFresh(tv, server.city);
      await press(tv, 'g');
      await waitForTv(tv, (s) => s.screen === 'videoCounter' && s.counter.topics.length > 0, 'the topics');
      await press(tv, 'Enter');
      await waitForTv(tv, (s) => s.counter.entry?.position === i + 1, `waiting as number ${i + 1}`);
    }
    const before = await Promise.all(tvs.map(async (tv) => (await tvState(tv)).counter.entry));

    await server.kill();
    await Promise.all(tvs.map((tv) => waitForTv(tv, (s) => s.bannerVisible, 'the offline banner')));
    server = await startServer({
      name: 'restart-2',
      port: server.port,
      dataDir: server.dataDir,
      env: { MADOGUCHI_TENANT_FILE: ALWAYS_OPEN },
    });

    const after = await Promise.all(
      tvs.map((tv) =>
        waitForTv(tv, (s) => s.online && !s.bannerVisible && s.counter.entry !== null, 'back online', 30_000),
      ),
    );
    expect(after.map((s) => s.counter.entry?.entryId)).toEqual(before.map((e) => e?.entryId));
    expect(after.map((s) => s.counter.entry?.position)).toEqual([1, 2, 3]);
    expect(after.map((s) => s.screen)).toEqual(['videoCounter', 'videoCounter', 'videoCounter']);
  });
});
